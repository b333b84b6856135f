package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * A segment's data is a view of the sender's send buffer: the original and its retransmissions
 * share the bytes, they never change in flight, and what is written or delivered is exactly what
 * the application wrote.
 */
class PayloadViewTest {
  static final TcpConfig NO_NAGLE = TcpHarness.CONFIG.toBuilder().nagle(false).build();
  static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
  static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

  /** {@code length} bytes that differ from one offset to the next. */
  static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 7 + i / 251);
    }
    return bytes;
  }

  /** The segments sent with data. */
  static List<TcpSegment> withData(TcpHarness h) {
    return h.sent.stream().filter(s -> s.dataLength() > 0).toList();
  }

  @Test
  void aRetransmission_isAViewOfTheSameChunkAsTheOriginal_withTheSameBytes() {
    TcpHarness h = TcpHarness.established(NO_NAGLE);
    byte[] written = pattern(3 * 1460);
    h.connection.send(written);
    h.advanceBy("1s"); // the RTO: the first segment goes again
    List<TcpSegment> data = withData(h);
    assertThat(data).hasSize(4);
    TcpSegment original = data.get(0);
    TcpSegment again = data.get(3);
    assertThat(again.seq()).isEqualTo(original.seq());
    assertThat(again.dataChunk()).isSameAs(original.dataChunk());
    assertThat(again.dataIndex()).isEqualTo(original.dataIndex());
    assertThat(again.data()).isEqualTo(Arrays.copyOfRange(written, 0, 1460));
    assertThat(data.get(2).data()).isEqualTo(Arrays.copyOfRange(written, 2920, 4380));
  }

  @Test
  void bytesInFlight_doNotChange_whenAcknowledgedAndTheBufferIsWrittenAgain() {
    TcpHarness h = TcpHarness.established(NO_NAGLE);
    byte[] first = pattern(1460);
    h.connection.send(first);
    TcpSegment inFlight = withData(h).get(0);
    h.receive("ACK", 5001, 2461); // acknowledged: the buffer lets its chunk go
    h.connection.send(new byte[1460]); // new bytes, zeros, in a new chunk
    assertThat(inFlight.data()).isEqualTo(first); // a duplicate still in the network shows these
    assertThat(withData(h).get(1).data()).isEqualTo(new byte[1460]);
  }

  @Test
  void aSegmentOfAView_isWrittenAsTheSameBytesAndChecksumAsOneOfAnArray() {
    DataChunk first = new DataChunk(3, 0);
    DataChunk second = new DataChunk(16, 3);
    first.fill("xyz".getBytes(US_ASCII), 0, 3);
    first.link(second);
    second.fill("hello, world".getBytes(US_ASCII), 0, 12);
    TcpSegment view =
        new TcpSegment(1, 2, 100, 200, TcpFlags.ACK, 5, 0, TcpOptions.NONE, first, 1, 9);
    TcpSegment array =
        new TcpSegment(1, 2, 100, 200, TcpFlags.ACK, 5, 0, TcpOptions.NONE, bytes("yzhello, "));
    assertThat(view.dataLength()).isEqualTo(9);
    assertThat(view.toBytes(A, B)).isEqualTo(array.toBytes(A, B));
    assertThat(view.data()).isEqualTo(bytes("yzhello, "));
    byte[] part = new byte[4];
    view.copyData(1, part, 0, 4);
    assertThat(part).isEqualTo(bytes("zhel"));
  }

  @Test
  void receivedData_copiesAcrossItsRunsAndTheirChunks() {
    DataChunk first = new DataChunk(2, 0);
    DataChunk second = new DataChunk(4, 2);
    first.fill(bytes("ab"), 0, 2);
    first.link(second);
    second.fill(bytes("cdef"), 0, 4);
    ReceivedData data = new ReceivedData();
    data.add(first, 1, 3); // "bcd", across the two chunks
    data.add(DataChunk.of(bytes("XYZ")), 1, 2); // "YZ"
    assertThat(data.length()).isEqualTo(5);
    assertThat(data.toArray()).isEqualTo(bytes("bcdYZ"));
    byte[] middle = new byte[3];
    data.copyTo(2, middle, 0, 3);
    assertThat(middle).isEqualTo(bytes("dYZ"));
    assertThatThrownBy(() -> data.copyTo(3, middle, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    data.clear();
    assertThat(data.length()).isZero();
  }

  @Test
  void receivedData_ofManyRuns_keepsTheirOrder_andOnceClearedIsFilledAfresh() {
    DataChunk letters = DataChunk.of(bytes("abcdefgh"));
    ReceivedData data = new ReceivedData();
    for (int i = 0; i < 5; i++) {
      data.add(letters, 7 - i, 1); // "h", "g", ... five runs: the first kept apart, four more
    }
    assertThat(data.toArray()).isEqualTo(bytes("hgfed"));
    byte[] middle = new byte[3];
    data.copyTo(1, middle, 0, 3);
    assertThat(middle).isEqualTo(bytes("gfe"));
    data.clear();
    data.add(letters, 0, 2);
    assertThat(data.length()).isEqualTo(2);
    assertThat(data.toArray()).isEqualTo(bytes("ab"));
    data.add(letters, 5, 3);
    assertThat(data.toArray()).isEqualTo(bytes("abfgh"));
  }

  @Test
  void anApplicationThatReads_getsExactlyTheBytesWritten_inOrderAfterAGap() {
    TcpHarness h = TcpHarness.established();
    byte[] text = pattern(3000);
    h.receive("ACK", 6501, 1001, Arrays.copyOfRange(text, 1500, 3000)); // beyond a gap: held
    h.receive("ACK", 5001, 1001, Arrays.copyOfRange(text, 0, 1500)); // fills it
    assertThat(h.received.toByteArray()).isEqualTo(text);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }
}
