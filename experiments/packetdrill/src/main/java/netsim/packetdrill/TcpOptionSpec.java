package netsim.packetdrill;

import java.util.List;

/**
 * One TCP option as a script writes it inside {@code <...>}: {@code nop}, {@code eol}, {@code mss
 * 1460}, {@code wscale 7}, {@code sackOK}, {@code sack 1:101 201:301}, {@code TS val 100 ecr 0}.
 *
 * @param value the MSS, the shift, or the timestamp value
 * @param echo the timestamp echo reply
 * @param blocks SACK blocks as (left, right) pairs, in script sequence space
 */
record TcpOptionSpec(Kind kind, long value, long echo, List<long[]> blocks) {

  /** The options packetdrill's language has that netsim models. */
  enum Kind {
    NOP,
    EOL,
    MSS,
    WSCALE,
    SACK_OK,
    SACK,
    TIMESTAMP
  }

  static TcpOptionSpec of(Kind kind) {
    return new TcpOptionSpec(kind, 0, 0, List.of());
  }

  static TcpOptionSpec of(Kind kind, long value) {
    return new TcpOptionSpec(kind, value, 0, List.of());
  }

  /** Whether the option is padding (NOP or EOL) rather than information. */
  boolean isPadding() {
    return kind == Kind.NOP || kind == Kind.EOL;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NOP -> "nop";
      case EOL -> "eol";
      case MSS -> "mss " + value;
      case WSCALE -> "wscale " + value;
      case SACK_OK -> "sackOK";
      case TIMESTAMP -> "TS val " + value + " ecr " + echo;
      case SACK -> {
        StringBuilder text = new StringBuilder("sack");
        for (long[] block : blocks) {
          text.append(' ').append(block[0]).append(':').append(block[1]);
        }
        yield text.toString();
      }
    };
  }
}
