package netsim.scenario.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import netsim.core.RandomStreams;

/**
 * The deterministic pseudo-random bytes one side of a connection sends, from a stream named after
 * the sending endpoint, the receiving endpoint and the sender's ISN. The receiver knows all three
 * (the ISN is its IRS), so it makes the same stream and checks every byte it is given, in order.
 * Bytes come from 64-bit draws, lowest byte first, eight at a time where a chunk allows and one at
 * a time elsewhere, so chunking never changes the sequence.
 *
 * <p>The draws are xoshiro256++ (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021) seeded with {@link RandomStreams#seedFor}'s four words as its
 * state: the sequence {@link RandomStreams}' own generator (Commons RNG's {@code
 * XoShiRo256PlusPlus}) gives for that seed, drawn here in local variables a whole chunk at a time,
 * without a call per draw (a third of the cost of making a run's payload).
 */
public final class PayloadStream {
  /** A draw's eight bytes in a byte array, lowest first: the order {@link #nextByte} gives them. */
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The generator's state. */
  private long s0;

  private long s1;
  private long s2;
  private long s3;

  private long word;
  private int left;

  public PayloadStream(long masterSeed, String sender, String receiver, long senderIsn) {
    long[] seed =
        RandomStreams.seedFor(
            masterSeed, "app/payload/" + sender + ">" + receiver + "/" + senderIsn);
    s0 = seed[0];
    s1 = seed[1];
    s2 = seed[2];
    s3 = seed[3];
  }

  /** The next 64-bit draw. */
  private long nextLong() {
    long result = Long.rotateLeft(s0 + s3, 23) + s0;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
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
    // whole draws, lowest byte first as nextByte: nextLong's steps on local copies of the state
    long a = s0;
    long b = s1;
    long c = s2;
    long d = s3;
    for (; n - i >= Long.BYTES; i += Long.BYTES) {
      WORD.set(bytes, i, Long.rotateLeft(a + d, 23) + a);
      long t = b << 17;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = Long.rotateLeft(d, 45);
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
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
      long difference = (long) WORD.get(data, i) ^ nextLong();
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
      word = nextLong();
      left = 8;
    }
    byte b = (byte) word;
    word >>>= 8;
    left--;
    return b;
  }
}
