package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * Linux's TSO/GSO chunks ({@link TsoChunks}): how segments of one output pass are grouped, where
 * PSH goes, and the chunk size tcp_tso_autosize derives from the pacing rate.
 */
class TsoChunksTest {
  private final List<String> out = new ArrayList<>();

  private final TsoChunks.Sink sink =
      new TsoChunks.Sink() {
        @Override
        public void transmit(TcpSegment segment) {
          out.add(TcpHarness.describe(segment));
        }

        @Override
        public void retransmitted(TcpSegment segment, RetransmitReason reason) {
          out.add(reason.traceName() + " " + TcpHarness.describe(segment));
        }
      };

  private static TcpSegment data(int seq, int length, int flags) {
    return new TcpSegment(80, 49152, seq, 1, flags, 1000, 0, TcpOptions.NONE, new byte[length]);
  }

  private static TcpSegment data(int seq, int length) {
    return data(seq, length, TcpFlags.ACK);
  }

  @Test
  void chunkOfSeveralSegments_hasPshOnItsLastOnly() {
    // __tcp_transmit_skb: "Force a PSH flag on all (GSO) packets"; GSO keeps it on the last.
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(1, 1000), null, false);
    chunks.add(data(1001, 1000), null, false);
    chunks.add(data(2001, 1000), null, false);
    chunks.flush(10, sink);
    assertThat(out)
        .containsExactly(
            "ACK seq=1 ack=1 len=1000",
            "ACK seq=1001 ack=1 len=1000",
            "PSH|ACK seq=2001 ack=1 len=1000");
  }

  @Test
  void aSegmentThatEndsARecord_endsItsChunk() {
    // MSG_EOR: Linux's TSO packet never spans the skb that has the record's end.
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(1, 1000), null, false);
    chunks.add(data(1001, 800), null, true);
    chunks.add(data(1801, 1000), null, false);
    chunks.add(data(2801, 1000), null, false);
    chunks.flush(10, sink);
    assertThat(out)
        .containsExactly(
            "ACK seq=1 ack=1 len=1000",
            "PSH|ACK seq=1001 ack=1 len=800",
            "ACK seq=1801 ack=1 len=1000",
            "PSH|ACK seq=2801 ack=1 len=1000");
  }

  @Test
  void singleSegment_keepsItsOwnFlags() {
    // limited-transmit-sack.pkt: "> . 10001:11001(1000)" on the first duplicate ACK.
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(10001, 1000), null, false);
    chunks.flush(10, sink);
    assertThat(out).containsExactly("ACK seq=10001 ack=1 len=1000");
  }

  @Test
  void chunk_endsAtTheMostSegmentsTheRateAllows() {
    // nagle/https_client.pkt: two segments of 974 in one chunk with PSH, then the 54 bytes.
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(569, 974), null, false);
    chunks.add(data(1543, 974), null, false);
    chunks.add(data(2517, 54, TcpFlags.ACK | TcpFlags.PSH), null, false);
    chunks.flush(2, sink);
    assertThat(out)
        .containsExactly(
            "ACK seq=569 ack=1 len=974",
            "PSH|ACK seq=1543 ack=1 len=974",
            "PSH|ACK seq=2517 ack=1 len=54");
  }

  @Test
  void retransmissionAndNewData_goInSeparateChunks_andRetransmissionsAreReportedInOrder() {
    // Linux resends from its retransmit queue (tcp_xmit_retransmit_queue) apart from new data.
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(1, 1000), RetransmitReason.FAST, false);
    chunks.add(data(1001, 1000), RetransmitReason.FAST, false);
    chunks.add(data(5001, 1000), null, false);
    chunks.flush(10, sink);
    assertThat(out)
        .containsExactly(
            "fast ACK seq=1 ack=1 len=1000",
            "ACK seq=1 ack=1 len=1000",
            "fast PSH|ACK seq=1001 ack=1 len=1000",
            "PSH|ACK seq=1001 ack=1 len=1000",
            "ACK seq=5001 ack=1 len=1000");
  }

  @Test
  void segmentsWithAGapBetween_goInSeparateChunks() {
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(1, 1000), RetransmitReason.FAST, false);
    chunks.add(data(3001, 1000), RetransmitReason.FAST, false);
    chunks.flush(10, sink);
    assertThat(out)
        .containsExactly(
            "fast ACK seq=1 ack=1 len=1000",
            "ACK seq=1 ack=1 len=1000",
            "fast ACK seq=3001 ack=1 len=1000",
            "ACK seq=3001 ack=1 len=1000");
  }

  @Test
  void flush_emptiesTheChunks() {
    TsoChunks chunks = new TsoChunks();
    chunks.add(data(1, 1000), null, false);
    chunks.flush(10, sink);
    chunks.flush(10, sink);
    assertThat(out).hasSize(1);
  }

  @Test
  void maxSegments_withoutAnRttSample_isAWholeGsoPacket() {
    // No pacing rate yet: tcp_tso_autosize is bounded only by GSO_LEGACY_MAX_SIZE (65536).
    assertThat(TsoChunks.maxSegments(200_000, Long.MAX_VALUE, 0, 1000, 2)).isEqualTo(65);
  }

  @Test
  void maxSegments_isAtMostHalfCwnd() {
    // tcp_cwnd_test: "ensure we have at least 2 GSO packets in flight".
    assertThat(TsoChunks.maxSegments(10_000, Long.MAX_VALUE, 0, 1000, 2)).isEqualTo(5);
  }

  @Test
  void maxSegments_tcpMinTsoSegs_raisesASlowRatesChunk_withinHalfCwnd() {
    // tcp_min_tso_segs=10 (slow-start-after-idle.pkt): 10 segments, but half of cwnd 10 is 5.
    assertThat(TsoChunks.maxSegments(10_000, Long.MAX_VALUE, Time.millis(100), 1000, 10))
        .isEqualTo(5);
    assertThat(TsoChunks.maxSegments(40_000, Long.MAX_VALUE, Time.millis(100), 1000, 10))
        .isEqualTo(10);
  }

  @Test
  void maxSegments_inSlowStart_isWhatTwiceCwndPerSrttSendsIn1024thOfASecond() {
    // 2 x 144800 bytes per 10 ms = 28,960,000 B/s; >> 10 = 28281 bytes = 19 segments of 1448.
    assertThat(TsoChunks.maxSegments(144_800, Long.MAX_VALUE, Time.millis(10), 1448, 2))
        .isEqualTo(19);
  }

  @Test
  void maxSegments_inCongestionAvoidance_uses120Percent() {
    // cwnd >= ssthresh / 2: 1.2 x 144800 / 10 ms >> 10 = 16968 bytes = 11 segments.
    assertThat(TsoChunks.maxSegments(144_800, 200_000, Time.millis(10), 1448, 2)).isEqualTo(11);
  }

  @Test
  void maxSegments_slowRate_isStillTwo() {
    // tcp_min_tso_segs: 10 x 1000 bytes per 100 ms sends 195 bytes a tick.
    assertThat(TsoChunks.maxSegments(10_000, Long.MAX_VALUE, Time.millis(100), 1000, 2))
        .isEqualTo(2);
  }
}
