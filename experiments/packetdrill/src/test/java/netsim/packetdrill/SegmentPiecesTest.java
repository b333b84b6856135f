package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpOptions;
import netsim.tcp.TcpSegment;
import org.junit.jupiter.api.Test;

/**
 * One {@code >} line against several segments sent in a row ({@link SegmentMatcher#difference(
 * PacketSpec, List)}): the pieces a TSO/GSO segment is cut into, driven with exact segments.
 */
class SegmentPiecesTest {
  /** The model's ISN: script sequence number 0. */
  private static final int ISN = 1_000_000;

  private static final int ACK = TcpFlags.ACK;
  private static final int PSH = TcpFlags.PSH;

  private final SegmentMatcher matcher = matcher();

  private static SegmentMatcher matcher() {
    SequenceSpace space = new SequenceSpace(0);
    space.outboundSyn(ISN);
    return new SegmentMatcher(Profile.linux(), space);
  }

  /** A segment the model sent: script sequence number {@code seq}, {@code ack 1}, no options. */
  private static TcpSegment sent(int flags, long seq, int length) {
    return sent(flags, seq, length, 1, TcpOptions.NONE);
  }

  private static TcpSegment sent(int flags, long seq, int length, int ack, TcpOptions options) {
    return new TcpSegment(
        8080, 49999, ISN + (int) seq, ack, flags, 502, 0, options, new byte[length]);
  }

  /** {@code > flags seq:seq+length(length) ack 1}, no options. */
  private static PacketSpec line(int flags, long seq, int length) {
    return new PacketSpec(false, flags, seq, length, 1L, null, null, List.of());
  }

  @Test
  void oneScriptSegment_matchesThreeContiguousMssPieces_pshOnlyOnLast() {
    List<TcpSegment> pieces =
        List.of(sent(ACK, 1, 1000), sent(ACK, 1001, 1000), sent(ACK | PSH, 2001, 1000));
    assertThat(matcher.difference(line(ACK | PSH, 1, 3000), pieces)).isNull();
  }

  @Test
  void aShorterLastPiece_matches() {
    List<TcpSegment> pieces = List.of(sent(ACK, 1, 1460), sent(ACK | PSH, 1461, 540));
    assertThat(matcher.difference(line(ACK | PSH, 1, 2000), pieces)).isNull();
  }

  @Test
  void pshOnAnEarlierPiece_isNotCompared_onlyTheLastPieceCounts() {
    List<TcpSegment> pshFirst = List.of(sent(ACK | PSH, 1, 1000), sent(ACK, 1001, 1000));
    assertThat(matcher.difference(line(ACK, 1, 2000), pshFirst)).isNull();
    SegmentMatcher.Mismatch noPshLast = matcher.difference(line(ACK | PSH, 1, 2000), pshFirst);
    assertThat(noPshLast.reason()).isEqualTo("flags: expected P. but sent .");
    assertThat(noPshLast.piece()).isEqualTo(SegmentMatcher.JOINED);
  }

  @Test
  void finOnTheLastPiece_isTheJoinedSegmentsFin() {
    List<TcpSegment> pieces = List.of(sent(ACK, 1, 1000), sent(ACK | TcpFlags.FIN, 1001, 500));
    assertThat(matcher.difference(line(ACK | TcpFlags.FIN, 1, 1500), pieces)).isNull();
  }

  @Test
  void cwrOnTheFirstPiece_isTheJoinedSegmentsCwr() {
    int cwr = TcpFlags.CWR;
    List<TcpSegment> pieces = List.of(sent(ACK | cwr, 1, 1000), sent(ACK | PSH, 1001, 1000));
    assertThat(matcher.difference(line(ACK | PSH | cwr, 1, 2000), pieces)).isNull();
    assertThat(matcher.difference(line(ACK | PSH, 1, 2000), pieces).reason())
        .isEqualTo("flags: expected P. but sent P.W");
  }

  @Test
  void piecesWithAGap_fail_withTheFirstMismatch() {
    List<TcpSegment> pieces =
        List.of(
            sent(ACK, 1, 1000),
            sent(ACK, 2001, 1000),
            sent(ACK | PSH, 3001, 1000, 7, TcpOptions.NONE));
    SegmentMatcher.Mismatch mismatch = matcher.difference(line(ACK | PSH, 1, 3000), pieces);
    assertThat(mismatch.reason())
        .isEqualTo(
            "segment 2 of 3 taken for the line: sequence number: expected 1001 (where the"
                + " segment before ends) but sent 2001");
    assertThat(mismatch.piece()).isEqualTo(1);
  }

  @Test
  void aPieceWithOtherFlags_fails() {
    List<TcpSegment> pieces = List.of(sent(ACK, 1, 1000), sent(TcpFlags.RST | ACK, 1001, 1000));
    assertThat(matcher.difference(line(ACK, 1, 2000), pieces).reason())
        .isEqualTo(
            "segment 2 of 2 taken for the line: flags: expected . (those of the segment before,"
                + " PSH, FIN and CWR aside) but sent R.");
  }

  @Test
  void aPieceWithAnotherAcknowledgment_fails() {
    List<TcpSegment> pieces =
        List.of(sent(ACK, 1, 1000), sent(ACK | PSH, 1001, 1000, 11, TcpOptions.NONE));
    assertThat(matcher.difference(line(ACK | PSH, 1, 2000), pieces).reason())
        .isEqualTo(
            "segment 2 of 2 taken for the line: acknowledgment field: expected 1 (that of the"
                + " segment before) but sent 11");
  }

  @Test
  void aPieceWithAnotherOptionLayout_fails() {
    TcpOptions timestamps = TcpOptions.NONE.withTimestamps(500, 7);
    List<TcpSegment> pieces =
        List.of(sent(ACK, 1, 1000), sent(ACK | PSH, 1001, 1000, 1, timestamps));
    assertThat(matcher.difference(line(ACK | PSH, 1, 2000), pieces).reason())
        .startsWith(
            "segment 2 of 2 taken for the line: options: expected the layout of the segment"
                + " before, <>, but sent <nop,nop,TS val ");
  }

  @Test
  void aShortPieceBeforeTheLast_fails() {
    List<TcpSegment> pieces =
        List.of(sent(ACK, 1, 1000), sent(ACK, 1001, 500), sent(ACK | PSH, 1501, 1500));
    assertThat(matcher.difference(line(ACK | PSH, 1, 3000), pieces).reason())
        .isEqualTo(
            "segment 2 of 3 taken for the line: payload length: expected 1000 (every piece but"
                + " the last as long as the first) but sent 500");
  }

  @Test
  void piecesCarryingMoreThanTheLine_fail_onTheTotal() {
    List<TcpSegment> pieces = List.of(sent(ACK, 1, 1000), sent(ACK | PSH, 1001, 1000));
    SegmentMatcher.Mismatch mismatch = matcher.difference(line(ACK | PSH, 1, 1500), pieces);
    assertThat(mismatch.reason())
        .isEqualTo("payload length: expected 1500 but the 2 segments sent in a row carry 2000");
    assertThat(mismatch.piece()).isEqualTo(SegmentMatcher.JOINED);
  }

  @Test
  void piecesShortOfTheLine_fail_onTheTotal() {
    List<TcpSegment> pieces = List.of(sent(ACK, 1, 1000), sent(ACK, 1001, 1000));
    assertThat(matcher.difference(line(ACK | PSH, 1, 3000), pieces).reason())
        .isEqualTo("payload length: expected 3000 but the 2 segments sent in a row carry 2000");
  }

  @Test
  void onePiece_isComparedAsItIs() {
    assertThat(matcher.difference(line(ACK | PSH, 1, 3000), List.of(sent(ACK, 1, 1000))).reason())
        .isEqualTo("flags: expected P. but sent .");
    assertThat(matcher.difference(line(ACK, 1, 3000), List.of(sent(ACK, 1, 1000))).reason())
        .isEqualTo("payload length: expected 3000 but sent 1000");
  }

  @Test
  void join_takesTheFirstSequenceNumber_theLastHeader_andAllThePayload() {
    TcpSegment first = sent(ACK | TcpFlags.CWR, 1, 1000);
    TcpSegment last = sent(ACK | PSH, 1001, 300, 9, TcpOptions.NONE.withTimestamps(5, 6));
    TcpSegment joined = SegmentMatcher.join(List.of(first, last));
    assertThat(joined.seq()).isEqualTo(first.seq());
    assertThat(joined.flags()).isEqualTo(ACK | PSH | TcpFlags.CWR);
    assertThat(joined.ack()).isEqualTo(9);
    assertThat(joined.options()).isEqualTo(last.options());
    assertThat(joined.dataLength()).isEqualTo(1300);
  }
}
