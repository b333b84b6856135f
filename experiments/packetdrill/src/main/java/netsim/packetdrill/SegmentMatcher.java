package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpSegment;

/**
 * Compares a segment the model sent with the one a {@code >} line expects, field by field as
 * packetdrill does: flags, sequence number, payload length, acknowledgment number (when the ACK
 * flag is expected; without it, the raw field when the line gives {@code ack N}), then the window
 * and options where the script gives them and the profile compares them. Timestamp values are not
 * compared (packetdrill does not by default) but are remembered so that later inbound echoes map to
 * the model's clock; timestamp echoes are. The window scale's value, like the window, is compared
 * only where the profile compares windows.
 *
 * <p>A line may stand for several segments sent one after another: Linux hands its device one large
 * TSO/GSO segment ({@code > P. 1:10001(10000)}) where the model sends MSS-sized ones, and
 * packetdrill (without {@code --strict_segments}) reads consecutive segments as the pieces of one
 * until their payload reaches the line's. The pieces must follow each other without a gap and
 * differ only where cutting a segment makes them differ: PSH and FIN go on the last piece, CWR on
 * the first; every other flag, the acknowledgment number, window, urgent pointer and the option
 * layout are the same in each; and every piece but the last is as long as the first. The line is
 * then compared with the pieces joined: the first piece's sequence number and CWR, the last one's
 * other flags and options, all the payload.
 */
final class SegmentMatcher {
  /** The flags only one piece of a cut segment carries: CWR the first, PSH and FIN the last. */
  private static final int PIECE_FLAGS = TcpFlags.CWR | TcpFlags.PSH | TcpFlags.FIN;

  private final Profile profile;
  private final SequenceSpace space;

  SegmentMatcher(Profile profile, SequenceSpace space) {
    this.profile = profile;
    this.space = space;
  }

  /**
   * Why the pieces do not stand for the expected segment: the reason and the piece to show.
   *
   * @param piece the index of the piece that differs, or {@link #JOINED} for all of them joined
   */
  record Mismatch(String reason, int piece) {}

  /** {@link Mismatch#piece()} of a mismatch of the joined segment. */
  static final int JOINED = -1;

  /**
   * The first way the segments sent one after another, {@code pieces} (at least one), differ from
   * the one {@code expected}, or null. The pieces are those taken for the line: all of them but the
   * last carry less payload than the line together; a single piece is compared as it is.
   */
  Mismatch difference(PacketSpec expected, List<TcpSegment> pieces) {
    int total = pieces.get(0).dataLength();
    for (int i = 1; i < pieces.size(); i++) {
      TcpSegment piece = pieces.get(i);
      boolean last = i == pieces.size() - 1 && total + piece.dataLength() >= expected.length();
      String problem = continuation(pieces.get(i - 1), piece, pieces.get(0), last);
      if (problem != null) {
        return new Mismatch(
            "segment " + (i + 1) + " of " + pieces.size() + " taken for the line: " + problem, i);
      }
      total += piece.dataLength();
    }
    if (pieces.size() > 1 && total != expected.length()) {
      return new Mismatch(
          "payload length: expected "
              + expected.length()
              + " but the "
              + pieces.size()
              + " segments sent in a row carry "
              + total,
          JOINED);
    }
    String problem = difference(expected, join(pieces));
    return problem == null ? null : new Mismatch(problem, JOINED);
  }

  /** How {@code piece} fails to continue {@code previous} as the next piece of one segment. */
  private String continuation(
      TcpSegment previous, TcpSegment piece, TcpSegment first, boolean last) {
    int shared = previous.flags() & ~PIECE_FLAGS;
    if ((piece.flags() & ~PIECE_FLAGS) != shared) {
      return "flags: expected "
          + flags(shared)
          + " (those of the segment before, PSH, FIN and CWR aside) but sent "
          + flags(piece.flags());
    }
    long end = space.outboundSeq(previous.seq() + previous.dataLength());
    long seq = space.outboundSeq(piece.seq());
    if (seq != end) {
      return "sequence number: expected "
          + end
          + " (where the segment before ends) but sent "
          + seq;
    }
    if (piece.ack() != previous.ack()) {
      return "acknowledgment field: expected "
          + ackText(previous)
          + " (that of the segment before) but sent "
          + ackText(piece);
    }
    if (piece.window() != previous.window()) {
      return "window: expected "
          + previous.window()
          + " (that of the segment before) but sent "
          + piece.window();
    }
    if (piece.urgentPointer() != previous.urgentPointer()) {
      return "urgent pointer: expected "
          + previous.urgentPointer()
          + " (that of the segment before) but sent "
          + piece.urgentPointer();
    }
    List<TcpOptionSpec> before = WireOptions.of(previous);
    List<TcpOptionSpec> now = WireOptions.of(piece);
    if (!sameLayout(before, now)) {
      return "options: expected the layout of the segment before, "
          + options(toScript(before))
          + ", but sent "
          + options(toScript(now));
    }
    if (!last && piece.dataLength() != first.dataLength()) {
      return "payload length: expected "
          + first.dataLength()
          + " (every piece but the last as long as the first) but sent "
          + piece.dataLength();
    }
    return null;
  }

  private String ackText(TcpSegment segment) {
    return segment.has(TcpFlags.ACK)
        ? Long.toString(space.outboundAck(segment.ack()))
        : Long.toString(segment.ack() & 0xFFFF_FFFFL);
  }

  private static boolean sameLayout(List<TcpOptionSpec> a, List<TcpOptionSpec> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).kind() != b.get(i).kind()
          || a.get(i).blocks().size() != b.get(i).blocks().size()) {
        return false;
      }
    }
    return true;
  }

  /**
   * One segment standing for {@code pieces}: the first one's sequence number and CWR flag, the last
   * one's other flags, fields and options, and the payload of all of them in order.
   */
  static TcpSegment join(List<TcpSegment> pieces) {
    if (pieces.size() == 1) {
      return pieces.get(0);
    }
    TcpSegment first = pieces.get(0);
    TcpSegment last = pieces.get(pieces.size() - 1);
    int total = 0;
    for (TcpSegment piece : pieces) {
      total += piece.dataLength();
    }
    byte[] data = new byte[total];
    int at = 0;
    for (TcpSegment piece : pieces) {
      System.arraycopy(piece.data(), 0, data, at, piece.dataLength());
      at += piece.dataLength();
    }
    int flags = (last.flags() & ~TcpFlags.CWR) | (first.flags() & TcpFlags.CWR);
    return new TcpSegment(
        last.sourcePort(),
        last.destinationPort(),
        first.seq(),
        last.ack(),
        flags,
        last.window(),
        last.urgentPointer(),
        last.options(),
        data);
  }

  /** The first field in which {@code actual} differs from {@code expected}, or null. */
  String difference(PacketSpec expected, TcpSegment actual) {
    if (expected.flags() != actual.flags()) {
      return "flags: expected " + flags(expected.flags()) + " but sent " + flags(actual.flags());
    }
    long seq = space.outboundSeq(actual.seq());
    if (expected.startSeq() != PacketSpec.ANY_SEQ && (expected.startSeq() & 0xFFFF_FFFFL) != seq) {
      return "sequence number: expected " + expected.startSeq() + " but sent " + seq;
    }
    if (expected.length() != actual.dataLength()) {
      return "payload length: expected " + expected.length() + " but sent " + actual.dataLength();
    }
    if (actual.has(TcpFlags.ACK)) {
      long ack = space.outboundAck(actual.ack());
      long wanted = expected.ack() == null ? 0 : expected.ack() & 0xFFFF_FFFFL;
      if (wanted != ack) {
        return "acknowledgment number: expected " + wanted + " but sent " + ack;
      }
    } else if (expected.ack() != null && expected.ack() != (actual.ack() & 0xFFFF_FFFFL)) {
      // Without the ACK flag packetdrill compares the field as written, unmapped.
      return "acknowledgment field (no ACK flag): expected "
          + expected.ack()
          + " but sent "
          + (actual.ack() & 0xFFFF_FFFFL);
    }
    if (profile.compareWindow()
        && expected.window() != null
        && expected.window() != actual.window()) {
      return "window: expected " + expected.window() + " but sent " + actual.window();
    }
    if (expected.urgent() != null && expected.urgent() != actual.urgentPointer()) {
      return "urgent pointer: expected "
          + expected.urgent()
          + " but sent "
          + actual.urgentPointer();
    }
    rememberTimestamp(expected.options(), actual);
    if (profile.compareOptions() && expected.options() != null) {
      List<TcpOptionSpec> sent = WireOptions.of(actual);
      String problem =
          profile.strictOptionOrder()
              ? orderedDifference(expected.options(), sent)
              : setDifference(expected.options(), sent);
      if (problem != null) {
        return "options: expected "
            + options(expected.options())
            + " but sent "
            + options(toScript(sent))
            + " ("
            + problem
            + ")";
      }
    }
    return null;
  }

  private void rememberTimestamp(List<TcpOptionSpec> expected, TcpSegment actual) {
    if (expected == null || !actual.options().timestamps()) {
      return;
    }
    for (TcpOptionSpec option : expected) {
      if (option.kind() == TcpOptionSpec.Kind.TIMESTAMP) {
        space.outboundTimestamp(option.value(), actual.options().tsVal());
      }
    }
  }

  private String orderedDifference(List<TcpOptionSpec> expected, List<TcpOptionSpec> sent) {
    if (expected.size() != sent.size()) {
      return expected.size() + " options and padding expected, " + sent.size() + " sent";
    }
    for (int i = 0; i < expected.size(); i++) {
      String problem = valueDifference(expected.get(i), sent.get(i));
      if (problem != null) {
        return "option " + (i + 1) + ": " + problem;
      }
    }
    return null;
  }

  private String setDifference(List<TcpOptionSpec> expected, List<TcpOptionSpec> sent) {
    List<TcpOptionSpec> unmatched = new ArrayList<>();
    for (TcpOptionSpec option : sent) {
      if (!option.isPadding()) {
        unmatched.add(option);
      }
    }
    for (TcpOptionSpec want : expected) {
      if (want.isPadding()) {
        continue;
      }
      TcpOptionSpec match = null;
      String problem = "no " + want.kind().name().toLowerCase(Locale.ROOT) + " option";
      for (TcpOptionSpec have : unmatched) {
        if (have.kind() == want.kind()) {
          String valueProblem = valueDifference(want, have);
          if (valueProblem == null) {
            match = have;
            break;
          }
          problem = valueProblem;
        }
      }
      if (match == null) {
        return problem;
      }
      unmatched.remove(match);
    }
    if (!unmatched.isEmpty()) {
      return "unexpected " + unmatched.get(0).kind().name().toLowerCase(Locale.ROOT) + " option";
    }
    return null;
  }

  /** Compares one expected option with one sent (raw) option of the same position or kind. */
  private String valueDifference(TcpOptionSpec want, TcpOptionSpec have) {
    if (want.kind() != have.kind()) {
      return "expected " + want + ", sent " + have.kind().name().toLowerCase(Locale.ROOT);
    }
    switch (want.kind()) {
      case MSS -> {
        if (want.value() != have.value()) {
          return "expected " + want + ", sent " + have;
        }
      }
      case WSCALE -> {
        // The shift is the host's rule, compared where the profile follows it (not its window).
        if (profile.compareWindowScale() && want.value() != have.value()) {
          return "expected " + want + ", sent " + have;
        }
      }
      case TIMESTAMP -> {
        if ((want.echo() & 0xFFFF_FFFFL) != have.echo()) {
          return "TS ecr: expected " + want.echo() + ", sent " + have.echo();
        }
      }
      case SACK -> {
        TcpOptionSpec mapped = toScript(have);
        if (want.blocks().size() != mapped.blocks().size()) {
          return "expected " + want + ", sent " + mapped;
        }
        for (int i = 0; i < want.blocks().size(); i++) {
          if (want.blocks().get(i)[0] != mapped.blocks().get(i)[0]
              || want.blocks().get(i)[1] != mapped.blocks().get(i)[1]) {
            return "expected " + want + ", sent " + mapped;
          }
        }
      }
      default -> {
        // NOP, EOL and SACK-permitted carry no value.
      }
    }
    return null;
  }

  /** {@code > S. 0:0(0) ack 1 win 65535 <mss 1460>}: a sent segment in script notation. */
  String format(TcpSegment actual) {
    StringBuilder text = new StringBuilder("> ").append(flags(actual.flags())).append(' ');
    long seq = space.outboundSeq(actual.seq());
    text.append(seq)
        .append(':')
        .append((seq + actual.dataLength()) & 0xFFFF_FFFFL)
        .append('(')
        .append(actual.dataLength())
        .append(')');
    if (actual.has(TcpFlags.ACK)) {
      text.append(" ack ").append(space.outboundAck(actual.ack()));
    }
    text.append(" win ").append(actual.window());
    if (actual.urgentPointer() != 0) {
      text.append(" urg ").append(actual.urgentPointer());
    }
    List<TcpOptionSpec> sent = WireOptions.of(actual);
    if (!sent.isEmpty()) {
      text.append(' ').append(options(toScript(sent)));
    }
    return text.toString();
  }

  private List<TcpOptionSpec> toScript(List<TcpOptionSpec> sent) {
    List<TcpOptionSpec> mapped = new ArrayList<>(sent.size());
    for (TcpOptionSpec option : sent) {
      mapped.add(toScript(option));
    }
    return mapped;
  }

  private TcpOptionSpec toScript(TcpOptionSpec option) {
    return switch (option.kind()) {
      case TIMESTAMP ->
          new TcpOptionSpec(
              option.kind(), space.outboundTsVal(option.value()), option.echo(), List.of());
      case SACK -> {
        List<long[]> blocks = new ArrayList<>();
        for (long[] block : option.blocks()) {
          blocks.add(
              new long[] {space.outboundAck((int) block[0]), space.outboundAck((int) block[1])});
        }
        yield new TcpOptionSpec(option.kind(), 0, 0, blocks);
      }
      default -> option;
    };
  }

  static String options(List<TcpOptionSpec> options) {
    if (options == null) {
      return "<...>";
    }
    StringBuilder text = new StringBuilder("<");
    for (int i = 0; i < options.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(options.get(i));
    }
    return text.append('>').toString();
  }

  /** packetdrill's flag letters: S F R P, then {@code .} for ACK, then U E W. */
  static String flags(int flags) {
    StringBuilder text = new StringBuilder();
    append(text, flags, TcpFlags.SYN, 'S');
    append(text, flags, TcpFlags.FIN, 'F');
    append(text, flags, TcpFlags.RST, 'R');
    append(text, flags, TcpFlags.PSH, 'P');
    append(text, flags, TcpFlags.ACK, '.');
    append(text, flags, TcpFlags.URG, 'U');
    append(text, flags, TcpFlags.ECE, 'E');
    append(text, flags, TcpFlags.CWR, 'W');
    return text.length() == 0 ? "-" : text.toString();
  }

  private static void append(StringBuilder text, int flags, int flag, char letter) {
    if ((flags & flag) != 0) {
      text.append(letter);
    }
  }
}
