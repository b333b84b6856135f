package netsim.net.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back a little-endian nanosecond pcap capture, checking its global header, for tests. */
final class PcapFile {
  /** One record: its timestamp in nanoseconds, original length and captured bytes. */
  record Frame(long time, int originalLength, byte[] bytes) {}

  private PcapFile() {}

  static List<Frame> read(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(in.getInt()).as("magic").isEqualTo(0xA1B23C4D);
    assertThat(in.getShort()).as("major version").isEqualTo((short) 2);
    assertThat(in.getShort()).as("minor version").isEqualTo((short) 4);
    assertThat(in.getInt()).as("thiszone").isZero();
    assertThat(in.getInt()).as("sigfigs").isZero();
    assertThat(in.getInt()).as("snaplen").isEqualTo(65535);
    assertThat(in.getInt()).as("link type").isEqualTo(228);
    List<Frame> records = new ArrayList<>();
    while (in.hasRemaining()) {
      assertThat(in.remaining()).as("bytes left for a record header").isGreaterThanOrEqualTo(16);
      long seconds = Integer.toUnsignedLong(in.getInt());
      long nanos = Integer.toUnsignedLong(in.getInt());
      assertThat(nanos).as("nanoseconds").isLessThan(1_000_000_000L);
      int captured = in.getInt();
      int original = in.getInt();
      assertThat(in.remaining()).as("bytes left for a record").isGreaterThanOrEqualTo(captured);
      byte[] bytes = new byte[captured];
      in.get(bytes);
      records.add(new Frame(seconds * 1_000_000_000L + nanos, original, bytes));
    }
    return records;
  }

  static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(String.format("%02x", b & 0xFF));
    }
    return text.toString();
  }

  static byte[] slice(byte[] bytes, int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }
}
