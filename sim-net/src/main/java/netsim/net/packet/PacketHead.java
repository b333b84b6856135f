package netsim.net.packet;

/**
 * The fields of a {@link Packet} that its hops read: links, queues, routers and the receiving host.
 * Only {@link Packet} extends it, and it has no behaviour of its own.
 *
 * <p>It exists for where HotSpot puts them: it lays out a superclass's fields, references included,
 * before the subclass's, and within a class the {@code long}s, then the {@code int}s, then the
 * {@code byte}s and last the references. So these 28 bytes follow the object's 12-byte header (JOL:
 * {@code totalLength} at 12, {@code queuedAt} at 16, {@code ttl}, {@code ecnBits} and {@code flags}
 * at 24-26, the three references at 28-39), and what only the sender, the traces and the fault
 * rules read (the id, the IPv4 identification, the sender's name and state, and apart a fault
 * rule's arrival delay and a flipped bit) comes after them. Behind a full bottleneck queue a packet
 * waits long enough for its lines to leave the cache; from the dequeue to its landing at the
 * receiver it then reads these bytes only: one line where a layout by kind alone read two, or two
 * where the object straddles a line at offset 16, 24 or 32 (three of the eight places an
 * 8-byte-aligned object may start at within a line).
 */
abstract class PacketHead {
  /** {@link #flags}: a queue marked the packet CE and the link direction has not counted it yet. */
  static final int NEW_MARK = 1;

  /**
   * {@link #flags}: a fault rule gave the packet an arrival delay (kept in {@code Packet.Mishaps}).
   */
  static final int DELAYED = 2;

  /** {@link #flags}: a bit was flipped on the way (its index in {@code Packet.Mishaps}). */
  static final int CORRUPTED = 4;

  /**
   * The IPv4 total length, kept: a payload never changes, and every queue, link, metric and capture
   * the packet crosses asks for it, several times per hop. Through the {@link Payload} interface
   * each ask would be a call the client compiler cannot bind, and would read the payload's object
   * (among thousands of flows' packets, a cold cache line of its own) where only the receiving host
   * needs the payload.
   */
  final int totalLength;

  /** When the packet last joined a link direction's queue. */
  long queuedAt;

  /** The TTL, 1 to 255 as sent, as an unsigned byte. */
  byte ttl;

  /** The ECN field's two bits (RFC 3168 5): {@link Ecn#bits()}. */
  byte ecnBits;

  /** {@link #NEW_MARK}, {@link #DELAYED} and {@link #CORRUPTED}. */
  byte flags;

  final Ipv4Address destination;
  final Ipv4Address source;
  final Payload payload;

  PacketHead(int ttl, Ecn ecn, Ipv4Address source, Ipv4Address destination, Payload payload) {
    this.source = source;
    this.destination = destination;
    this.payload = payload;
    this.totalLength = Packet.HEADER_LENGTH + payload.length();
    this.ttl = (byte) ttl;
    this.ecnBits = (byte) ecn.bits();
  }
}
