package netsim.net.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words.
 */
public final class InternetChecksum {
  /** Eight bytes of an array as one big-endian {@code long}: four 16-bit words in one read. */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Eight bytes of an array as one little-endian {@code long}: the processor's own order, so a read
   * is one load, with no byte swap (the client compiler, {@code ./netsim run}'s only one, calls
   * {@link Long#reverseBytes} for a big-endian read instead of inlining it).
   */
  private static final VarHandle LITTLE_WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private InternetChecksum() {}

  /** The checksum of {@code length} bytes of {@code data} from {@code offset}. */
  public static int of(byte[] data, int offset, int length) {
    return finish(sum(0, data, offset, length));
  }

  /**
   * Adds bytes to a running (unfolded) sum: the plain sum of their big-endian 16-bit words; an odd
   * final byte is padded with zero. Reads eight bytes at a time (a capture sums every packet).
   */
  public static long sum(long sum, byte[] data, int offset, int length) {
    int end = offset + length;
    int i = offset;
    for (; i + 7 < end; i += 8) {
      long w = (long) WORDS.get(data, i);
      sum += (w >>> 48) + ((w >>> 32) & 0xFFFF) + ((w >>> 16) & 0xFFFF) + (w & 0xFFFF);
    }
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (data[i] & 0xFF) << 8;
    }
    return sum;
  }

  /**
   * {@link #fold}{@code (}{@link #sum}{@code (0, data, offset, length))}, made faster for the
   * payload of every captured segment: eight bytes at a time in the processor's order, summed as
   * two 32-bit words. The one's complement sum does not depend on the order of the bytes in a word
   * (RFC 1071 2(B)): the little-endian words are the big-endian ones with their bytes swapped,
   * whose sum is {@code 2^8} times smaller in one's complement arithmetic (modulo {@code 2^16 -
   * 1}), so it is shifted back by eight bits; and a 32-bit word is two 16-bit words in it, since
   * {@code 2^16} is one (RFC 1071 2(C), "parallel summation").
   */
  public static int foldedSum(byte[] data, int offset, int length) {
    int end = offset + length;
    int i = offset;
    long swapped = 0;
    for (; i + 7 < end; i += 8) {
      long w = (long) LITTLE_WORDS.get(data, i);
      swapped += (w >>> 32) + (w & 0xFFFF_FFFFL);
    }
    long sum = (long) fold(swapped) << 8;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (data[i] & 0xFF) << 8;
    }
    return fold(sum);
  }

  /** Adds the IPv4 pseudo-header of a transport segment to a running sum (RFC 9293 3.1). */
  public static long pseudoHeader(
      long sum, Ipv4Address source, Ipv4Address destination, int protocol, int segmentLength) {
    sum += source.bits() >>> 16;
    sum += source.bits() & 0xFFFF;
    sum += destination.bits() >>> 16;
    sum += destination.bits() & 0xFFFF;
    sum += protocol;
    sum += segmentLength;
    return sum;
  }

  /**
   * Folds a running sum to 16 bits (RFC 1071's end-around carry): the same sum in one's complement
   * arithmetic, so a checksum made from it is the same, and it may be kept in an {@code int}.
   */
  public static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) sum;
  }

  /** Folds a running sum to 16 bits and complements it. */
  public static int finish(long sum) {
    return ~fold(sum) & 0xFFFF;
  }
}
