package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {
  private static void add(ReassemblyQueue queue, long offset, String text) {
    byte[] bytes = text.getBytes(US_ASCII);
    queue.add(offset, DataChunk.of(bytes), 0, bytes.length);
  }

  /** Drains from {@code next} and returns the bytes drained, as text. */
  private static String drain(ReassemblyQueue queue, long next) {
    ReceivedData out = new ReceivedData();
    int drained = queue.drain(next, out);
    assertThat(out.length()).isEqualTo(drained);
    return new String(out.toArray(), US_ASCII);
  }

  @Test
  void segmentBeyondTheGap_isHeldUntilTheGapFills() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 5, "fghij");

    assertThat(drain(queue, 0)).isEmpty();
    assertThat(queue.bytes()).isEqualTo(5);
    assertThat(drain(queue, 5)).isEqualTo("fghij");
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void contiguousAndOverlappingSegments_drainAsOneRunWithoutRepeats() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 10, "klmno");
    add(queue, 13, "nopqr"); // overlaps the previous one by two bytes
    add(queue, 18, "st");
    add(queue, 30, "EF"); // beyond a second gap: stays

    assertThat(drain(queue, 10)).isEqualTo("klmnopqrst");
    assertThat(queue.bytes()).isEqualTo(2);
    assertThat(drain(queue, 30)).isEqualTo("EF");
  }

  @Test
  void dataBeforeTheNextExpectedByte_isDiscardedAndTheRestDelivered() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 0, "abc"); // already delivered
    add(queue, 2, "cdef"); // its first byte already delivered

    assertThat(drain(queue, 3)).isEqualTo("def");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void longerSegmentAtTheSameOffset_replacesTheShorterOne() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 4, "ef");
    add(queue, 4, "efgh");
    add(queue, 4, "e");

    assertThat(queue.bytes()).isEqualTo(4);
    assertThat(drain(queue, 4)).isEqualTo("efgh");
  }

  @Test
  void heldDataIsAViewOfTheSendersChunks_drainedFromWhereItBegins() {
    DataChunk first = new DataChunk(4, 0);
    DataChunk second = new DataChunk(8, 4);
    first.fill("abcd".getBytes(US_ASCII), 0, 4);
    first.link(second);
    second.fill("efghijkl".getBytes(US_ASCII), 0, 8);
    ReassemblyQueue queue = new ReassemblyQueue();
    queue.add(7, first, 2, 5); // "cdefg", running on from the first chunk into the second

    assertThat(drain(queue, 7)).isEqualTo("cdefg");
  }
}
