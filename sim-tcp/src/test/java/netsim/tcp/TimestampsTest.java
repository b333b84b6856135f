package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 7323 beyond the options themselves: RTT measurement from timestamps (RTTM, 4.2 and Appendix
 * G), which timestamp to echo (4.3) and PAWS (5), with the hosts' variants of PAWS. Our timestamp
 * clock ticks in milliseconds with no offset here, so our TSval is the time in ms.
 */
class TimestampsTest {
  private static final long MS = Time.MILLISECOND;

  /** RFC values, timestamps on, no window scaling, a minimum RTO of 200 ms to see the RTO. */
  private static final TcpConfig RFC =
      TcpConfig.builder()
          .windowScaling(false)
          .receiveBuffer(TcpHarness.WINDOW)
          .minRto(Time.millis(200))
          .build();

  /**
   * The peer's SYN (TSval 100) at 1 s, our SYN,ACK (TSval 1000), the peer's ACK at 1.1 s (TSval
   * 200) echoing {@code handshakeEcr}.
   */
  private static TcpHarness established(TcpConfig config, long handshakeEcr) {
    TcpHarness h = new TcpHarness(config, true);
    h.now = Time.seconds(1);
    h.connection.acceptSyn(h.stamped("SYN", 5000, 0, 100, 0, 0));
    h.expect("SYN|ACK seq=1000 ack=5001");
    h.now = Time.millis(1100);
    h.connection.onSegment(h.stamped("ACK", 5001, 1001, 200, handshakeEcr, 0));
    h.expectNothing();
    return h;
  }

  private static TcpHarness established(TcpConfig config) {
    return established(config, 1000);
  }

  private static long lastEcr(TcpHarness h) {
    return h.sent.get(h.sent.size() - 1).options().tsEcr();
  }

  @Nested
  class Rttm {
    @Test
    void handshakeAck_echoingOurSynAck_givesTheFirstSample() {
      TcpHarness h = established(RFC);
      assertThat(h.connection.info().srtt()).isEqualTo(100 * MS);
      assertThat(h.connection.info().rto()).isEqualTo(300 * MS);
    }

    @Test
    void theSample_isTheEchoedTimestampsAge_notTheTimedSegments() {
      // RFC 7323 4.2: the TSecr 950 says our segment left at 950 ms; Karn's timing would say 100.
      TcpHarness h = established(RFC, 950);
      assertThat(h.connection.info().srtt()).isEqualTo(150 * MS);
    }

    @Test
    void anEchoOfZero_isNoSample_theTimedSegmentGivesIt() {
      TcpHarness h = established(RFC, 0);
      assertThat(h.connection.info().srtt()).isEqualTo(100 * MS);
    }

    @Test
    void everyAckOfNewData_givesASample_withAppendixGsGains() {
      TcpHarness h = established(RFC);
      h.connection.send(new byte[3 * 1448]); // the initial window of 4380 bytes: 3 segments
      h.expect(
          "ACK seq=1001 ack=5001 len=1448",
          "ACK seq=2449 ack=5001 len=1448",
          "PSH|ACK seq=3897 ack=5001 len=1448");
      h.now = Time.millis(1200);
      h.connection.onSegment(h.stamped("ACK", 5001, 2449, 201, 1100, 0));
      // FlightSize 4344: ExpectedSamples = ceiling(4344 / 2896) = 2. R' = 100 ms = SRTT:
      // RTTVAR <- 50 - 50 / 8.
      assertThat(h.connection.info().srtt()).isEqualTo(100 * MS);
      assertThat(h.connection.info().rttvar()).isEqualTo(43_750_000L);
      h.now = Time.millis(1250);
      h.connection.onSegment(h.stamped("ACK", 5001, 3897, 202, 1100, 0));
      // FlightSize 2896: one sample expected. R' = 150 ms.
      assertThat(h.connection.info().srtt()).isEqualTo(106_250_000L);
      assertThat(h.connection.info().rttvar()).isEqualTo(45_312_500L);
      assertThat(h.connection.info().rto()).isEqualTo(287_500_000L);
    }

    @Test
    void aDuplicateAck_givesNoSample() {
      // RFC 7323 4.2: "only if the segment advances the left edge of the send window".
      TcpHarness h = established(RFC);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      h.now = Time.millis(1500);
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 201, 1000, 0));
      assertThat(h.connection.info().srtt()).isEqualTo(100 * MS);
    }

    @Test
    void linux_samplesFeedLinuxsEstimator() {
      TcpHarness h = established(TcpHarness.configOf(HostProfile.LINUX));
      // tcp_rtt_estimator's first sample: RTO = 100 + max(2 * 100, 200) ms.
      assertThat(h.connection.info().rto()).isEqualTo(300 * MS);
      assertThat(h.connection.info().rttvar()).isEqualTo(50 * MS);
    }
  }

  @Nested
  class WhichTimestampToEcho {
    @Test
    void delayedAck_echoesTheFirstSegmentItAcknowledges_notTheLatest() {
      // RFC 7323 4.3 (2): "If: SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent then
      // SEG.TSval is copied to TS.Recent"; the second segment lies beyond Last.ACK.sent.
      TcpHarness h = established(RFC.toBuilder().delayedAck(true).build());
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 300, 1000, 1448));
      h.expectNothing();
      h.connection.onSegment(h.stamped("ACK", 6449, 1001, 301, 1000, 1448));
      h.expect("ACK seq=1001 ack=7897");
      assertThat(lastEcr(h)).isEqualTo(300);
      h.connection.onSegment(h.stamped("ACK", 7897, 1001, 302, 1000, 1448));
      h.advanceBy("200ms");
      h.expect("ACK seq=1001 ack=9345");
      assertThat(lastEcr(h)).isEqualTo(302);
    }
  }

  @Nested
  class Retransmissions {
    @Test
    void timeWait_retransmittedFin_isAcknowledgedEchoingItsOwnTimestamp() {
      // RFC 7323 4.3 (2): the retransmitted FIN lies below Last.ACK.sent and is newer, so the
      // peer's RTT sample from our ACK is one round trip, not the time since its first FIN.
      TcpHarness h = established(RFC);
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.connection.onSegment(h.stamped("FIN|ACK", 5001, 1002, 300, 1100, 0));
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TcpState.TIME_WAIT);
      h.now += Time.SECOND;
      h.connection.onSegment(h.stamped("FIN|ACK", 5001, 1002, 1300, 1100, 0));
      h.expect("ACK seq=1002 ack=5002");
      assertThat(lastEcr(h)).isEqualTo(1300);
    }

    @Test
    void retransmissionTimeout_resendsTheSegmentStampedNow_echoingTsRecent_withNoOtherOption() {
      // RFC 7323 3.2: every segment carries the option, a retransmission a TSval of its own time.
      TcpHarness h = established(RFC);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      TcpSegment first = h.sent.get(h.sent.size() - 1);
      assertThat(first.options()).isEqualTo(TcpOptions.NONE.withTimestamps(1100, 200));
      h.advanceBy(300 * MS); // the RTO of 300 ms (SRTT 100 ms)
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      TcpSegment resent = h.sent.get(h.sent.size() - 1);
      assertThat(resent.hasTimestamps()).isTrue();
      assertThat(resent.tsVal()).isEqualTo(1400);
      assertThat(resent.tsEcr()).isEqualTo(200);
      assertThat(resent.options()).isEqualTo(TcpOptions.NONE.withTimestamps(1400, 200));
      assertThat(resent.length()).isEqualTo(20 + 12 + 100);
    }

    @Test
    void synReceived_retransmittedSyn_isAnsweredEchoingItsTimestamp() {
      TcpHarness h = new TcpHarness(RFC, true);
      h.now = Time.seconds(1);
      h.connection.acceptSyn(h.stamped("SYN", 5000, 0, 100, 0, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.now = Time.seconds(2);
      h.connection.onSegment(h.stamped("SYN", 5000, 0, 1100, 0, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
      assertThat(lastEcr(h)).isEqualTo(1100);
    }
  }

  @Nested
  class Paws {
    @Test
    void rfc_segmentOlderThanTsRecent_isAcknowledgedAndDropped() {
      // RFC 7323 5.3 R1: "Send an acknowledgment in reply ... and drop the segment."
      TcpHarness h = established(RFC);
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 10));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(lastEcr(h)).isEqualTo(200);
      assertThat(h.received.size()).isZero();
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 0));
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void rfc_rstWithAnOlderTimestamp_isStillTaken() {
      // R1 holds only "if the RST bit is not set".
      TcpHarness h = established(RFC);
      h.connection.onSegment(h.stamped("RST", 5001, 0, 150, 0, 0));
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void rfc_afterTwentyFourDaysIdle_tsRecentIsInvalid_andAnOlderTimestampIsTaken() {
      // RFC 7323 5.5: TS.Recent older than 24 days is invalid; the segment is accepted.
      TcpHarness h = established(RFC);
      h.advanceBy(25 * 24 * Time.HOUR);
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 10));
      h.expect("ACK seq=1001 ack=5011");
      assertThat(lastEcr(h)).isEqualTo(150);
    }

    @Test
    void linux_aTimestampOneBelowTsRecent_passes() {
      // tcp_paws_discard with TCP_PAWS_WINDOW = 1.
      TcpHarness h = established(TcpHarness.configOf(HostProfile.LINUX));
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 199, 1000, 10));
      h.expect("ACK seq=1001 ack=5011");
      assertThat(h.received.size()).isEqualTo(10);
    }

    @Test
    void linux_olderBareAcks_areAnsweredAtMostOncePerHalfSecond() {
      // tcp_send_dupack under tcp_oow_rate_limited (tcp_invalid_ratelimit, 500 ms).
      TcpHarness h = established(TcpHarness.configOf(HostProfile.LINUX));
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 0));
      h.expect("ACK seq=1001 ack=5001");
      h.now += 100 * MS;
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 0));
      h.expectNothing();
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 10));
      h.expect("ACK seq=1001 ack=5001"); // a segment with text is not rate-limited
    }

    @Test
    void freebsd_olderBareAck_isDroppedSilently_olderText_isAcknowledged() {
      // tcp_input: "if (tlen) goto dropafterack; goto drop;"
      TcpHarness h = established(TcpHarness.configOf(HostProfile.FREEBSD));
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 0));
      h.expectNothing();
      h.connection.onSegment(h.stamped("ACK", 5001, 1001, 150, 1000, 10));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.received.size()).isZero();
    }
  }
}
