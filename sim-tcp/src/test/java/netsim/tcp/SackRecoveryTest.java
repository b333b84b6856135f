package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.tcp.LossRecovery.AckOutcome;
import org.junit.jupiter.api.Test;

/**
 * RFC 6675 5 and 5.1, driven by exact ACKs: ISS 0, ten segments of 1000 bytes in flight from
 * position 1 (segment k at 1 + 1000 k), cwnd 10 SMSS.
 */
class SackRecoveryTest {
  private final RecoveryBench bench = new RecoveryBench(10 * SMSS, 10);
  private final SackRecovery recovery = new SackRecovery(bench);

  /** An ACK at SND.UNA with these SACK blocks, a duplicate if it SACKs new data. */
  private void sackAck(long... edges) {
    bench.sack(edges);
    if (bench.scoreboard.newlySacked() > 0) {
      recovery.onDuplicateAck();
    }
  }

  /** A cumulative ACK to {@code position} carrying these blocks. */
  private AckOutcome ack(long position, long... edges) {
    long acked = position - bench.sndUna;
    bench.sndUna = position;
    bench.sack(edges);
    return recovery.onNewAck(acked);
  }

  /** Sends what the recovery chooses, as a connection would: full segments up to SACKed data. */
  private String send() {
    StringBuilder sent = new StringBuilder();
    long position;
    while ((position = recovery.nextSegment()) >= 0) {
      boolean retransmission = position < bench.sndMax;
      long end =
          Math.min(
              position + SMSS,
              retransmission ? bench.scoreboard.nextSackedFrom(position) : Long.MAX_VALUE);
      recovery.segmentSent(position, end - position, retransmission);
      if (!retransmission) {
        bench.sndMax = end;
      }
      sent.append(sent.length() == 0 ? "" : " ").append(position).append('-').append(end);
    }
    return sent.toString();
  }

  @Test
  void theThirdDuplicateAck_entersRecovery_cwndIsSsthresh_andSndUnasSegmentGoesFirst() {
    sackAck(1001, 2001);
    sackAck(1001, 3001);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(send()).isEmpty();
    sackAck(1001, 3001, 4001, 4501); // only 2.5 SMSS above: IsLost(1) is false, DupAcks decides
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS); // (4.2) FlightSize / 2
    assertThat(bench.window.cwnd()).isEqualTo(5 * SMSS);
    assertThat(bench.requests).containsExactly("stop RTT timing");
    assertThat(send()).as("(4.3), then pipe is full").isEqualTo("1-1001");
    // (4.4) pipe: the lost hole's retransmission 1000, hole 3001-4001 1000, 4501-10001 5500.
    assertThat(recovery.pipe()).isEqualTo(7500);
  }

  @Test
  void oneAckSackingThreeSegments_entersRecovery_byIsLost() {
    sackAck(1001, 4001); // the ACKs before it were lost: DupAcks is 1, IsLost(HighACK + 1) holds
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(send()).isEqualTo("1-1001");
  }

  @Test
  void aCumulativeAckThatSacksNewData_countsAsADuplicate() {
    bench.window.setSsthresh(2 * SMSS); // congestion avoidance, so the window barely moves
    ack(1001, 2001, 3001);
    ack(1101, 2001, 4001);
    ack(1201, 2001, 4501);
    assertThat(recovery.inRecovery())
        .as("RFC 6675 2: new SACK information makes it a duplicate even as SND.UNA moves")
        .isTrue();
  }

  @Test
  void duringRecovery_secondHoleIsRetransmittedOnceLost_thenNewData_inTheSameRtt() {
    sackAck(1001, 2001);
    sackAck(1001, 3001);
    sackAck(1001, 3001, 4001, 5001);
    assertThat(send()).isEqualTo("1-1001");
    sackAck(1001, 3001, 4001, 6001);
    assertThat(send()).as("hole 3001-4001 is not lost yet: 2 SMSS above").isEmpty();
    sackAck(1001, 3001, 4001, 7001);
    assertThat(send()).as("(1): the first lost hole above HighRxt").isEqualTo("3001-4001");
    bench.newData = true;
    sackAck(1001, 3001, 4001, 8001);
    assertThat(send()).as("(2): no lost hole left, new data").isEqualTo("10001-11001");

    AckOutcome partial = ack(3001, 4001, 8001);
    assertThat(partial).isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
    assertThat(bench.window.cwnd()).as("no growth during recovery").isEqualTo(5 * SMSS);
    AckOutcome full = ack(10_001);
    assertThat(full).as("(A): RecoveryPoint 10001 acknowledged").isEqualTo(AckOutcome.FULL);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(5 * SMSS);
    assertThat(recovery.nextSegment()).isEqualTo(LossRecovery.WINDOW_DECIDES);
  }

  @Test
  void withoutLostHolesOrNewData_rule3RetransmitsAHoleNotYetLost() {
    sackAck(1001, 8001); // IsLost(1)
    assertThat(send()).isEqualTo("1-1001");
    sackAck(1001, 8001, 9001, 10_001); // hole 8001-9001: one SMSS above, not lost
    assertThat(send()).isEqualTo("8001-9001");
  }

  @Test
  void aTailLoss_getsOneRescueRetransmission_onceTheFirstRetransmissionIsAcked() {
    sackAck(1001, 2001);
    sackAck(1001, 3001);
    sackAck(1001, 4001);
    assertThat(send()).isEqualTo("1-1001");
    sackAck(1001, 9001); // segment 9 (9001-10001) is lost too, with nothing SACKed above it
    assertThat(send()).as("(4.a): HighACK is not above RescueRxt yet").isEmpty();
    ack(9001);
    assertThat(send()).as("(4): the rescue").isEqualTo("9001-10001");
    ack(9001);
    assertThat(send()).as("one rescue per recovery").isEmpty();
  }

  @Test
  void aTimeout_endsRecovery_clearsTheScoreboard_andNoRecoveryStartsBelowRecoveryPoint() {
    sackAck(1001, 4001);
    assertThat(recovery.inRecovery()).isTrue();
    bench.sndMax = 12_001;
    recovery.onTimeout();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.scoreboard.isEmpty()).as("RFC 2018 8: the receiver may have reneged").isTrue();
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    assertThat(recovery.nextSegment()).isEqualTo(LossRecovery.WINDOW_DECIDES);

    ack(1001);
    sackAck(2001, 3001);
    sackAck(2001, 4001);
    sackAck(2001, 5001);
    assertThat(recovery.inRecovery()).as("5.1: HighACK is below RecoveryPoint 12001").isFalse();
    ack(12_001);
    bench.sndMax = 22_001;
    sackAck(13_001, 16_001);
    assertThat(recovery.inRecovery()).isTrue();
  }
}
