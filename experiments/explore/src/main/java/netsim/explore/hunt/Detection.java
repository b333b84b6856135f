package netsim.explore.hunt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import netsim.core.Time;

/**
 * One occurrence of an edge case in a run, found by a {@link Detector}.
 *
 * @param t the virtual time it happened (nanoseconds), or -1 for "over the whole run"
 * @param description one line saying what happened, with the endpoints and times
 */
public record Detection(long t, String description) {

  /** A virtual time for a description, to the millisecond above a second: "3.127s", "812.4ms". */
  public static String time(long nanos) {
    long unit =
        nanos >= Time.SECOND
            ? Time.MILLISECOND
            : nanos >= Time.MILLISECOND ? 100 * Time.MICROSECOND : 1;
    long rounded =
        BigDecimal.valueOf(nanos)
                .divide(BigDecimal.valueOf(unit), 0, RoundingMode.HALF_UP)
                .longValueExact()
            * unit;
    return Time.format(rounded);
  }
}
