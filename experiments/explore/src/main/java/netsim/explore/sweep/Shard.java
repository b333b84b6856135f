package netsim.explore.sweep;

/**
 * The K-th of N deterministic shares of a sweep's runs ({@code --shard K/N}, K from 1 to N): run
 * {@code i} belongs to share {@code i mod N + 1}, so every share gets runs of every point and the
 * shares take about the same time.
 */
public record Shard(int k, int n) {
  /** All runs. */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (n < 1 || k < 1 || k > n) {
      throw new IllegalArgumentException("expected K/N with 1 <= K <= N; got " + k + "/" + n);
    }
  }

  /**
   * Parses {@code K/N}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Shard parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "expected K/N, e.g. 2/4 for the second of four shares;" + " got '" + text + "'");
    }
    try {
      return new Shard(
          Integer.parseInt(text.substring(0, slash).trim()),
          Integer.parseInt(text.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected K/N with whole numbers, e.g. 2/4; got '" + text + "'");
    }
  }

  /** Whether this share is the whole sweep. */
  public boolean isAll() {
    return n == 1;
  }

  /** Whether run {@code index} is in this share. */
  public boolean contains(long index) {
    return index % n == k - 1;
  }

  /** The number of runs of this share among {@code runs}. */
  public long size(long runs) {
    long full = runs / n;
    return full + (runs % n >= k ? 1 : 0);
  }

  @Override
  public String toString() {
    return k + "/" + n;
  }
}
