package netsim.tcp;

/**
 * Sequence number arithmetic modulo 2^32 (RFC 9293 3.4). Sequence numbers are held in an {@code
 * int}; comparisons look at the signed difference, so they stay right across wraparound for numbers
 * less than 2^31 apart.
 */
public final class Seq {
  private Seq() {}

  /** {@code a < b} in sequence space. */
  public static boolean lt(int a, int b) {
    return a - b < 0;
  }

  /** {@code a <= b} in sequence space. */
  public static boolean le(int a, int b) {
    return a - b <= 0;
  }

  /** {@code a > b} in sequence space. */
  public static boolean gt(int a, int b) {
    return a - b > 0;
  }

  /** {@code a >= b} in sequence space. */
  public static boolean ge(int a, int b) {
    return a - b >= 0;
  }

  /** The signed distance from {@code from} to {@code to}. */
  public static int diff(int to, int from) {
    return to - from;
  }

  /** {@code start <= x < start + length}, the receive-window test of RFC 9293 3.4. */
  public static boolean inWindow(int x, int start, int length) {
    return Integer.compareUnsigned(x - start, length) < 0;
  }

  /** The larger of two sequence numbers. */
  public static int max(int a, int b) {
    return gt(a, b) ? a : b;
  }

  /** The unsigned 32-bit value, for traces and pcap. */
  public static long unsigned(int seq) {
    return Integer.toUnsignedLong(seq);
  }
}
