package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import netsim.core.Time;

/**
 * The limits on what a config file may hold, so that no input can make reading it slow, flood the
 * terminal or overflow the arithmetic of a run. Each limit is far above what an experiment needs;
 * docs/config.md lists them. Crossing one is a located {@link ConfigException}.
 */
public final class InputLimits {
  /** The longest config file (or built-in scenario, or {@code --set} value): 1 MiB. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /** The deepest nesting of mappings and lists. */
  public static final int MAX_DEPTH = 32;

  /** The longest text value or key, in characters: 64 KiB. */
  public static final int MAX_TEXT_LENGTH = 1 << 16;

  /** The longest number as written, in characters (digits, sign, point, exponent). */
  public static final int MAX_NUMBER_LENGTH = 100;

  /**
   * Every number lies below 10^40 in magnitude and, unless 0, at or above 10^-40: wide enough for
   * any seed and any value a field accepts, narrow enough that exact decimal arithmetic on it stays
   * cheap.
   */
  public static final int MAX_DECIMAL_EXPONENT = 40;

  /**
   * The longest duration any field takes: 1000 hours. A run's clock is a long count of nanoseconds
   * (about 292 years); with every duration this short, the sums a run makes (a time plus a delay,
   * retries times an RTO, keep-alive probes) stay far from overflowing it.
   */
  public static final long MAX_DURATION = 1000 * Time.HOUR;

  /** {@link #MAX_DURATION} in words. */
  static final String MAX_DURATION_TEXT = "1000h, about six weeks";

  /** The highest rate a link takes: 10 Tbit/s. */
  public static final long MAX_RATE = 10_000_000_000_000L;

  /** How many characters of a value an error message echoes before it cuts the rest. */
  public static final int ECHO_LENGTH = 60;

  private static final Pattern EXPONENT =
      Pattern.compile("\\s*[+-]?[0-9]*\\.?[0-9]*[eE][+-]?[0-9]+\\s*");

  private InputLimits() {}

  /**
   * {@code text}, a decimal number as written in a value ({@code "1.5"}, {@code "1e-3"}), read
   * exactly.
   *
   * @throws IllegalArgumentException with a short message (the text cut to {@link #ECHO_LENGTH})
   *     when it is not a number, too long, or out of range
   */
  public static BigDecimal decimal(String text) {
    if (text.length() > MAX_NUMBER_LENGTH) {
      throw new IllegalArgumentException(tooLong(text));
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      if (EXPONENT.matcher(text).matches()) {
        throw outOfRange(text); // an exponent beyond what a decimal holds: 1e99999999999
      }
      throw new IllegalArgumentException("not a number: " + quote(text));
    }
    return checkMagnitude(value, text);
  }

  /** The problem with a number written with more than {@link #MAX_NUMBER_LENGTH} characters. */
  static String tooLong(String number) {
    return "out of range: a number of "
        + number.length()
        + " characters (at most "
        + MAX_NUMBER_LENGTH
        + ")";
  }

  /** The error for a number beyond the range every number must lie in. */
  public static IllegalArgumentException outOfRange(String text) {
    return new IllegalArgumentException(
        "out of range: "
            + quote(text)
            + " (a number is 0 or lies between 1e-"
            + MAX_DECIMAL_EXPONENT
            + " and 1e"
            + MAX_DECIMAL_EXPONENT
            + " in magnitude)");
  }

  /**
   * {@code value} if it lies within the range every number must ({@link #MAX_DECIMAL_EXPONENT}).
   *
   * @param text the value as written, for the message
   * @throws IllegalArgumentException "out of range", echoing at most {@link #ECHO_LENGTH}
   *     characters of {@code text}
   */
  public static BigDecimal checkMagnitude(BigDecimal value, String text) {
    if (value.signum() == 0) {
      return value;
    }
    // The decimal exponent of the leading digit: floor(log10(|value|)), without expanding it.
    long exponent = (long) value.precision() - value.scale() - 1;
    if (exponent >= MAX_DECIMAL_EXPONENT || exponent < -MAX_DECIMAL_EXPONENT) {
      throw outOfRange(text);
    }
    return value;
  }
}
