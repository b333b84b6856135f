package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.core.Time;

/**
 * Parses and prints the units of config files that sim-core does not: data rates ({@code "10Mbps"},
 * bits per second, decimal prefixes as networking uses them) and sizes ({@code "64KiB"}, {@code
 * "1.5MB"}, bytes). Exact: values go through {@link BigDecimal}, never through floating point.
 * Durations are {@link netsim.core.Time#parse}'s.
 */
public final class Units {
  private static final Pattern NUMBER_UNIT =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");
  private static final String RATE_UNITS = "bps, kbps, Mbps, Gbps, Tbps";
  private static final String SIZE_UNITS = "B, KB, MB, GB, KiB, MiB, GiB";

  private Units() {}

  /**
   * A rate in bits per second: "10Mbps", "1.5Gbps", "64kbps", "800bps", "1Tbps"; "0" or "unlimited"
   * is 0 (no serialization delay).
   *
   * @throws IllegalArgumentException naming the text and the units expected
   */
  public static long parseRate(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("0") || trimmed.equalsIgnoreCase("unlimited")) {
      return 0;
    }
    Matcher m = NUMBER_UNIT.matcher(trimmed);
    if (!m.matches() || m.group(2).isEmpty()) {
      throw new IllegalArgumentException(
          "invalid rate "
              + quote(text)
              + ": expected a number and a unit ("
              + RATE_UNITS
              + "), e.g. \"10Mbps\"");
    }
    long unit;
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "bps":
        unit = 1;
        break;
      case "kbps":
        unit = 1_000;
        break;
      case "mbps":
        unit = 1_000_000;
        break;
      case "gbps":
        unit = 1_000_000_000;
        break;
      case "tbps":
        unit = 1_000_000_000_000L;
        break;
      default:
        throw new IllegalArgumentException(
            "invalid rate "
                + quote(text)
                + ": unknown unit "
                + quote(m.group(2))
                + " (expected one of "
                + RATE_UNITS
                + ")");
    }
    return whole(InputLimits.decimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), text, "bit/s");
  }

  /**
   * A size in bytes: "1500B", "64KiB", "1MB", "1.5MiB", or a bare whole number of bytes.
   *
   * @throws IllegalArgumentException naming the text and the units expected
   */
  public static long parseSize(String text) {
    Matcher m = NUMBER_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size "
              + quote(text)
              + ": expected a number of bytes with an optional unit ("
              + SIZE_UNITS
              + "), e.g. \"64KiB\"");
    }
    long unit;
    switch (m.group(2)) {
      case "":
      case "B":
        unit = 1;
        break;
      case "KB":
      case "kB":
        unit = 1_000;
        break;
      case "MB":
        unit = 1_000_000;
        break;
      case "GB":
        unit = 1_000_000_000;
        break;
      case "KiB":
        unit = 1L << 10;
        break;
      case "MiB":
        unit = 1L << 20;
        break;
      case "GiB":
        unit = 1L << 30;
        break;
      default:
        throw new IllegalArgumentException(
            "invalid size "
                + quote(text)
                + ": unknown unit "
                + quote(m.group(2))
                + " (expected one of "
                + SIZE_UNITS
                + ")");
    }
    return whole(InputLimits.decimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), text, "bytes");
  }

  private static long whole(BigDecimal value, String text, String what) {
    BigInteger exact;
    try {
      exact = value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "invalid value " + quote(text) + ": not a whole number of " + what, e);
    }
    if (exact.bitLength() > 63) {
      throw new IllegalArgumentException(
          "out of range: " + quote(text) + " is more than 2^63 " + what);
    }
    return exact.longValueExact();
  }

  /** "10Mbps" for 10_000_000; "unlimited" for 0. {@link #parseRate} reads it back. */
  public static String formatRate(long bitsPerSecond) {
    if (bitsPerSecond == 0) {
      return "unlimited";
    }
    String[] names = {"Tbps", "Gbps", "Mbps", "kbps"};
    long[] units = {1_000_000_000_000L, 1_000_000_000, 1_000_000, 1_000};
    for (int i = 0; i < units.length; i++) {
      if (bitsPerSecond >= units[i]) {
        return BigDecimal.valueOf(bitsPerSecond)
                .divide(BigDecimal.valueOf(units[i]))
                .stripTrailingZeros()
                .toPlainString()
            + names[i];
      }
    }
    return bitsPerSecond + "bps";
  }

  /** "64KiB" for 65536, "1500B" for 1500. {@link #parseSize} reads it back. */
  public static String formatSize(long bytes) {
    String[] names = {"GiB", "MiB", "KiB"};
    long[] units = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= units[i] && bytes % units[i] == 0) {
        return bytes / units[i] + names[i];
      }
    }
    return bytes + "B";
  }

  /**
   * A duration as a config file writes it: "0" for none, whole hours in {@code h} ("2h"), else
   * {@link Time#format} ("200ms", "75s"). {@link Time#parse} reads it back.
   */
  public static String formatDuration(long nanos) {
    if (nanos == 0) {
      return "0";
    }
    long hour = 3600 * Time.SECOND;
    return nanos % hour == 0 ? nanos / hour + "h" : Time.format(nanos);
  }
}
