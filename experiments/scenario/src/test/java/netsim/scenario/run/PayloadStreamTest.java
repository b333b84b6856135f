package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.junit.jupiter.api.Test;

/**
 * A connection's payload bytes are one sequence however the sender chunks its writes and the
 * receiver its reads: the receiver checks what it is given against the same stream.
 */
class PayloadStreamTest {
  private static final int LENGTH = 1000;

  private static PayloadStream stream() {
    return new PayloadStream(1, "10.0.0.1:49152", "10.0.0.2:80", 12345);
  }

  /** The sequence one byte at a time. */
  private static byte[] oneAtATime() {
    PayloadStream stream = stream();
    byte[] bytes = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bytes[i] = stream.nextByte();
    }
    return bytes;
  }

  /** The sequence in chunks of {@code sizes}, in turn, each drawn into the same array. */
  private static byte[] inChunks(int... sizes) {
    PayloadStream stream = stream();
    byte[] bytes = new byte[LENGTH];
    byte[] chunk = new byte[LENGTH];
    for (int at = 0, turn = 0; at < LENGTH; turn++) {
      int size = Math.min(sizes[turn % sizes.length], LENGTH - at);
      stream.next(chunk, size);
      System.arraycopy(chunk, 0, bytes, at, size);
      at += size;
    }
    return bytes;
  }

  @Test
  void next_inChunksAlignedOrNot_givesTheBytesOfNextByte() {
    byte[] expected = oneAtATime();
    assertThat(inChunks(1)).isEqualTo(expected);
    assertThat(inChunks(8)).isEqualTo(expected);
    assertThat(inChunks(1000)).isEqualTo(expected);
    assertThat(inChunks(3, 13, 8, 1, 64)).isEqualTo(expected);
  }

  @Test
  void mismatch_ofTheStreamsOwnBytes_inAnyChunks_isMinusOne() {
    byte[] bytes = oneAtATime();
    PayloadStream receiver = stream();
    int[] sizes = {5, 16, 1, 100, 7};
    for (int at = 0, turn = 0; at < LENGTH; turn++) {
      int size = Math.min(sizes[turn % sizes.length], LENGTH - at);
      byte[] chunk = new byte[size];
      System.arraycopy(bytes, at, chunk, 0, size);
      assertThat(receiver.mismatch(chunk)).as("chunk at %s", at).isEqualTo(-1);
      at += size;
    }
  }

  @Test
  void mismatch_findsTheFirstChangedByte_atEveryPositionOfAChunk_andConsumesTheWholeChunk() {
    byte[] bytes = oneAtATime();
    for (int skip : new int[] {0, 3}) { // reads that start on a draw's boundary, and inside one
      for (int changed = 0; changed < 20; changed++) {
        PayloadStream receiver = stream();
        byte[] head = new byte[skip];
        System.arraycopy(bytes, 0, head, 0, skip);
        assertThat(receiver.mismatch(head)).isEqualTo(-1);
        byte[] chunk = new byte[20];
        System.arraycopy(bytes, skip, chunk, 0, chunk.length);
        chunk[changed] ^= 0x10;
        chunk[19] ^= 0x01; // a later difference does not hide the first
        assertThat(receiver.mismatch(chunk)).as("skip %s", skip).isEqualTo(changed);
        byte[] rest = new byte[8];
        System.arraycopy(bytes, skip + chunk.length, rest, 0, rest.length);
        assertThat(receiver.mismatch(rest)).isEqualTo(-1);
      }
    }
  }

  @Test
  void mismatch_ofAPrefixOfAReusedArray_checksOnlyThatPrefix_andConsumesOnlyIt() {
    byte[] bytes = oneAtATime();
    PayloadStream receiver = stream();
    byte[] reused = new byte[64];
    System.arraycopy(bytes, 0, reused, 0, 10);
    reused[20] = (byte) ~reused[20]; // beyond the prefix: not looked at
    assertThat(receiver.mismatch(reused, 10)).isEqualTo(-1);
    System.arraycopy(bytes, 10, reused, 0, 30);
    reused[17] ^= 1;
    assertThat(receiver.mismatch(reused, 30)).isEqualTo(17);
    System.arraycopy(bytes, 40, reused, 0, 5);
    assertThat(receiver.mismatch(reused, 5)).isEqualTo(-1);
  }

  @Test
  void bytes_areTheDrawsOfCommonsRngsXoShiRo256PlusPlus_fromTheStreamsSeed_lowestByteFirst() {
    for (long seed : new long[] {1, 2, -7, Long.MAX_VALUE}) {
      for (String receiver : new String[] {"10.0.0.2:80", "10.0.0.3:443"}) {
        UniformRandomProvider reference =
            new XoShiRo256PlusPlus(
                RandomStreams.seedFor(seed, "app/payload/10.0.0.1:49152>" + receiver + "/99"));
        PayloadStream stream = new PayloadStream(seed, "10.0.0.1:49152", receiver, 99);
        byte[] bytes = new byte[4096];
        stream.next(bytes, 4091); // whole draws, then three bytes of the next one
        for (int i = 0; i + Long.BYTES <= 4091; i += Long.BYTES) {
          long draw = reference.nextLong();
          for (int k = 0; k < Long.BYTES; k++) {
            assertThat(bytes[i + k])
                .as("seed %s byte %s", seed, i + k)
                .isEqualTo((byte) (draw >>> (8 * k)));
          }
        }
        long straddled = reference.nextLong();
        for (int k = 0; k < Long.BYTES; k++) { // the straddled draw's bytes, then one more draw
          byte expected = (byte) (straddled >>> (8 * k));
          assertThat(k < 3 ? bytes[4088 + k] : stream.nextByte()).isEqualTo(expected);
        }
        assertThat(stream.nextByte()).isEqualTo((byte) reference.nextLong());
      }
    }
  }
}
