package netsim.net.fault;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import netsim.net.packet.Prefix;
import org.jspecify.annotations.Nullable;

/**
 * Which packets a {@link FaultRule} is about: a conjunction of optional conditions on generic
 * header fields, simulation metadata (the sender's node and protocol state) and virtual time. An
 * empty match accepts every packet.
 *
 * <p>Only fields that {@link Payload} exposes are used, so sim-net stays free of any transport;
 * flag masks are plain ints whose bits the transport defines (for TCP, the header's bit positions:
 * FIN=0x01 SYN=0x02 RST=0x04 PSH=0x08 ACK=0x10 URG=0x20 ECE=0x40 CWR=0x80). Testing a packet
 * compares primitives and allocates nothing.
 *
 * <pre>{@code
 * Match.builder().flagsContain(ACK).dataLength(0).senderState("TIME_WAIT").senderNode("client")
 *     .build()
 * }</pre>
 */
public final class Match {
  private static final long ANY_NUMBER = Long.MIN_VALUE;
  private static final int ANY_PORT = -1;
  private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;

  /** Accepts every packet. */
  public static final Match ANY = builder().build();

  private final boolean flagsExact;
  private final int flagsValue;
  private final int flagsContain;
  private final int flagsExclude;
  private final long sequenceNumber;
  private final long acknowledgmentNumber;
  private final int minDataLength;
  private final int maxDataLength;
  private final int sourcePort;
  private final int destinationPort;
  private final @Nullable Prefix source;
  private final @Nullable Prefix destination;
  private final @Nullable String senderNode;
  private final @Nullable String senderState;
  private final long from;
  private final long until;

  private Match(Builder b) {
    this.flagsExact = b.flagsExact;
    this.flagsValue = b.flagsValue;
    this.flagsContain = b.flagsContain;
    this.flagsExclude = b.flagsExclude;
    this.sequenceNumber = b.sequenceNumber;
    this.acknowledgmentNumber = b.acknowledgmentNumber;
    this.minDataLength = b.minDataLength;
    this.maxDataLength = b.maxDataLength;
    this.sourcePort = b.sourcePort;
    this.destinationPort = b.destinationPort;
    this.source = b.source;
    this.destination = b.destination;
    this.senderNode = b.senderNode;
    this.senderState = b.senderState;
    this.from = b.from;
    this.until = b.until;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code packet}, seen at virtual time {@code now}, meets every condition. */
  public boolean test(Packet packet, long now) {
    if (now < from || now >= until) {
      return false;
    }
    Payload payload = packet.payload();
    int flags = payload.flags();
    if (flagsExact && flags != flagsValue) {
      return false;
    }
    if ((flags & flagsContain) != flagsContain || (flags & flagsExclude) != 0) {
      return false;
    }
    if (sequenceNumber != ANY_NUMBER && payload.sequenceNumber() != sequenceNumber) {
      return false;
    }
    if (acknowledgmentNumber != ANY_NUMBER
        && payload.acknowledgmentNumber() != acknowledgmentNumber) {
      return false;
    }
    int dataLength = payload.dataLength();
    if (dataLength < minDataLength || dataLength > maxDataLength) {
      return false;
    }
    if (sourcePort != ANY_PORT && payload.sourcePort() != sourcePort) {
      return false;
    }
    if (destinationPort != ANY_PORT && payload.destinationPort() != destinationPort) {
      return false;
    }
    if (source != null && !source.contains(packet.source())) {
      return false;
    }
    if (destination != null && !destination.contains(packet.destination())) {
      return false;
    }
    if (senderNode != null && !senderNode.equals(packet.senderNode())) {
      return false;
    }
    return senderState == null || senderState.equals(packet.senderState());
  }

  /**
   * The conditions, e.g. {@code "flags&0x10=0x10 data=0 state=TIME_WAIT node=client"}, or {@code
   * "any"}.
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (flagsExact) {
      parts.add("flags=" + hex(flagsValue));
    }
    if (flagsContain != 0) {
      parts.add("flags&" + hex(flagsContain) + "=" + hex(flagsContain));
    }
    if (flagsExclude != 0) {
      parts.add("flags&" + hex(flagsExclude) + "=0");
    }
    if (sequenceNumber != ANY_NUMBER) {
      parts.add("seq=" + sequenceNumber);
    }
    if (acknowledgmentNumber != ANY_NUMBER) {
      parts.add("ack=" + acknowledgmentNumber);
    }
    if (minDataLength == maxDataLength) {
      parts.add("data=" + minDataLength);
    } else if (minDataLength != 0 || maxDataLength != Integer.MAX_VALUE) {
      parts.add(
          "data="
              + minDataLength
              + ".."
              + (maxDataLength == Integer.MAX_VALUE ? "" : maxDataLength));
    }
    if (sourcePort != ANY_PORT) {
      parts.add("sport=" + sourcePort);
    }
    if (destinationPort != ANY_PORT) {
      parts.add("dport=" + destinationPort);
    }
    if (source != null) {
      parts.add("src=" + (source.length() == 32 ? source.network() : source));
    }
    if (destination != null) {
      parts.add("dst=" + (destination.length() == 32 ? destination.network() : destination));
    }
    if (senderNode != null) {
      parts.add("node=" + senderNode);
    }
    if (senderState != null) {
      parts.add("state=" + senderState);
    }
    if (from != 0 || until != Long.MAX_VALUE) {
      parts.add(
          "time=["
              + Time.format(from)
              + ","
              + (until == Long.MAX_VALUE ? "" : Time.format(until))
              + ")");
    }
    return parts.isEmpty() ? "any" : String.join(" ", parts);
  }

  private static String hex(int value) {
    return "0x" + Integer.toHexString(value).toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Match m)) {
      return false;
    }
    return flagsExact == m.flagsExact
        && flagsValue == m.flagsValue
        && flagsContain == m.flagsContain
        && flagsExclude == m.flagsExclude
        && sequenceNumber == m.sequenceNumber
        && acknowledgmentNumber == m.acknowledgmentNumber
        && minDataLength == m.minDataLength
        && maxDataLength == m.maxDataLength
        && sourcePort == m.sourcePort
        && destinationPort == m.destinationPort
        && Objects.equals(source, m.source)
        && Objects.equals(destination, m.destination)
        && Objects.equals(senderNode, m.senderNode)
        && Objects.equals(senderState, m.senderState)
        && from == m.from
        && until == m.until;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        flagsExact,
        flagsValue,
        flagsContain,
        flagsExclude,
        sequenceNumber,
        acknowledgmentNumber,
        minDataLength,
        maxDataLength,
        sourcePort,
        destinationPort,
        source,
        destination,
        senderNode,
        senderState,
        from,
        until);
  }

  /** Builds a {@link Match}; every condition left unset accepts any value. */
  public static final class Builder {
    private boolean flagsExact;
    private int flagsValue;
    private int flagsContain;
    private int flagsExclude;
    private long sequenceNumber = ANY_NUMBER;
    private long acknowledgmentNumber = ANY_NUMBER;
    private int minDataLength;
    private int maxDataLength = Integer.MAX_VALUE;
    private int sourcePort = ANY_PORT;
    private int destinationPort = ANY_PORT;
    private @Nullable Prefix source;
    private @Nullable Prefix destination;
    private @Nullable String senderNode;
    private @Nullable String senderState;
    private long from;
    private long until = Long.MAX_VALUE;

    private Builder() {}

    /** The flags are exactly {@code flags}: {@code payload.flags() == flags}. */
    public Builder flags(int flags) {
      checkArgument(flags >= 0, "flags must not be negative, got %s", flags);
      flagsExact = true;
      flagsValue = flags;
      return this;
    }

    /** Every bit of {@code mask} is set: {@code (flags & mask) == mask}. */
    public Builder flagsContain(int mask) {
      checkArgument(mask > 0, "flag mask must be positive, got %s", mask);
      flagsContain |= mask;
      return this;
    }

    /** No bit of {@code mask} is set: {@code (flags & mask) == 0}. */
    public Builder flagsExclude(int mask) {
      checkArgument(mask > 0, "flag mask must be positive, got %s", mask);
      flagsExclude |= mask;
      return this;
    }

    /** The sequence number equals {@code seq} (unsigned 32 bits). */
    public Builder sequenceNumber(long seq) {
      checkArgument(
          seq >= 0 && seq <= MAX_UNSIGNED_32, "sequence number out of range 0-4294967295: %s", seq);
      sequenceNumber = seq;
      return this;
    }

    /** The acknowledgment number equals {@code ack} (unsigned 32 bits). */
    public Builder acknowledgmentNumber(long ack) {
      checkArgument(
          ack >= 0 && ack <= MAX_UNSIGNED_32,
          "acknowledgment number out of range 0-4294967295: %s",
          ack);
      acknowledgmentNumber = ack;
      return this;
    }

    /** The packet carries exactly {@code length} bytes of application data. */
    public Builder dataLength(int length) {
      return dataLength(length, length);
    }

    /** The packet carries between {@code min} and {@code max} bytes of data, both included. */
    public Builder dataLength(int min, int max) {
      checkArgument(min >= 0, "data length must not be negative, got %s", min);
      checkArgument(max >= min, "data length range is empty: %s..%s", min, max);
      minDataLength = min;
      maxDataLength = max;
      return this;
    }

    public Builder sourcePort(int port) {
      sourcePort = checkPort(port);
      return this;
    }

    public Builder destinationPort(int port) {
      destinationPort = checkPort(port);
      return this;
    }

    private static int checkPort(int port) {
      checkArgument(port >= 0 && port <= 0xFFFF, "port out of range 0-65535: %s", port);
      return port;
    }

    public Builder source(Ipv4Address address) {
      return source(Prefix.host(checkNotNull(address, "address")));
    }

    /** The source address lies in {@code prefix}. */
    public Builder source(Prefix prefix) {
      source = checkNotNull(prefix, "prefix");
      return this;
    }

    public Builder destination(Ipv4Address address) {
      return destination(Prefix.host(checkNotNull(address, "address")));
    }

    /** The destination address lies in {@code prefix}. */
    public Builder destination(Prefix prefix) {
      destination = checkNotNull(prefix, "prefix");
      return this;
    }

    /** The packet was sent by the node named {@code name}. */
    public Builder senderNode(String name) {
      checkArgument(name != null && !name.isEmpty(), "sender node name must not be empty");
      senderNode = name;
      return this;
    }

    /** The sender was in protocol state {@code state} (e.g. "TIME_WAIT") when it sent it. */
    public Builder senderState(String state) {
      checkArgument(state != null && !state.isEmpty(), "sender state must not be empty");
      senderState = state;
      return this;
    }

    /** The packet passes at a virtual time in [{@code from}, {@code until}). */
    public Builder during(long from, long until) {
      checkArgument(from >= 0, "time window must not start before 0, got %sns", from);
      checkArgument(
          until > from, "time window [%s, %s) is empty", Time.format(from), Time.format(until));
      this.from = from;
      this.until = until;
      return this;
    }

    /** The packet passes at or after virtual time {@code from}. */
    public Builder from(long from) {
      return during(from, until);
    }

    /** The packet passes before virtual time {@code until}. */
    public Builder until(long until) {
      return during(from, until);
    }

    public Match build() {
      checkArgument(
          !flagsExact || (flagsValue & flagsContain) == flagsContain,
          "flags %s can never match: they lack required bits %s",
          hex(flagsValue),
          hex(flagsContain));
      checkArgument(
          !flagsExact || (flagsValue & flagsExclude) == 0,
          "flags %s can never match: they contain excluded bits %s",
          hex(flagsValue),
          hex(flagsExclude));
      checkArgument(
          (flagsContain & flagsExclude) == 0,
          "flags can never match: bits %s are both required and excluded",
          hex(flagsContain & flagsExclude));
      return new Match(this);
    }
  }
}
