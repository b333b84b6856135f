package netsim.udp;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;

/**
 * A UDP datagram (RFC 768): source and destination ports and {@code dataLength} bytes of data. The
 * data is not held: its first {@link #STAMP_LENGTH} bytes are the sender's datagram number and send
 * time in nanoseconds (two 64-bit big-endian numbers, as iperf stamps its UDP datagrams), the rest
 * zeros; a datagram shorter than the stamp carries its first bytes. So a datagram costs a few
 * fields however large it is, and a capture still shows every byte with a valid checksum.
 */
public final class UdpDatagram implements Payload {
  /** The IP protocol number of UDP. */
  public static final int PROTOCOL = 17;

  /** The UDP header: source port, destination port, length, checksum. */
  public static final int HEADER_LENGTH = 8;

  /** The bytes of the stamp at the start of the data: the datagram's number and send time. */
  public static final int STAMP_LENGTH = 16;

  /** The most data a datagram carries in one IPv4 packet: 65535 - 20 - 8. */
  public static final int MAX_DATA = 65_507;

  private final int sourcePort;
  private final int destinationPort;
  private final int dataLength;
  private final long number;
  private final long sentAt;

  /**
   * A datagram from {@code sourcePort} to {@code destinationPort} of {@code dataLength} data bytes,
   * stamped with its {@code number} and send time {@code sentAt}.
   */
  public UdpDatagram(
      int sourcePort, int destinationPort, int dataLength, long number, long sentAt) {
    checkArgument(
        sourcePort > 0 && sourcePort <= 0xFFFF, "source port out of range: %s", sourcePort);
    checkArgument(
        destinationPort > 0 && destinationPort <= 0xFFFF,
        "destination port out of range: %s",
        destinationPort);
    checkArgument(
        dataLength >= 0 && dataLength <= MAX_DATA,
        "data length out of range 0-%s: %s",
        MAX_DATA,
        dataLength);
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
    this.dataLength = dataLength;
    this.number = number;
    this.sentAt = sentAt;
  }

  @Override
  public int protocol() {
    return PROTOCOL;
  }

  @Override
  public int length() {
    return HEADER_LENGTH + dataLength;
  }

  @Override
  public int sourcePort() {
    return sourcePort;
  }

  @Override
  public int destinationPort() {
    return destinationPort;
  }

  @Override
  public int dataLength() {
    return dataLength;
  }

  /** The UDP checksum sits at byte 6 of the header. */
  @Override
  public int checksumOffset() {
    return 6;
  }

  /** The sender's number of this datagram, counting from 0. */
  public long number() {
    return number;
  }

  /** When the sender sent it (virtual nanoseconds). */
  public long sentAt() {
    return sentAt;
  }

  @Override
  public void writeTo(ByteBuffer out, Ipv4Address source, Ipv4Address destination) {
    int start = out.position();
    out.putShort((short) sourcePort);
    out.putShort((short) destinationPort);
    out.putShort((short) length());
    out.putShort((short) 0); // checksum, filled below
    byte[] stamp = stamp();
    int stamped = Math.min(dataLength, STAMP_LENGTH);
    out.put(stamp, 0, stamped);
    for (int i = stamped; i < dataLength; i++) {
      out.put((byte) 0);
    }
    // RFC 768: the sum covers the pseudo-header, the header and the data; the zeros add nothing.
    long sum = InternetChecksum.pseudoHeader(0, source, destination, PROTOCOL, length());
    sum += sourcePort + destinationPort + length();
    sum = InternetChecksum.sum(sum, stamp, 0, stamped);
    int checksum = InternetChecksum.finish(sum);
    // RFC 768: a computed checksum of zero is sent as all ones (zero means "no checksum").
    out.putShort(start + 6, (short) (checksum == 0 ? 0xFFFF : checksum));
  }

  private byte[] stamp() {
    return ByteBuffer.allocate(STAMP_LENGTH).putLong(number).putLong(sentAt).array();
  }

  @Override
  public String toString() {
    return "UDP " + sourcePort + " > " + destinationPort + " len " + dataLength + " #" + number;
  }
}
