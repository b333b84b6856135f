package netsim.explore.hunt;

/**
 * The seeds a hunt tries, in order: {@code first..last}, both included ("1..100000"), or one seed
 * ("42").
 */
public record SeedRange(long first, long last) {
  public SeedRange {
    if (last < first) {
      throw new IllegalArgumentException("empty seed range " + first + ".." + last);
    }
  }

  /**
   * @throws IllegalArgumentException for anything but "N" or "N..M" with N <= M
   */
  public static SeedRange parse(String text) {
    String trimmed = text.trim();
    int dots = trimmed.indexOf("..");
    try {
      if (dots < 0) {
        long seed = Long.parseLong(trimmed);
        return new SeedRange(seed, seed);
      }
      return new SeedRange(
          Long.parseLong(trimmed.substring(0, dots).trim()),
          Long.parseLong(trimmed.substring(dots + 2).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected seeds as FIRST..LAST, e.g. 1..100000, or one" + " seed; got '" + text + "'");
    }
  }

  /** How many seeds it holds (saturating). */
  public long size() {
    long size = last - first + 1;
    return size <= 0 ? Long.MAX_VALUE : size;
  }

  @Override
  public String toString() {
    return first == last ? Long.toString(first) : first + ".." + last;
  }
}
