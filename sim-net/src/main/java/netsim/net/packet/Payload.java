package netsim.net.packet;

import java.nio.ByteBuffer;

/**
 * What an IPv4 packet carries: a transport segment, opaque to sim-net except for its size, its
 * bytes (for capture) and a few generic header fields that fault rules and traces match on.
 *
 * <p>sim-net knows no transport protocol; sim-tcp's segment implements this interface. Payloads are
 * immutable, so a duplicated packet may share its payload.
 */
public interface Payload {
  /** The IP protocol number, e.g. 6 for TCP. */
  int protocol();

  /** The size in bytes on the wire: transport header, options and data. */
  int length();

  /**
   * Writes exactly {@link #length()} bytes, with a valid transport checksum over the IPv4
   * pseudo-header of {@code source} and {@code destination}.
   */
  void writeTo(ByteBuffer out, Ipv4Address source, Ipv4Address destination);

  /** The source port, or -1 for a transport without ports. */
  default int sourcePort() {
    return -1;
  }

  /** The destination port, or -1 for a transport without ports. */
  default int destinationPort() {
    return -1;
  }

  /** The control flags as a bit set whose meaning the transport defines; 0 if none. */
  default int flags() {
    return 0;
  }

  /** The sequence number (unsigned 32 bits), or -1. */
  default long sequenceNumber() {
    return -1;
  }

  /** The acknowledgment number (unsigned 32 bits), or -1 when it carries none. */
  default long acknowledgmentNumber() {
    return -1;
  }

  /** The number of application data bytes carried. */
  default int dataLength() {
    return 0;
  }

  /**
   * Where the 16-bit transport checksum lies in the bytes {@link #writeTo} writes (6 for UDP, 16
   * for TCP), or -1 if there is none. Fault rules corrupt this field to make the receiver discard a
   * packet while a capture still decodes everything else unchanged.
   */
  default int checksumOffset() {
    return -1;
  }
}
