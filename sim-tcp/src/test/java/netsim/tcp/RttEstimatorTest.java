package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hosts' RTO estimators in integer nanoseconds ({@link HostProfile.RtoRule}). */
class RttEstimatorTest {
  private static final long MS = Time.MILLISECOND;

  private static RttEstimator estimator(HostProfile.RtoRule rule, long minRto, long maxRto) {
    TcpConfig config =
        TcpConfig.builder()
            .initialRto(Time.SECOND)
            .minRto(minRto)
            .maxRto(maxRto)
            .clockGranularity(MS)
            .build();
    return RttEstimator.of(rule, config);
  }

  @Nested
  class Rfc6298 {
    private final RttEstimator rtt =
        estimator(HostProfile.RtoRule.RFC6298, Time.millis(200), Time.seconds(120));

    @Test
    void beforeAnySample_theRtoIsTheInitialOne_andSrttIsUnknown() {
      assertThat(rtt.rto()).isEqualTo(Time.SECOND);
      assertThat(rtt.srtt()).isEqualTo(-1);
    }

    @Test
    void firstSample_setsSrttToIt_andRttvarToHalf() {
      // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max(G, 4 RTTVAR).
      rtt.sample(100 * MS, 1, 1, 1);
      assertThat(rtt.srtt()).isEqualTo(100 * MS);
      assertThat(rtt.rttvar()).isEqualTo(50 * MS);
      assertThat(rtt.rto()).isEqualTo(300 * MS);
    }

    @Test
    void laterSamples_moveSrttByAnEighth_andRttvarByAQuarter_roundingDown() {
      // RFC 6298 2.3, in the floors of (3 RTTVAR + |SRTT - R'|) / 4 and (7 SRTT + R') / 8.
      rtt.sample(100, 1, 1, 1);
      rtt.sample(61, 1, 1, 1);
      assertThat(rtt.rttvar()).isEqualTo((3 * 50 + 39) / 4);
      assertThat(rtt.srtt()).isEqualTo((7 * 100 + 61) / 8);
      rtt.sample(1000, 1, 1, 1);
      assertThat(rtt.rttvar()).isEqualTo((3 * 47 + (1000 - 95)) / 4);
      assertThat(rtt.srtt()).isEqualTo((7 * 95 + 1000) / 8);
    }

    @Test
    void samplesFromTimestamps_takeAppendixGsGains_dividedByTheExpectedSamples() {
      // RFC 7323 Appendix G: alpha' = alpha / ExpectedSamples, beta' = beta / ExpectedSamples.
      rtt.sample(100 * MS, 1, 1, 1);
      rtt.sample(180 * MS, 1, 1, 4);
      assertThat(rtt.rttvar()).isEqualTo(50 * MS + (80 - 50) * MS / 16);
      assertThat(rtt.srtt()).isEqualTo(100 * MS + 80 * MS / 32);
    }

    @Test
    void timeouts_doubleTheRto_upToTheMaximum_andASampleCancelsTheBackoff() {
      rtt.sample(100 * MS, 1, 1, 1);
      rtt.backOff();
      assertThat(rtt.rto()).isEqualTo(600 * MS);
      assertThat(rtt.backoffs()).isEqualTo(1);
      for (int i = 0; i < 20; i++) {
        rtt.backOff();
      }
      assertThat(rtt.rto()).isEqualTo(Time.seconds(120));
      rtt.sample(100 * MS, 1, 1, 1);
      assertThat(rtt.backoffs()).isZero();
      assertThat(rtt.rto()).isEqualTo(250 * MS); // RTTVAR 37.5 ms
    }

    @Test
    void samplesNearTheEndOfTime_neverWrap_theRtoStaysAtItsMaximum() {
      rtt.sample(Long.MAX_VALUE / 2, 1, 1, 1);
      rtt.sample(Long.MAX_VALUE / 3, 1, 1, 1);
      rtt.sample(Long.MAX_VALUE - 1, 1, 1, 1);
      assertThat(rtt.srtt()).isPositive();
      assertThat(rtt.rttvar()).isPositive();
      assertThat(rtt.rto()).isEqualTo(Time.seconds(120));
    }
  }

  /** Linux's tcp_rtt_estimator and tcp_set_rto, with rto_min 200 ms. */
  @Nested
  class Linux {
    private final RttEstimator rtt =
        estimator(HostProfile.RtoRule.LINUX, Time.millis(200), Time.seconds(120));

    @Test
    void firstSample_rtoIsSrttPlusTheLargerOfTwiceItAndTheMinimum() {
      // "make sure rto = 3*rtt": mdev = 2 R, rttvar = max(mdev, rto_min).
      rtt.sample(100 * MS, 1, 1001, 1);
      assertThat(rtt.srtt()).isEqualTo(100 * MS);
      assertThat(rtt.rttvar()).isEqualTo(50 * MS); // tcpi_rttvar = mdev_us >> 2
      assertThat(rtt.rto()).isEqualTo(300 * MS);
    }

    @Test
    void shortRtt_theMinimumIsAddedToSrtt_notAFloorOfTheSum() {
      // RFC 6298 would give max(200 ms, 10 + 4 * 5) = 200 ms.
      rtt.sample(10 * MS, 1, 1001, 1);
      assertThat(rtt.rto()).isEqualTo(210 * MS);
      RttEstimator rfc = estimator(HostProfile.RtoRule.RFC6298, Time.millis(200), Time.MINUTE);
      rfc.sample(10 * MS, 1, 1001, 1);
      assertThat(rfc.rto()).isEqualTo(200 * MS);
    }

    @Test
    void rttBelowSrtt_movesMdevWithAnEighthOfTheGain() {
      rtt.sample(100 * MS, 1, 1001, 1);
      rtt.sample(60 * MS, 501, 1001, 1);
      // err = -40: srtt = 95; |err| - mdev/4 = 40 - 50 < 0 is not damped: mdev4 = 200 - 10.
      assertThat(rtt.srtt()).isEqualTo(95 * MS);
      assertThat(rtt.rttvar()).isEqualTo(190 * MS / 4);
      assertThat(rtt.rto()).isEqualTo(295 * MS); // rttvar keeps the round trip's 200 ms
      rtt.sample(15 * MS, 501, 1001, 1);
      // err = -80 (srtt8 760 - 80): |err| - mdev4/4 = 80 - 47.5 = 32.5 > 0, damped to 4.0625.
      assertThat(rtt.srtt()).isEqualTo(85 * MS);
      assertThat(rtt.rttvar()).isEqualTo((190 * MS + 4_062_500) / 4);
    }

    @Test
    void rttAboveSrtt_raisesRttvarAtOnce() {
      rtt.sample(100 * MS, 1, 1001, 1);
      rtt.sample(300 * MS, 501, 1001, 1);
      // err = 200: srtt = 125; mdev4 = 200 + (200 - 50) = 350 > rttvar: rttvar = 350.
      assertThat(rtt.srtt()).isEqualTo(125 * MS);
      assertThat(rtt.rto()).isEqualTo(475 * MS);
    }

    @Test
    void oncePerRoundTrip_rttvarDecaysAQuarterOfTheWayToTheRoundTripsLargestMdev() {
      rtt.sample(100 * MS, 1, 1001, 1);
      rtt.sample(300 * MS, 501, 1001, 1); // rttvar 350, round trip ends when SND.UNA > 1001
      rtt.sample(125 * MS, 1101, 2001, 1);
      // A new round trip: mdev4 = 262.5; the largest of the last one (350) equals rttvar.
      assertThat(rtt.rto()).isEqualTo(475 * MS);
      rtt.sample(125 * MS, 2101, 3001, 1);
      // mdev4 = 196.875; this round trip's largest is rto_min (200): rttvar = 350 - 150/4.
      assertThat(rtt.rttvar()).isEqualTo(196_875_000L / 4);
      assertThat(rtt.rto()).isEqualTo(438 * MS); // 125 + 312.5, rounded up to the tick
    }

    @Test
    void manyTinySamples_rttvarNeverFallsBelowTheMinimumRto() {
      long sndUna = 1;
      for (int i = 0; i < 50; i++) {
        rtt.sample(MS, sndUna, sndUna + 1000, 1);
        sndUna += 1001;
      }
      assertThat(rtt.srtt()).isEqualTo(MS);
      assertThat(rtt.rto()).isEqualTo(201 * MS);
    }

    @Test
    void timeouts_doubleTheRto_upToTcpRtoMax() {
      rtt.sample(100 * MS, 1, 1001, 1);
      rtt.backOff();
      rtt.backOff();
      assertThat(rtt.rto()).isEqualTo(1200 * MS);
      assertThat(rtt.backoffs()).isEqualTo(2);
      for (int i = 0; i < 20; i++) {
        rtt.backOff();
      }
      assertThat(rtt.rto()).isEqualTo(Time.seconds(120));
    }
  }

  /** FreeBSD's tcp_xmit_timer with rexmit_min 30 ms and rexmit_slop 200 ms. */
  @Nested
  class FreeBsd {
    private final RttEstimator rtt =
        estimator(HostProfile.RtoRule.FREEBSD, Time.millis(30), Time.seconds(60));

    @Test
    void beforeAnySample_theRtoIsRexmitInitial_withoutTheSlop() {
      assertThat(rtt.rto()).isEqualTo(Time.SECOND);
    }

    @Test
    void firstSample_rtoIsSrttPlusFourRttvar_plusTheSlop() {
      rtt.sample(100 * MS, 1, 1001, 1);
      assertThat(rtt.srtt()).isEqualTo(100 * MS);
      assertThat(rtt.rto()).isEqualTo(500 * MS);
    }

    @Test
    void shortRtt_theRtoIsRexmitMinPlusTheSlop() {
      rtt.sample(MS, 1, 1001, 1);
      assertThat(rtt.rto()).isEqualTo(230 * MS);
    }

    @Test
    void everySampleTakesTheFullGains_noAppendixG() {
      rtt.sample(100 * MS, 1, 1001, 1);
      rtt.sample(180 * MS, 1, 1001, 4);
      assertThat(rtt.srtt()).isEqualTo(110 * MS);
      assertThat(rtt.rttvar()).isEqualTo(57_500_000L);
    }

    @Test
    void timeouts_multiplyTheRtoBeforeTheSlop_byUpTo64() {
      rtt.sample(100 * MS, 1, 1001, 1); // REXMTVAL 300 ms
      rtt.backOff();
      assertThat(rtt.rto()).isEqualTo(800 * MS);
      rtt.backOff();
      assertThat(rtt.rto()).isEqualTo(1400 * MS);
      for (int i = 0; i < 4; i++) {
        rtt.backOff();
      }
      assertThat(rtt.rto()).isEqualTo(19_400 * MS); // 64 * 300 ms + 200 ms
      rtt.backOff();
      assertThat(rtt.rto()).isEqualTo(19_400 * MS);
    }
  }
}
