package netsim.net;

import java.nio.ByteBuffer;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;

/**
 * A minimal payload for sim-net tests: on the wire a real UDP datagram (8-byte header with ports,
 * length and a valid checksum, then {@code dataLength} zero bytes), so that tshark decodes it, with
 * a label for assertions. Flags and sequence and acknowledgment numbers are simulation-only here,
 * for fault rules to match on; they are not written.
 */
public record TestPayload(
    String label,
    int sourcePort,
    int destinationPort,
    int dataLength,
    int flags,
    long sequenceNumber,
    long acknowledgmentNumber)
    implements Payload {
  public static final int PROTOCOL = 17;

  /** The UDP checksum's offset in the header. */
  public static final int CHECKSUM_OFFSET = 6;

  public TestPayload(
      String label,
      int sourcePort,
      int destinationPort,
      int dataLength,
      int flags,
      long sequenceNumber) {
    this(label, sourcePort, destinationPort, dataLength, flags, sequenceNumber, -1);
  }

  public static TestPayload of(String label, int dataLength) {
    return new TestPayload(label, 1000, 2000, dataLength, 0, 0);
  }

  public TestPayload withFlags(int newFlags) {
    return new TestPayload(
        label,
        sourcePort,
        destinationPort,
        dataLength,
        newFlags,
        sequenceNumber,
        acknowledgmentNumber);
  }

  public TestPayload withSequenceNumber(long seq) {
    return new TestPayload(
        label, sourcePort, destinationPort, dataLength, flags, seq, acknowledgmentNumber);
  }

  public TestPayload withAcknowledgmentNumber(long ack) {
    return new TestPayload(
        label, sourcePort, destinationPort, dataLength, flags, sequenceNumber, ack);
  }

  public TestPayload withPorts(int source, int destination) {
    return new TestPayload(
        label, source, destination, dataLength, flags, sequenceNumber, acknowledgmentNumber);
  }

  @Override
  public int protocol() {
    return PROTOCOL;
  }

  @Override
  public int length() {
    return 8 + dataLength;
  }

  @Override
  public int checksumOffset() {
    return CHECKSUM_OFFSET;
  }

  @Override
  public void writeTo(ByteBuffer out, Ipv4Address source, Ipv4Address destination) {
    int start = out.position();
    out.putShort((short) sourcePort);
    out.putShort((short) destinationPort);
    out.putShort((short) length());
    out.putShort((short) 0);
    out.put(new byte[dataLength]);
    byte[] bytes = new byte[length()];
    out.duplicate().position(start).get(bytes);
    long sum = InternetChecksum.pseudoHeader(0, source, destination, PROTOCOL, length());
    int checksum = InternetChecksum.finish(InternetChecksum.sum(sum, bytes, 0, bytes.length));
    out.putShort(start + CHECKSUM_OFFSET, (short) (checksum == 0 ? 0xFFFF : checksum));
  }

  /** Whether the UDP checksum in {@code packet}, an IPv4 packet's bytes, is valid. */
  public static boolean checksumValid(byte[] packet) {
    int ihl = 4 * (packet[0] & 0x0F);
    Ipv4Address source = new Ipv4Address(ByteBuffer.wrap(packet, 12, 4).getInt());
    Ipv4Address destination = new Ipv4Address(ByteBuffer.wrap(packet, 16, 4).getInt());
    int length = packet.length - ihl;
    long sum = InternetChecksum.pseudoHeader(0, source, destination, PROTOCOL, length);
    return InternetChecksum.finish(InternetChecksum.sum(sum, packet, ihl, length)) == 0;
  }

  @Override
  public String toString() {
    return label;
  }
}
