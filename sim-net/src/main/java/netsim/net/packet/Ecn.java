package netsim.net.packet;

/**
 * The ECN field of the IPv4 header, the two low bits of the former TOS byte (RFC 3168 5): whether
 * the transport can react to congestion marks (ECT(0), ECT(1)), and whether a router marked
 * congestion (CE) instead of dropping the packet.
 */
public enum Ecn {
  /** 00: the transport is not ECN-capable; a congested router drops the packet. */
  NOT_ECT(0b00, "not-ect"),
  /** 01: ECN-capable transport, codepoint 1 (RFC 3168 leaves 0 and 1 equivalent). */
  ECT_1(0b01, "ect1"),
  /** 10: ECN-capable transport, codepoint 0, what RFC 3168 TCP sends (RFC 3168 6.1.1). */
  ECT_0(0b10, "ect0"),
  /** 11: Congestion Experienced, set by a router on an ECN-capable packet. */
  CE(0b11, "ce");

  private static final Ecn[] BY_BITS = {NOT_ECT, ECT_1, ECT_0, CE};

  private final int bits;
  private final String traceName;

  Ecn(int bits, String traceName) {
    this.bits = bits;
    this.traceName = traceName;
  }

  /** The two bits as they are in the header. */
  public int bits() {
    return bits;
  }

  /** The codepoint of the two low bits of {@code tos}. */
  public static Ecn ofBits(int tos) {
    return BY_BITS[tos & 0b11];
  }

  /** Whether a router may mark the packet instead of dropping it (ECT(0), ECT(1) or CE). */
  public boolean isCapable() {
    return this != NOT_ECT;
  }

  /** The name in traces: "not-ect", "ect0", "ect1", "ce". */
  public String traceName() {
    return traceName;
  }
}
