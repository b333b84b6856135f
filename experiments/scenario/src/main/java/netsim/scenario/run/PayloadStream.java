package netsim.scenario.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import netsim.core.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * The deterministic pseudo-random bytes one side of a connection sends, from a stream named after
 * the sending endpoint, the receiving endpoint and the sender's ISN. The receiver knows all three
 * (the ISN is its IRS), so it makes the same stream and checks every byte it is given, in order.
 * Bytes come from 64-bit draws, lowest byte first, eight at a time where a chunk allows and one at
 * a time elsewhere, so chunking never changes the sequence.
 */
public final class PayloadStream {
  /** A draw's eight bytes in a byte array, lowest first: the order {@link #nextByte} gives them. */
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final UniformRandomProvider random;
  private long word;
  private int left;

  public PayloadStream(long masterSeed, String sender, String receiver, long senderIsn) {
    this.random =
        new XoShiRo256PlusPlus(
            RandomStreams.seedFor(
                masterSeed, "app/payload/" + sender + ">" + receiver + "/" + senderIsn));
  }

  /** Writes the next {@code n} bytes into {@code bytes[0, n)}: a writer reuses one array. */
  public void next(byte[] bytes, int n) {
    if (n < 0 || n > bytes.length) {
      throw new IndexOutOfBoundsException("cannot write " + n + " bytes into " + bytes.length);
    }
    int i = 0;
    for (; i < n && left > 0; i++) {
      bytes[i] = nextByte();
    }
    for (; n - i >= Long.BYTES; i += Long.BYTES) { // a whole draw, lowest byte first as nextByte
      WORD.set(bytes, i, random.nextLong());
    }
    for (; i < n; i++) {
      bytes[i] = nextByte();
    }
  }

  /**
   * Checks {@code data} against the next {@code data.length} bytes of the stream, which it consumes
   * whatever it finds: the index of the first byte that differs, or -1 if all are equal.
   */
  public int mismatch(byte[] data) {
    return mismatch(data, data.length);
  }

  /** {@link #mismatch(byte[])} of {@code data[0, n)}: a reader reuses one array. */
  public int mismatch(byte[] data, int n) {
    if (n < 0 || n > data.length) {
      throw new IndexOutOfBoundsException("cannot check " + n + " bytes of " + data.length);
    }
    int first = -1;
    int i = 0;
    for (; i < n && left > 0; i++) {
      if (data[i] != nextByte() && first < 0) {
        first = i;
      }
    }
    for (; n - i >= Long.BYTES; i += Long.BYTES) {
      long difference = (long) WORD.get(data, i) ^ random.nextLong();
      if (difference != 0 && first < 0) {
        first = i + Long.numberOfTrailingZeros(difference) / Byte.SIZE;
      }
    }
    for (; i < n; i++) {
      if (data[i] != nextByte() && first < 0) {
        first = i;
      }
    }
    return first;
  }

  public byte nextByte() {
    if (left == 0) {
      word = random.nextLong();
      left = 8;
    }
    byte b = (byte) word;
    word >>>= 8;
    left--;
    return b;
  }
}
