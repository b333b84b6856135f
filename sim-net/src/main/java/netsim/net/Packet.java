package netsim.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import netsim.core.Time;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;

/**
 * An IPv4 packet in flight: header fields, the transport payload, and simulation-only metadata that
 * never goes on the wire (a deterministic id for traces, the sender's node and protocol state at
 * send time for fault rules, and whether the packet was corrupted on the way).
 */
public final class Packet {
  public static final int HEADER_LENGTH = 20;
  public static final int DEFAULT_TTL = 64;

  /** The "don't fragment" flag, set as Linux TCP does. */
  private static final int DONT_FRAGMENT = 0x4000;

  private final long id;
  private final Ipv4Address source;
  private final Ipv4Address destination;
  private final int identification;
  private final Payload payload;
  private final String senderNode;
  private final String senderState;
  private int ttl;
  private int corruptedBit = -1;
  private long arrivalDelay;

  Packet(
      long id,
      Ipv4Address source,
      Ipv4Address destination,
      int identification,
      int ttl,
      Payload payload,
      String senderNode,
      String senderState) {
    checkArgument(ttl > 0 && ttl <= 255, "TTL out of range 1-255: %s", ttl);
    this.id = id;
    this.source = checkNotNull(source, "source");
    this.destination = checkNotNull(destination, "destination");
    this.identification = identification & 0xFFFF;
    this.ttl = ttl;
    this.payload = checkNotNull(payload, "payload");
    this.senderNode = senderNode;
    this.senderState = senderState;
  }

  /** A copy with a new id, as a link's duplication makes it. */
  public Packet duplicate(long newId) {
    Packet copy =
        new Packet(
            newId, source, destination, identification, ttl, payload, senderNode, senderState);
    copy.corruptedBit = corruptedBit;
    copy.arrivalDelay = arrivalDelay;
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
    return ttl;
  }

  public int identification() {
    return identification;
  }

  public Payload payload() {
    return payload;
  }

  /** The IPv4 total length: header and payload. */
  public int totalLength() {
    return HEADER_LENGTH + payload.length();
  }

  /** The name of the node that sent it. Simulation-only. */
  public String senderNode() {
    return senderNode;
  }

  /** The sender's protocol state when it was sent (e.g. "TIME_WAIT"), or null. Simulation-only. */
  public String senderState() {
    return senderState;
  }

  /** Whether a bit was flipped on the way; the receiver's checksum check will discard it. */
  public boolean isCorrupted() {
    return corruptedBit >= 0;
  }

  /** The index of the flipped bit in the packet's bytes, or -1. */
  public int corruptedBit() {
    return corruptedBit;
  }

  /** Flips bit {@code bit} of the packet's bytes on the way, as a link's corruption does. */
  public void corrupt(int bit) {
    checkArgument(bit >= 0 && bit < 8 * totalLength(), "bit outside the packet: %s", bit);
    corruptedBit = bit;
  }

  /**
   * Makes the next link direction the packet crosses deliver it {@code nanos} later than it would
   * (a fault rule's {@code delay-arrival}); delays add up. Simulation-only.
   */
  public void delayArrival(long nanos) {
    checkArgument(nanos >= 0, "arrival delay must not be negative, got %s", nanos);
    arrivalDelay = Time.after(arrivalDelay, nanos);
  }

  /** The extra propagation delay the next link direction adds, now cleared: it is taken once. */
  public long takeArrivalDelay() {
    long delay = arrivalDelay;
    arrivalDelay = 0;
    return delay;
  }

  /** Decrements the TTL as a router forwards; returns the new value. */
  int decrementTtl() {
    return --ttl;
  }

  /**
   * The packet's bytes as they are on the wire: IPv4 header with a valid checksum, then the
   * payload; with the corrupted bit flipped if the packet was corrupted.
   */
  public byte[] toBytes() {
    byte[] bytes = new byte[totalLength()];
    ByteBuffer out = ByteBuffer.wrap(bytes);
    out.put((byte) 0x45); // version 4, header length 5 words
    out.put((byte) 0); // DSCP/ECN
    out.putShort((short) totalLength());
    out.putShort((short) identification);
    out.putShort((short) DONT_FRAGMENT);
    out.put((byte) ttl);
    out.put((byte) payload.protocol());
    out.putShort((short) 0); // checksum, filled below
    out.putInt(source.bits());
    out.putInt(destination.bits());
    int checksum = InternetChecksum.of(bytes, 0, HEADER_LENGTH);
    bytes[10] = (byte) (checksum >>> 8);
    bytes[11] = (byte) checksum;
    payload.writeTo(out, source, destination);
    checkArgument(
        !out.hasRemaining(),
        "payload wrote %s bytes, declared %s",
        out.position() - HEADER_LENGTH,
        payload.length());
    if (corruptedBit >= 0) {
      bytes[corruptedBit >>> 3] ^= (byte) (0x80 >>> (corruptedBit & 7));
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "#" + id + " " + source + " > " + destination + " " + payload;
  }
}
