package netsim.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Axis tick labels: at most four significant digits, thousands as k, millions as M, billions as G
 * ("12 k", "8.5 M"), no exponent, "." as the decimal point, whatever the platform's locale.
 */
public final class Ticks {
  private static final MathContext DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

  private Ticks() {}

  public static String format(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return "";
    }
    double v = value;
    double a = Math.abs(v);
    String suffix = "";
    if (a >= 1e9) {
      v /= 1e9;
      suffix = " G";
    } else if (a >= 1e6) {
      v /= 1e6;
      suffix = " M";
    } else if (a >= 1e4) {
      v /= 1e3;
      suffix = " k";
    }
    BigDecimal d = new BigDecimal(v).round(DIGITS);
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString() + suffix;
  }
}
