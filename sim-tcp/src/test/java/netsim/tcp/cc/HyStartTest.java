package netsim.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * Linux's HyStart in CUBIC (tcp_cubic.c hystart_update), driven by exact RTT samples: segments of
 * 1000 bytes, the smallest RTT 200 ms, as in cubic-hystart-delay-rtt-jumps-upward.pkt.
 */
class HyStartTest {
  private static final long MSS = 1000;

  private final CongestionWindow window = new CongestionWindow(MSS, 10 * MSS);

  private static long ms(long millis) {
    return Time.millis(millis);
  }

  /**
   * An ACK at {@code atMs} of data up to {@code una} with RTT {@code rttMs}, SND.NXT 30001; slow
   * start then grows cwnd by the 2 segments it acknowledges.
   */
  private static void ack(Cubic cubic, CongestionWindow window, long atMs, long rttMs, long una) {
    cubic.onRttSample(window, ms(atMs), ms(rttMs), una, 30_001);
    if (window.inSlowStart()) {
      window.setCwnd(window.cwnd() + 2 * MSS);
    }
  }

  /** The first flight's ACK at 400 ms (RTT 200 ms, cwnd 10: no test), then cwnd 20. */
  private Cubic afterFirstRound(int detect) {
    Cubic cubic = new Cubic(detect);
    cubic.onRttSample(window, ms(400), ms(200), 10_001, 30_001);
    window.setCwnd(20 * MSS);
    return cubic;
  }

  @Test
  void delay_theNinthSampleOfARound_endsSlowStart_whenTheRoundsMinimumExceedsMinRttByAnEighth() {
    Cubic cubic = afterFirstRound(HyStart.DELAY);
    // Eight samples of 240 ms (above 200 + clamp(200 / 8, 4, 16) = 216 ms), 1 ms apart.
    for (int k = 0; k < 8; k++) {
      ack(cubic, window, 640 + k, 240, 12_001 + 2000L * k);
      assertThat(window.inSlowStart()).as("sample %s", k + 1).isTrue();
    }
    assertThat(window.cwnd()).isEqualTo(36 * MSS);
    ack(cubic, window, 648, 240, 28_001);
    assertThat(window.ssthresh()).isEqualTo(36 * MSS);
    assertThat(window.inSlowStart()).as("congestion avoidance from here").isFalse();
  }

  @Test
  void delay_roundsWhoseMinimumStaysBelowTheThreshold_leaveSlowStartAlone() {
    Cubic cubic = afterFirstRound(HyStart.DELAY);
    for (int k = 0; k < 9; k++) {
      ack(cubic, window, 640 + k, k == 4 ? 215 : 240, 12_001 + 2000L * k);
    }
    assertThat(window.inSlowStart()).as("one sample of 215 ms keeps the minimum low").isTrue();
  }

  @Test
  void belowSixteenSegments_noTestRuns() {
    Cubic cubic = new Cubic(HyStart.DELAY);
    for (int k = 0; k < 12; k++) {
      cubic.onRttSample(window, ms(400 + k), ms(k == 0 ? 200 : 300), 1001 + 1000L * k, 10_001);
    }
    assertThat(window.inSlowStart()).isTrue();
  }

  @Test
  void ackTrain_acksAtMost2msApartForHalfTheMinimumRtt_endSlowStart() {
    Cubic cubic = afterFirstRound(HyStart.ACK_TRAIN);
    // The round starts at 640 ms; a train of ACKs 2 ms apart passes (200 + 1) / 2 ms after it.
    long at = 640;
    ack(cubic, window, at, 200, 12_001);
    while (window.inSlowStart() && at < 760) {
      at += 2;
      cubic.onRttSample(window, ms(at), ms(200), 12_001 + (at - 640), 30_001);
    }
    assertThat(at).isEqualTo(742);
    assertThat(window.ssthresh()).isEqualTo(window.cwnd());
  }

  @Test
  void ackTrain_brokenByAGapAbove2ms_doesNotEndSlowStart() {
    Cubic cubic = afterFirstRound(HyStart.ACK_TRAIN);
    for (long at = 640; at < 760; at += 3) {
      cubic.onRttSample(window, ms(at), ms(200), 12_001 + (at - 640), 30_001);
    }
    assertThat(window.inSlowStart()).isTrue();
  }

  @Test
  void withoutHyStart_cubicLeavesSlowStartOnlyAtALoss() {
    Cubic cubic = afterFirstRound(0);
    for (int k = 0; k < 9; k++) {
      ack(cubic, window, 640 + k, 240, 12_001 + 2000L * k);
    }
    assertThat(window.inSlowStart()).isTrue();
  }

  @Test
  void aTimeout_letsHyStartRunAgain() {
    Cubic cubic = afterFirstRound(HyStart.DELAY);
    for (int k = 0; k < 9; k++) {
      ack(cubic, window, 640 + k, 240, 12_001 + 2000L * k);
    }
    assertThat(window.inSlowStart()).isFalse();
    cubic.onTimeout(window, ms(1000), 36 * MSS);
    window.setCwnd(20 * MSS);
    window.setSsthresh(Long.MAX_VALUE / 2);
    // A new smallest RTT of 100 ms in a round that ends at 31001, then nine samples of 130 ms in
    // the next (above 100 + 12.5 ms).
    cubic.onRttSample(window, ms(1500), ms(100), 31_001, 31_001);
    for (int k = 0; k < 9; k++) {
      cubic.onRttSample(window, ms(1600 + k), ms(130), 32_001 + 1000L * k, 50_001);
    }
    assertThat(window.inSlowStart()).isFalse();
  }
}
