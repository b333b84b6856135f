package netsim.explore.sweep;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as tables show them: a fixed number of decimal places, rounded half-even from the
 * double's exact binary value (never through the JDK's shortest-digits conversion, which differs
 * between Java versions), no exponent, "." as the decimal point; an undefined number is empty.
 */
final class Decimals {
  /** Decimal places of means, deviations and intervals. */
  static final int STATISTICS_SCALE = 6;

  private Decimals() {}

  static String format(double value, int scale) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    return new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String format(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }
}
