package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The send buffer: its capacity is a limit, its memory follows the data it holds, and a segment's
 * data is a view of its chunks that later writes and acknowledgments never change.
 */
class SendBufferTest {
  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  /**
   * The bytes of {@code shared} in an array of their own: a write of them never goes on from where
   * a write of {@code shared} stopped, so it starts a chunk of its own.
   */
  private static SharedBytes apart(SharedBytes shared) {
    return SharedBytes.copyOf(shared.toArray());
  }

  /** The {@code length} bytes held from stream offset {@code from}, read through a view. */
  private static String text(SendBuffer buffer, long from, int length) {
    DataChunk chunk = buffer.chunkHolding(from, length);
    byte[] out = new byte[length];
    chunk.copy(buffer.indexInChunk(from), out, 0, length);
    return new String(out, US_ASCII);
  }

  /**
   * Looks up stream offset {@code from}: the chunk found holds it, at the index the buffer says,
   * and a view from there shows the bytes of {@code stream} (every byte ever written, from offset
   * {@code base}) up to the buffer's end.
   */
  private static void assertLookup(SendBuffer buffer, long from, byte[] stream, long base) {
    int length = (int) (buffer.end() - from);
    DataChunk chunk = buffer.chunkHolding(from, length);
    int index = buffer.indexInChunk(from);
    assertThat(chunk.start()).as("start of the chunk holding %s", from).isLessThanOrEqualTo(from);
    assertThat(chunk.end()).as("end of the chunk holding %s", from).isGreaterThan(from);
    assertThat(index).as("index of %s", from).isEqualTo(from - chunk.start());
    byte[] out = new byte[length];
    chunk.copy(index, out, 0, length);
    int at = (int) (from - base);
    assertThat(out)
        .as("bytes from %s", from)
        .isEqualTo(Arrays.copyOfRange(stream, at, at + length));
  }

  /** Bytes 0, 1, 2, ... of a stream, wrapping at 251 (a prime: no chunk size repeats them). */
  private static byte[] counting(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }

  @Test
  void everyByteIsFound_inTheChunkHoldingIt_whateverOrderTheLookupsComeIn() {
    byte[] stream = counting(200);
    SendBuffer buffer = new SendBuffer(1 << 20);
    // copied chunks of 7 and 30, one of 37 with 10 filled, two shared slices, a chunk of 95
    buffer.append(stream, 0, 7);
    buffer.append(stream, 7, 30);
    buffer.append(stream, 37, 10);
    SharedBytes shared = SharedBytes.copyOf(stream);
    buffer.append(shared, 47, 20);
    buffer.append(apart(shared), 67, 1);
    buffer.append(stream, 68, 60);
    for (long from = 0; from < 128; from++) { // forward, as segments are mostly taken
      assertLookup(buffer, from, stream, 0);
    }
    for (long from = 127; from >= 0; from--) { // backward: each lookup before the last found
      assertLookup(buffer, from, stream, 0);
    }
    for (long from = 0; from < 128; from += 37) { // jumps over chunks, then back to the oldest
      assertLookup(buffer, from, stream, 0);
      assertLookup(buffer, 0, stream, 0);
      assertLookup(buffer, 127 - from, stream, 0);
    }
  }

  @Test
  void aPartialAcknowledgmentInsideAChunk_keepsIt_andLookupsFindTheBytesLeft() {
    byte[] stream = counting(64);
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(stream, 0, 8);
    buffer.append(stream, 8, 8); // a second chunk of 8
    buffer.append(SharedBytes.copyOf(stream), 16, 16); // a shared third
    assertLookup(buffer, 10, stream, 0); // the second chunk found last

    buffer.release(3); // inside the oldest
    assertThat(buffer.allocated()).isEqualTo(32);
    assertLookup(buffer, 3, stream, 0);
    assertLookup(buffer, 7, stream, 0);
    buffer.release(11); // past the oldest (dropped: the one found last), inside the second
    assertThat(buffer.allocated()).isEqualTo(24);
    assertLookup(buffer, 11, stream, 0);
    assertLookup(buffer, 20, stream, 0); // the shared chunk now found last
    buffer.release(16); // exactly the second's end: the shared one is the oldest
    assertThat(buffer.allocated()).isEqualTo(16);
    assertLookup(buffer, 16, stream, 0);
    buffer.release(31); // one byte left
    assertLookup(buffer, 31, stream, 0);
    assertThatThrownBy(() -> buffer.chunkHolding(30, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buffer.chunkHolding(32, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAcknowledgmentPastSeveralChunks_dropsThemAll_whereverTheLastLookupWas() {
    byte[] stream = counting(64);
    for (long found = 0; found < 40; found++) {
      SendBuffer buffer = new SendBuffer(1 << 20);
      SharedBytes shared = SharedBytes.copyOf(stream);
      for (int chunk = 0; chunk < 5; chunk++) {
        buffer.append(apart(shared), 8 * chunk, 8); // five chunks of 8
      }
      assertLookup(buffer, found, stream, 0);

      buffer.release(27); // the first three dropped, three bytes of the fourth acknowledged

      assertThat(buffer.allocated()).as("after a lookup of %s", found).isEqualTo(16);
      for (long from = 27; from < 40; from++) {
        assertLookup(buffer, from, stream, 0);
      }
    }
  }

  @Test
  void offsetsGoOnPast2To32_withChunksAndViewsAsBefore() {
    int mebibyte = 1 << 20;
    byte[] stream = counting(mebibyte);
    SharedBytes shared = SharedBytes.copyOf(stream);
    SendBuffer buffer = new SendBuffer(4 * mebibyte);
    long fourGibibytes = 1L << 32;
    while (buffer.end() < fourGibibytes) { // writes of 1 MiB, each acknowledged but for 100 bytes
      buffer.append(shared, 0, mebibyte);
      buffer.release(buffer.end() - 100);
    }
    long base = buffer.end() - mebibyte; // where the last write began
    buffer.append(shared, 0, mebibyte);
    byte[] twice = new byte[2 * mebibyte];
    System.arraycopy(stream, 0, twice, 0, mebibyte);
    System.arraycopy(stream, 0, twice, mebibyte, mebibyte);
    assertThat(buffer.end()).isGreaterThan(fourGibibytes);
    assertLookup(buffer, buffer.end() - mebibyte - 100, twice, base);
    assertLookup(buffer, buffer.end() - mebibyte, twice, base);
    assertLookup(buffer, buffer.end() - 1, twice, base);
    buffer.release(buffer.end() - 5);
    assertLookup(buffer, buffer.end() - 5, twice, base);
    assertThat(buffer.allocated()).isEqualTo(mebibyte);
  }

  @Test
  void aOneGibibyteBuffer_holding100Bytes_allocates100Bytes() {
    SendBuffer buffer = new SendBuffer(1 << 30);
    assertThat(buffer.allocated()).isZero();
    assertThat(buffer.append(new byte[100], 0, 100)).isEqualTo(100);
    assertThat(buffer.allocated()).isEqualTo(100);
    assertThat(buffer.free()).isEqualTo((1 << 30) - 100);
  }

  @Test
  void chunksGrowByDoubling_upToTheCapacity_whichStillLimitsWhatItTakes() {
    SendBuffer buffer = new SendBuffer(1000);
    buffer.append(new byte[300], 0, 300);
    buffer.append(new byte[10], 0, 10); // a second chunk, as large as the first
    assertThat(buffer.allocated()).isEqualTo(600);
    assertThat(buffer.append(new byte[2000], 0, 2000)).isEqualTo(690);
    assertThat(buffer.allocated()).isEqualTo(1000); // the third only as large as the free space
    assertThat(buffer.free()).isZero();
  }

  @Test
  void aChunkIsAtMostMaxChunk_andAViewRunsOnAcrossChunks() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    byte[] data = new byte[3 * SendBuffer.MAX_CHUNK];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i / SendBuffer.MAX_CHUNK + 'a');
    }
    buffer.append(data, 0, data.length);
    assertThat(buffer.allocated()).isEqualTo(3 * SendBuffer.MAX_CHUNK);
    long boundary = SendBuffer.MAX_CHUNK;
    assertThat(buffer.chunkHolding(boundary, 1).start()).isEqualTo(boundary);
    assertThat(text(buffer, boundary - 2, 4)).isEqualTo("aabb");
    assertThat(text(buffer, 2 * boundary - 1, 2)).isEqualTo("bc");
  }

  @Test
  void aViewTakenBeforeAcknowledgmentAndLaterWrites_keepsItsBytes() {
    SendBuffer buffer = new SendBuffer(8);
    buffer.append(bytes("abcdefgh"), 0, 8);
    DataChunk chunk = buffer.chunkHolding(2, 4);
    int index = (int) (2 - chunk.start());
    buffer.release(8); // every byte acknowledged: the buffer lets its chunks go
    buffer.append(bytes("ijklmnop"), 0, 8); // the space is reused by new chunks, not the old
    byte[] out = new byte[4];
    chunk.copy(index, out, 0, 4); // a retransmission still in flight shows the bytes it carried
    assertThat(new String(out, US_ASCII)).isEqualTo("cdef");
    assertThat(text(buffer, 8, 8)).isEqualTo("ijklmnop");
  }

  @Test
  void acknowledgedChunksAreDropped_exceptTheOneStillBeingFilled() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(bytes("abcd"), 0, 4);
    buffer.append(bytes("efgh"), 0, 4); // a second chunk of 4
    buffer.append(bytes("ij"), 0, 2); // a third of 8, two bytes filled
    assertThat(buffer.allocated()).isEqualTo(16);
    buffer.release(8);
    assertThat(buffer.allocated()).isEqualTo(8);
    assertThat(text(buffer, 8, 2)).isEqualTo("ij");
    assertThatThrownBy(() -> buffer.chunkHolding(7, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOldestChunk_isDroppedOnlyOnceAllItsBytesAreAcknowledged_whateverChunkWasOldestBefore() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(bytes("abcd"), 0, 4);
    buffer.append(bytes("efgh"), 0, 4); // a second chunk of 4, full, the newest
    buffer.release(4); // the first dropped: the second is the oldest and the newest
    buffer.append(SharedBytes.copyOf(bytes("XY")), 0, 2); // a third after it
    assertThat(buffer.allocated()).isEqualTo(6);

    buffer.release(6); // past the first chunk's end, inside the second's

    assertThat(buffer.allocated()).isEqualTo(6);
    assertThat(text(buffer, 6, 4)).isEqualTo("ghXY");
    buffer.release(8);
    assertThat(buffer.allocated()).isEqualTo(2);
    assertThat(text(buffer, 8, 2)).isEqualTo("XY");
  }

  @Test
  void onceEveryByteIsAcknowledged_theMemoryIsGivenBack_andOffsetsGoOn() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(new byte[5000], 0, 5000);
    buffer.release(5000);
    assertThat(buffer.allocated()).isZero();
    buffer.append(bytes("next"), 0, 4);
    assertThat(text(buffer, 5000, 4)).isEqualTo("next");
    assertThat(buffer.allocated()).isEqualTo(4);
  }

  @Test
  void aSharedWrite_isAChunkReferringToTheSharedBytes_andTakesOnlyWhatFits() {
    SharedBytes digits = SharedBytes.copyOf(bytes("0123456789"));
    SendBuffer buffer = new SendBuffer(10);
    buffer.append(bytes("abc"), 0, 3);
    assertThat(buffer.append(digits, 2, 8)).isEqualTo(7); // room for 7 of the 8
    assertThat(buffer.free()).isZero();
    DataChunk chunk = buffer.chunkHolding(3, 7);
    assertThat(chunk.array()).isSameAs(digits.array()); // nothing copied
    assertThat(chunk.start()).isEqualTo(3);
    assertThat(text(buffer, 1, 9)).isEqualTo("bc2345678");
    assertThat(buffer.allocated()).isEqualTo(10);
  }

  @Test
  void aViewRunsOnFromAPartlyFilledChunk_throughASharedOne_intoTheFreshChunkAfterIt() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(bytes("abcd"), 0, 4);
    buffer.append(bytes("e"), 0, 1); // a second chunk of 4, one byte filled
    buffer.append(SharedBytes.copyOf(bytes("XY")), 0, 2); // linked after it: it is filled no more
    buffer.append(bytes("fg"), 0, 2); // a fresh chunk, not the second's free space
    assertThat(text(buffer, 3, 6)).isEqualTo("deXYfg");
    assertThat(buffer.chunkHolding(7, 1).start()).isEqualTo(7);
  }

  @Test
  void aChunkAfterOneASharedWriteClosed_growsByTheBytesHeld_notByTheClosedOnesFreeSpace() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(bytes("abcd"), 0, 4);
    buffer.append(bytes("e"), 0, 1); // a second chunk of 4, one byte filled
    buffer.append(SharedBytes.copyOf(bytes("XY")), 0, 2); // the second is filled no more
    assertThat(buffer.allocated()).isEqualTo(10);

    buffer.append(bytes("f"), 0, 1); // a chunk as large as the 7 bytes held: 4 + 1 + 2

    assertThat(buffer.allocated()).isEqualTo(17);
    assertThat(text(buffer, 0, 8)).isEqualTo("abcdeXYf");
  }

  @Test
  void anAcknowledgedSharedChunk_isDropped_andTheSharedBytesStayAsTheyWere() {
    SharedBytes word = SharedBytes.copyOf(bytes("word"));
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(word, 0, 4);
    buffer.append(word, 1, 2);
    assertThat(buffer.allocated()).isEqualTo(6);
    buffer.release(4);
    assertThat(buffer.allocated()).isEqualTo(2);
    assertThat(text(buffer, 4, 2)).isEqualTo("or");
    buffer.release(6);
    assertThat(buffer.allocated()).isZero();
    assertThat(word.toArray()).isEqualTo(bytes("word"));
  }

  @Test
  void aViewAcrossChunks_keepsItsBytes_afterTheBufferDropsEveryChunkItRunsThrough() {
    SharedBytes shared = SharedBytes.copyOf(bytes("0123456789"));
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(bytes("abcd"), 0, 4);
    buffer.append(shared, 0, 3); // "012"
    buffer.append(shared, 5, 2); // "56"
    buffer.append(bytes("xyz"), 0, 3);
    DataChunk chunk = buffer.chunkHolding(2, 9); // "cd" "012" "56" "xy": through four chunks
    int index = buffer.indexInChunk(2);

    buffer.release(12); // every chunk dropped: the buffer cuts their links
    buffer.append(bytes("next"), 0, 4);

    byte[] out = new byte[9];
    chunk.copy(index, out, 0, 9); // a segment still in flight shows the bytes it carried
    assertThat(new String(out, US_ASCII)).isEqualTo("cd01256xy");
    assertThat(text(buffer, 12, 4)).isEqualTo("next");
  }

  @Test
  void aViewInsideOneChunk_isThatChunk_andOneRunningOnIsACopyWithTheSameBytes() {
    SharedBytes shared = SharedBytes.copyOf(bytes("0123456789"));
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(shared, 0, 4);
    buffer.append(apart(shared), 4, 6);
    DataChunk inside = buffer.chunkHolding(1, 3); // ends at the first chunk's end
    DataChunk across = buffer.chunkHolding(1, 4); // runs one byte on

    assertThat(buffer.chunkHolding(0, 1)).isSameAs(inside);
    assertThat(across).isNotSameAs(inside);
    assertThat(across.array()).isSameAs(shared.array()); // bounds copied, never bytes
    assertThat(across.start()).isEqualTo(inside.start());
    assertThat(across.end()).isEqualTo(inside.end());
    assertThat(text(buffer, 1, 4)).isEqualTo("1234");
  }

  @Test
  void aDroppedChunk_linksToNoNewerChunk_whetherAnAckDropsSomeOrAll() {
    SharedBytes shared = SharedBytes.copyOf(bytes("0123456789"));
    SendBuffer buffer = new SendBuffer(1 << 20);
    for (int i = 0; i < 5; i++) {
      buffer.append(apart(shared), 2 * i, 2); // five chunks of 2
    }
    DataChunk first = buffer.chunkHolding(0, 1);
    DataChunk second = buffer.chunkHolding(2, 1);
    DataChunk third = buffer.chunkHolding(4, 1);
    DataChunk fourth = buffer.chunkHolding(6, 1);
    assertThat(first.next()).isSameAs(second);

    buffer.release(5); // the first two dropped, the third partly acknowledged

    assertThat(first.next()).isNull();
    assertThat(second.next()).isNull();
    assertThat(third.next()).isSameAs(fourth);
    buffer.release(10); // everything acknowledged
    assertThat(third.next()).isNull();
    assertThat(fourth.next()).isNull();
  }

  @Test
  void sharedWritesGoingOnWhereTheLastStopped_extendOneChunk_andViewsShowTheirBytes() {
    SharedBytes shared = SharedBytes.copyOf(bytes("0123456789"));
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(shared, 0, 3); // "012"
    DataChunk early = buffer.chunkHolding(0, 3); // a view taken before the writes that follow
    buffer.append(shared, 3, 4); // "3456": goes on in the same bytes
    buffer.append(shared, 7, 3); // "789"

    assertThat(buffer.chunkHolding(9, 1)).isSameAs(early); // one chunk holds them all
    assertThat(buffer.allocated()).isEqualTo(10);
    assertThat(text(buffer, 2, 8)).isEqualTo("23456789");
    byte[] out = new byte[3];
    early.copy(0, out, 0, 3);
    assertThat(new String(out, US_ASCII)).isEqualTo("012");

    buffer.append(shared, 0, 2); // "01" again: not where the last stopped, a chunk of its own
    buffer.append(bytes("ab"), 0, 2); // copied bytes: a chunk of the buffer's own
    buffer.append(shared, 2, 1); // after a copied chunk: a slice of its own
    assertThat(buffer.chunkHolding(10, 1)).isNotSameAs(early);
    assertThat(buffer.chunkHolding(14, 1).start()).isEqualTo(14);
    assertThat(text(buffer, 8, 7)).isEqualTo("8901ab2");
    buffer.release(9);
    assertThat(text(buffer, 9, 6)).isEqualTo("901ab2");
  }
}
