package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

/** RFC 6298's estimator in integer nanoseconds. */
class RttEstimatorTest {
  private final RttEstimator rtt =
      new RttEstimator(Time.SECOND, Time.millis(200), Time.seconds(120), Time.MILLISECOND);

  @Test
  void firstSample_setsSrttToIt_andRttvarToHalf() {
    // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max(G, 4 RTTVAR).
    rtt.sample(Time.millis(100));
    assertThat(rtt.srtt()).isEqualTo(Time.millis(100));
    assertThat(rtt.rttvar()).isEqualTo(Time.millis(50));
    assertThat(rtt.rto()).isEqualTo(Time.millis(300));
  }

  @Test
  void laterSamples_moveSrttByAnEighth_andRttvarByAQuarter_roundingDown() {
    // RFC 6298 2.3, in the floors of (3 RTTVAR + |SRTT - R'|) / 4 and (7 SRTT + R') / 8.
    rtt.sample(100);
    rtt.sample(61);
    assertThat(rtt.rttvar()).isEqualTo((3 * 50 + 39) / 4);
    assertThat(rtt.srtt()).isEqualTo((7 * 100 + 61) / 8);
    rtt.sample(1000);
    assertThat(rtt.rttvar()).isEqualTo((3 * 47 + (1000 - 95)) / 4);
    assertThat(rtt.srtt()).isEqualTo((7 * 95 + 1000) / 8);
  }

  @Test
  void samplesNearTheEndOfTime_neverWrap_theRtoStaysAtItsMaximum() {
    rtt.sample(Long.MAX_VALUE / 2);
    rtt.sample(Long.MAX_VALUE / 3);
    rtt.sample(Long.MAX_VALUE - 1);
    assertThat(rtt.srtt()).isPositive();
    assertThat(rtt.rttvar()).isPositive();
    assertThat(rtt.rto()).isEqualTo(Time.seconds(120));
  }
}
