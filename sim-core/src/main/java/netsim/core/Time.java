package netsim.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Virtual time: a {@code long} count of nanoseconds since the start of a run, never floating point.
 *
 * <p>Parses and prints durations with units ({@code "250us"}, {@code "10ms"}, {@code "1.5s"},
 * {@code "2min"}) exactly, so that a config value means the same number of nanoseconds everywhere.
 */
public final class Time {
  public static final long NANOSECOND = 1L;
  public static final long MICROSECOND = 1_000L;
  public static final long MILLISECOND = 1_000_000L;
  public static final long SECOND = 1_000_000_000L;
  public static final long MINUTE = 60 * SECOND;
  public static final long HOUR = 60 * MINUTE;

  private static final Pattern DURATION =
      Pattern.compile("\\s*([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*([a-zµ]+)\\s*");
  private static final String UNITS = "ns, us, ms, s, min, h";

  private Time() {}

  /** {@code n} microseconds in nanoseconds; rejects overflow. */
  public static long micros(long n) {
    return scale(n, MICROSECOND, "us");
  }

  /** {@code n} milliseconds in nanoseconds; rejects overflow. */
  public static long millis(long n) {
    return scale(n, MILLISECOND, "ms");
  }

  /** {@code n} seconds in nanoseconds; rejects overflow. */
  public static long seconds(long n) {
    return scale(n, SECOND, "s");
  }

  private static long scale(long n, long unit, String name) {
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(n + name + " does not fit in 64-bit nanoseconds", e);
    }
  }

  /**
   * Parses a non-negative duration such as {@code "250us"}, {@code "10ms"}, {@code "1.5s"} or
   * {@code "2min"} into nanoseconds. Units: ns, us (or µs), ms, s, min, h. A bare {@code "0"} is
   * accepted. The value must be a whole number of nanoseconds and fit in a {@code long}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static long parse(String text) {
    checkArgument(text != null, "duration is missing");
    if (text.trim().equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration '"
              + text
              + "': expected a number and a unit ("
              + UNITS
              + "), e.g. \"10ms\" or \"1.5s\"");
    }
    BigDecimal value = new BigDecimal(m.group(1));
    long unit = unitNanos(m.group(2), text);
    if (value.signum() < 0) {
      throw new IllegalArgumentException("invalid duration '" + text + "': must not be negative");
    }
    BigDecimal nanos = value.multiply(BigDecimal.valueOf(unit));
    BigInteger whole;
    try {
      whole = nanos.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': finer than one nanosecond", e);
    }
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': too long (at most " + format(Long.MAX_VALUE) + ")");
    }
    return whole.longValueExact();
  }

  private static long unitNanos(String unit, String text) {
    switch (unit) {
      case "ns":
        return NANOSECOND;
      case "us":
      case "µs":
        return MICROSECOND;
      case "ms":
        return MILLISECOND;
      case "s":
        return SECOND;
      case "min":
        return MINUTE;
      case "h":
        return HOUR;
      default:
        throw new IllegalArgumentException(
            "invalid duration '"
                + text
                + "': unknown unit '"
                + unit
                + "' (expected one of "
                + UNITS
                + ")");
    }
  }

  /**
   * Prints nanoseconds exactly in the largest unit of ns, us, ms and s that is not above the value:
   * {@code 1_500_000_000 -> "1.5s"}, {@code 250_000 -> "250us"}, {@code 0 -> "0s"}. {@link #parse}
   * reads back the same number.
   */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    long magnitude = Math.abs(nanos == Long.MIN_VALUE ? Long.MAX_VALUE : nanos);
    long unit;
    String name;
    if (magnitude >= SECOND) {
      unit = SECOND;
      name = "s";
    } else if (magnitude >= MILLISECOND) {
      unit = MILLISECOND;
      name = "ms";
    } else if (magnitude >= MICROSECOND) {
      unit = MICROSECOND;
      name = "us";
    } else {
      return nanos + "ns";
    }
    BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit));
    return value.stripTrailingZeros().toPlainString() + name;
  }

  /**
   * {@code time + delay}, rejecting a negative delay and a result beyond the end of time.
   *
   * @throws IllegalArgumentException naming the values
   */
  public static long after(long time, long delay) {
    checkArgument(delay >= 0, "negative delay: %s", delay);
    long sum = time + delay;
    checkArgument(sum >= time, "time overflow: %s ns + %s ns exceeds the end of time", time, delay);
    return sum;
  }
}
