package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6675 3-4: the scoreboard's Update(), IsLost() and SetPipe(). ISS is 0, so positions are
 * sequence numbers; ten segments of 1000 bytes are in flight from position 1.
 */
class SackScoreboardTest {
  private final SackScoreboard board = new SackScoreboard();

  private void update(long sndUna, long... edges) {
    TcpOptions.SackBlock[] blocks = new TcpOptions.SackBlock[edges.length / 2];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new TcpOptions.SackBlock((int) edges[2 * i], (int) edges[2 * i + 1]);
    }
    board.update(0, sndUna, 10_001, List.of(blocks));
  }

  @Test
  void update_marksEachBlock_andCountsOnlyBytesNotSackedBefore() {
    update(1, 1001, 2001);
    assertThat(board.newlySacked()).isEqualTo(1000);
    update(1, 3001, 4001, 1001, 2001);
    assertThat(board.newlySacked()).isEqualTo(1000);
    assertThat(board).hasToString("SACKed [1001-2001, 3001-4001]");
    update(1, 3001, 4001, 1001, 2001);
    assertThat(board.newlySacked()).as("nothing new: not a duplicate ACK").isZero();
  }

  @Test
  void update_forgetsWhatTheCumulativeAckCovers() {
    update(1, 1001, 2001, 3001, 4001);
    update(2501, 3001, 4001);
    assertThat(board).hasToString("SACKed [3001-4001]");
    assertThat(board.sackedBytes()).isEqualTo(1000);
  }

  @Test
  void update_takesNothingFromADsackBlockBelowSndUna_norBeyondSndMax() {
    update(2001, 1001, 2001, 9001, 12_001);
    assertThat(board).hasToString("SACKed [9001-10001]");
    assertThat(board.newlySacked()).isEqualTo(1000);
  }

  @Test
  void isLost_whenDupThreshDiscontiguousRangesAreSackedAbove() {
    update(1, 1001, 1101, 2001, 2101, 3001, 3101);
    assertThat(board.isLost(1, SMSS)).isTrue();
    assertThat(board.isLost(1101, SMSS)).as("two ranges, 200 bytes above").isFalse();
  }

  @Test
  void isLost_whenMoreThanDupThreshMinusOneSmssAreSackedAbove() {
    update(1, 1001, 3001);
    assertThat(board.isLost(1, SMSS)).as("exactly 2 SMSS").isFalse();
    update(1, 3001, 3002);
    assertThat(board.isLost(1, SMSS)).isTrue();
  }

  @Test
  void setPipe_countsUnsackedOctetsNotLost_plusRetransmittedOnes() {
    // Holes 1-1001 (3 SMSS SACKed above: lost), 3001-4001 (1 SMSS above: not lost), 5001-10001.
    update(1, 1001, 3001, 4001, 5001);
    assertThat(board.pipe(1, 10_001, 1, SMSS)).isEqualTo(1000 + 5000);
    assertThat(board.pipe(1, 10_001, 1001, SMSS))
        .as("the lost hole was retransmitted")
        .isEqualTo(1000 + 1000 + 5000);
    assertThat(board.pipe(1, 10_001, 3501, SMSS))
        .as("retransmissions up to HighRxt, across a SACKed range")
        .isEqualTo(1000 + 500 + 1000 + 5000);
  }

  @Test
  void clear_forgetsEverything() {
    update(1, 1001, 3001);
    board.clear();
    assertThat(board.isEmpty()).isTrue();
    assertThat(board.isLost(1, SMSS)).isFalse();
    assertThat(board.pipe(1, 10_001, 1, SMSS)).isEqualTo(10_000);
  }

  @Test
  void update_withWholeSegments_marksOnlyTheSegmentsABlockCoversWhole() {
    // Linux's tcp_match_skb_to_sack: a block covering part of a segment marks none of it.
    SentSegments segments = new SentSegments();
    for (int k = 0; k < 4; k++) {
      segments.sent(1 + 1000 * k, 1001 + 1000 * k, 0);
    }
    board.sackWholeSegments(segments);
    update(1, 4000, 4001);
    assertThat(board.isEmpty()).as("the last byte of 3001:4001 only").isTrue();
    assertThat(board.newlySacked()).as("not a duplicate ACK").isZero();
    update(1, 1500, 4001);
    assertThat(board).hasToString("SACKed [2001-4001]");
    assertThat(board.newlySacked()).isEqualTo(2000);
  }
}
