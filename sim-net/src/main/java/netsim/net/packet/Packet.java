package netsim.net.packet;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 packet in flight: header fields, the transport payload, and simulation-only metadata that
 * never goes on the wire (a deterministic id for traces, the sender's node and protocol state at
 * send time for fault rules, and whether the packet was corrupted on the way).
 */
public final class Packet extends PacketHead {
  public static final int HEADER_LENGTH = 20;
  public static final int DEFAULT_TTL = 64;

  /** The "don't fragment" flag, set as Linux TCP does. */
  private static final int DONT_FRAGMENT = 0x4000;

  // The fields every hop reads are PacketHead's, laid out first; these come after them.
  private final long id;
  private final int identification;
  private final String senderNode;
  private final @Nullable String senderState;

  /** A fault rule's arrival delay and a link's flipped bit: null until the packet has either. */
  private @Nullable Mishaps mishaps;

  /**
   * What befell a packet on the way that few packets have, apart so that the packet is 64 bytes (a
   * line when it is aligned on one), not 72 with these beside the rest: {@link PacketHead#flags}
   * tells whether to look here.
   */
  private static final class Mishaps {
    long arrivalDelay;
    int corruptedBit = -1;

    Mishaps copy() {
      Mishaps copy = new Mishaps();
      copy.arrivalDelay = arrivalDelay;
      copy.corruptedBit = corruptedBit;
      return copy;
    }
  }

  /**
   * A packet as a host sends it. For the network layer ({@code Host}) and tests: the id must come
   * from the network's counter to keep traces deterministic.
   */
  public Packet(
      long id,
      Ipv4Address source,
      Ipv4Address destination,
      int identification,
      int ttl,
      Payload payload,
      String senderNode,
      @Nullable String senderState) {
    this(
        id,
        source,
        destination,
        identification,
        ttl,
        payload,
        senderNode,
        senderState,
        Ecn.NOT_ECT);
  }

  /**
   * A packet as a host sends it, with the ECN codepoint its transport asked for (RFC 3168 5).
   *
   * @see #Packet(long, Ipv4Address, Ipv4Address, int, int, Payload, String, String)
   */
  public Packet(
      long id,
      Ipv4Address source,
      Ipv4Address destination,
      int identification,
      int ttl,
      Payload payload,
      String senderNode,
      @Nullable String senderState,
      Ecn ecn) {
    super(
        checkTtl(ttl),
        checkNotNull(ecn, "ecn"),
        checkNotNull(source, "source"),
        checkNotNull(destination, "destination"),
        checkNotNull(payload, "payload"));
    this.id = id;
    this.identification = identification & 0xFFFF;
    this.senderNode = senderNode;
    this.senderState = senderState;
  }

  private static int checkTtl(int ttl) {
    checkArgument(ttl > 0 && ttl <= 255, "TTL out of range 1-255: %s", ttl);
    return ttl;
  }

  /** A copy with a new id, as a link's duplication makes it. */
  public Packet duplicate(long newId) {
    Packet copy =
        new Packet(
            newId,
            source,
            destination,
            identification,
            ttl(),
            payload,
            senderNode,
            senderState,
            ecn());
    copy.mishaps = mishaps == null ? null : mishaps.copy();
    copy.flags = (byte) (flags & (DELAYED | CORRUPTED));
    return copy;
  }

  /** A deterministic id, unique within one network, in order of creation. */
  public long id() {
    return id;
  }

  public Ipv4Address source() {
    return source;
  }

  public Ipv4Address destination() {
    return destination;
  }

  public int protocol() {
    return payload.protocol();
  }

  public int ttl() {
    return ttl & 0xFF;
  }

  public int identification() {
    return identification;
  }

  public Payload payload() {
    return payload;
  }

  /** The IPv4 total length: header and payload. */
  public int totalLength() {
    return totalLength;
  }

  /** The name of the node that sent it. Simulation-only. */
  public String senderNode() {
    return senderNode;
  }

  /** The sender's protocol state when it was sent (e.g. "TIME_WAIT"), or null. Simulation-only. */
  public @Nullable String senderState() {
    return senderState;
  }

  /** The ECN field of the IP header (RFC 3168 5). */
  public Ecn ecn() {
    return Ecn.ofBits(ecnBits);
  }

  /**
   * A router's congestion signal instead of a drop (RFC 3168 5): an ECN-capable packet gets CE (one
   * already CE stays so) and the mark waits for {@link #takeNewMark()}; a packet that is not
   * ECN-capable is left as it is, for the router to drop.
   *
   * @return whether the packet is marked, false if it must be dropped instead
   */
  public boolean markCongestion() {
    if (ecnBits == Ecn.NOT_ECT.bits()) {
      return false;
    }
    ecnBits = (byte) Ecn.CE.bits();
    flags |= NEW_MARK;
    return true;
  }

  /**
   * Whether a queue marked the packet since the last call, now cleared: the link direction that
   * holds the queue counts and reports the mark once. Simulation-only.
   */
  public boolean takeNewMark() {
    if ((flags & NEW_MARK) == 0) {
      return false;
    }
    flags &= ~NEW_MARK;
    return true;
  }

  /** Whether a bit was flipped on the way; the receiver's checksum check will discard it. */
  public boolean isCorrupted() {
    return (flags & CORRUPTED) != 0;
  }

  /** The index of the flipped bit in the packet's bytes, or -1. */
  public int corruptedBit() {
    Mishaps known = mishaps;
    return known == null ? -1 : known.corruptedBit;
  }

  /** Flips bit {@code bit} of the packet's bytes on the way, as a link's corruption does. */
  public void corrupt(int bit) {
    checkArgument(bit >= 0 && bit < 8 * totalLength(), "bit outside the packet: %s", bit);
    mishaps().corruptedBit = bit;
    flags |= CORRUPTED;
  }

  /**
   * Makes the next link direction the packet crosses deliver it {@code nanos} later than it would
   * (a fault rule's {@code delay-arrival}); delays add up. Simulation-only.
   */
  public void delayArrival(long nanos) {
    checkArgument(nanos >= 0, "arrival delay must not be negative, got %s", nanos);
    Mishaps known = mishaps();
    known.arrivalDelay = Time.after(known.arrivalDelay, nanos);
    flags |= DELAYED;
  }

  /** The extra propagation delay the next link direction adds, now cleared: it is taken once. */
  public long takeArrivalDelay() {
    if ((flags & DELAYED) == 0) {
      return 0;
    }
    flags &= ~DELAYED;
    Mishaps known = mishaps();
    long delay = known.arrivalDelay;
    known.arrivalDelay = 0;
    return delay;
  }

  /**
   * Notes that the packet joined a link direction's queue at {@code now}, so that the direction can
   * tell its sojourn time when it leaves. Simulation-only.
   */
  public void queuedAt(long now) {
    queuedAt = now;
  }

  /** When the packet last joined a queue ({@link #queuedAt(long)}). Simulation-only. */
  public long queuedAt() {
    return queuedAt;
  }

  private Mishaps mishaps() {
    Mishaps known = mishaps;
    if (known == null) {
      known = new Mishaps();
      mishaps = known;
    }
    return known;
  }

  /** Decrements the TTL as a router forwards; returns the new value. For {@code Router} only. */
  public int decrementTtl() {
    int decremented = ttl() - 1;
    ttl = (byte) decremented;
    return decremented;
  }

  /**
   * The packet's bytes as they are on the wire: IPv4 header with a valid checksum, then the
   * payload; with the corrupted bit flipped if the packet was corrupted.
   */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(totalLength());
    writeTo(out);
    return out.array();
  }

  /**
   * Writes the packet's bytes as {@link #toBytes()} gives them, {@link #totalLength()} of them, at
   * {@code out}'s position, which moves past them; multi-byte fields go in network byte order
   * whatever {@code out}'s order is (and it is left as it was). For a capture that copies no array.
   */
  public void writeTo(ByteBuffer out) {
    writeTo(out, ttl(), ecn(), corruptedBit());
  }

  /**
   * {@link #writeTo(ByteBuffer)} as the packet was when it had this {@code ttl}, ECN codepoint and
   * corrupted bit (-1 for none): what a capture taken then shows, encoded later (on another
   * thread), after a router may have decremented the TTL, a queue marked CE or a link flipped a
   * bit. Everything else in a packet never changes.
   */
  public void writeTo(ByteBuffer out, int ttl, Ecn ecn, int corruptedBit) {
    ByteOrder order = out.order();
    out.order(ByteOrder.BIG_ENDIAN);
    int start = out.position();
    int header = 0x4500 | ecn.bits(); // version 4, header length 5 words; DSCP 0, then ECN
    int ttlAndProtocol = (ttl << 8) | payload.protocol();
    long sum =
        (long) header
            + (totalLength() & 0xFFFF)
            + identification
            + DONT_FRAGMENT
            + ttlAndProtocol
            + (source.bits() >>> 16)
            + (source.bits() & 0xFFFF)
            + (destination.bits() >>> 16)
            + (destination.bits() & 0xFFFF);
    out.putShort((short) header);
    out.putShort((short) totalLength());
    out.putShort((short) identification);
    out.putShort((short) DONT_FRAGMENT);
    out.putShort((short) ttlAndProtocol);
    out.putShort((short) InternetChecksum.finish(sum));
    out.putInt(source.bits());
    out.putInt(destination.bits());
    payload.writeTo(out, source, destination);
    checkArgument(
        out.position() - start == totalLength(),
        "payload wrote %s bytes, declared %s",
        out.position() - start - HEADER_LENGTH,
        payload.length());
    if (corruptedBit >= 0) {
      int at = start + (corruptedBit >>> 3);
      out.put(at, (byte) (out.get(at) ^ (0x80 >>> (corruptedBit & 7))));
    }
    out.order(order);
  }

  @Override
  public String toString() {
    return "#" + id + " " + source + " > " + destination + " " + payload;
  }
}
