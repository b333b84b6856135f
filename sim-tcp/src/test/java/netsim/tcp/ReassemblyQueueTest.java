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

  @Test
  void anEmptyQueue_drainsNothing_andHoldsNoBytes() {
    ReassemblyQueue queue = new ReassemblyQueue();

    assertThat(drain(queue, 0)).isEmpty();
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void runsArrivingInReverseOrder_pastTheArraysFirstSize_drainInOffsetOrder() {
    ReassemblyQueue queue = new ReassemblyQueue();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append((char) ('A' + i % 26));
    }
    for (int i = 99; i >= 1; i--) { // byte 0 is the gap
      add(queue, i, expected.substring(i, i + 1));
    }
    assertThat(queue.bytes()).isEqualTo(99);

    assertThat(drain(queue, 1)).isEqualTo(expected.substring(1));
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aRunFillingAGapBetweenHeldRuns_isHeldInOrder_andADrainStopsAtTheNextGap() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 20, "uv");
    add(queue, 10, "kl");
    add(queue, 30, "EF");
    add(queue, 12, "mnopqrst"); // fills [12, 20): between the first two held
    add(queue, 25, "z"); // alone between 22 and 30

    assertThat(drain(queue, 10)).isEqualTo("klmnopqrstuv");
    assertThat(queue.bytes()).isEqualTo(3);
    assertThat(drain(queue, 23)).isEmpty(); // 23 and 24 still missing
    assertThat(drain(queue, 25)).isEqualTo("z");
    assertThat(drain(queue, 30)).isEqualTo("EF");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aRunInsideOneHeldBefore_isHeldToo_andDrainsNothingTwice() {
    ReassemblyQueue queue = new ReassemblyQueue();
    add(queue, 5, "fghijk");
    add(queue, 7, "hi"); // wholly inside the first: a duplicate
    add(queue, 9, "jklm"); // overlaps the first's end, runs on past it

    assertThat(queue.bytes()).isEqualTo(12); // each run counted once, overlaps and all
    assertThat(drain(queue, 5)).isEqualTo("fghijklm");
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void offsetsPast2To32_whereSequenceNumbersWrap_holdAndDrainAsBelow() {
    ReassemblyQueue queue = new ReassemblyQueue();
    long wrap = 1L << 32;
    add(queue, wrap + 2, "cd"); // beyond the wrap of a stream that began at sequence 0
    add(queue, wrap - 3, "xyzab"); // from before the wrap into it

    assertThat(drain(queue, wrap - 4)).isEmpty();
    assertThat(drain(queue, wrap - 3)).isEqualTo("xyzabcd");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aDrainedQueue_holdsRunsAgain_asAFreshOne() {
    ReassemblyQueue queue = new ReassemblyQueue();
    for (int round = 0; round < 3; round++) {
      long base = 100L * round;
      add(queue, base + 6, "gh");
      add(queue, base + 2, "cdef");
      assertThat(drain(queue, base + 2)).as("round %s", round).isEqualTo("cdefgh");
      assertThat(queue.isEmpty()).isTrue();
      assertThat(queue.bytes()).isZero();
    }
  }
}
