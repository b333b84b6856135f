package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {
  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  private static String text(byte[] data) {
    return new String(data, US_ASCII);
  }

  @Test
  void segmentBeyondTheGap_isHeldUntilTheGapFills() {
    ReassemblyQueue queue = new ReassemblyQueue();
    queue.add(5, bytes("fghij"));

    assertThat(queue.drain(0)).isEmpty();
    assertThat(queue.bytes()).isEqualTo(5);
    assertThat(text(queue.drain(5))).isEqualTo("fghij");
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void contiguousAndOverlappingSegments_drainAsOneRunWithoutRepeats() {
    ReassemblyQueue queue = new ReassemblyQueue();
    queue.add(10, bytes("klmno"));
    queue.add(13, bytes("nopqr")); // overlaps the previous one by two bytes
    queue.add(18, bytes("st"));
    queue.add(30, bytes("EF")); // beyond a second gap: stays

    assertThat(text(queue.drain(10))).isEqualTo("klmnopqrst");
    assertThat(queue.bytes()).isEqualTo(2);
    assertThat(text(queue.drain(30))).isEqualTo("EF");
  }

  @Test
  void dataBeforeTheNextExpectedByte_isDiscardedAndTheRestDelivered() {
    ReassemblyQueue queue = new ReassemblyQueue();
    queue.add(0, bytes("abc")); // already delivered
    queue.add(2, bytes("cdef")); // its first byte already delivered

    assertThat(text(queue.drain(3))).isEqualTo("def");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void longerSegmentAtTheSameOffset_replacesTheShorterOne() {
    ReassemblyQueue queue = new ReassemblyQueue();
    queue.add(4, bytes("ef"));
    queue.add(4, bytes("efgh"));
    queue.add(4, bytes("e"));

    assertThat(queue.bytes()).isEqualTo(4);
    assertThat(text(queue.drain(4))).isEqualTo("efgh");
  }
}
