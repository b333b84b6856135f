package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpSegment;

/**
 * Compares a segment the model sent with the one a {@code >} line expects, field by field as
 * packetdrill does: flags, sequence number, payload length, acknowledgment number (when the ACK
 * flag is expected), then the window and options where the script gives them and the profile
 * compares them. Timestamp values are not compared (packetdrill does not by default) but are
 * remembered so that later inbound echoes map to the model's clock; timestamp echoes are. The
 * window scale's value, like the window, is compared only where the profile compares windows.
 */
final class SegmentMatcher {
  private final Profile profile;
  private final SequenceSpace space;

  SegmentMatcher(Profile profile, SequenceSpace space) {
    this.profile = profile;
    this.space = space;
  }

  /** The first field in which {@code actual} differs from {@code expected}, or null. */
  String difference(PacketSpec expected, TcpSegment actual) {
    if (expected.flags() != actual.flags()) {
      return "flags: expected " + flags(expected.flags()) + " but sent " + flags(actual.flags());
    }
    long seq = space.outboundSeq(actual.seq());
    if ((expected.startSeq() & 0xFFFF_FFFFL) != seq) {
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
        // The shift sizes the advertised window: compared only where windows are.
        if (profile.compareWindow() && want.value() != have.value()) {
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
