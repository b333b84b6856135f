package netsim.net;

import java.nio.ByteBuffer;

/**
 * A minimal UDP-like payload for sim-net tests: an 8-byte header (ports, length, checksum) and
 * {@code dataLength} zero bytes, with a label for assertions.
 */
public record TestPayload(String label, int sourcePort, int destinationPort, int dataLength,
    int flags, long sequenceNumber)
    implements Payload {
  public static final int PROTOCOL = 17;

  public static TestPayload of(String label, int dataLength) {
    return new TestPayload(label, 1000, 2000, dataLength, 0, 0);
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
    out.putShort(start + 6, (short) (checksum == 0 ? 0xFFFF : checksum));
  }

  @Override
  public String toString() {
    return label;
  }
}
