package netsim.explore.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * A scalar result of one run that a sweep tabulates, summarizes and plots, exact: a whole number,
 * or a decimal with a fixed number of places. A sweep measures the seven whole-run metrics below
 * unless its file chooses others ({@code sweep.metrics}), among them and the {@link StudyMetric}s
 * of flows, fairness and link directions. A metric is known by its name alone (its {@link
 * #column()}), so run files and shares of a sweep read back with their metrics.
 *
 * @param column the column name in results.csv and summary.csv, and the name in {@code
 *     sweep.metrics}
 * @param label the name on a plot's axis
 * @param scale decimal places of a run's value
 */
public record Metric(String column, String label, String unit, int scale) {
  /** Application bytes delivered, both directions, every connection. */
  public static final Metric BYTES_DELIVERED =
      new Metric("bytes_delivered", "bytes delivered", "bytes", 0);

  /**
   * Bytes delivered × 8 over the time from the first connection established to the last byte
   * delivered, in bit/s; 0 when nothing was delivered.
   */
  public static final Metric GOODPUT = new Metric("goodput_bps", "goodput", "bit/s", 3);

  /** Segments retransmitted (timeouts and fast retransmits), every connection. */
  public static final Metric RETRANSMISSIONS =
      new Metric("retransmissions", "retransmissions", "segments", 0);

  /**
   * Mean over connections of the time from the active open (SYN_SENT) to ESTABLISHED at the opener,
   * in milliseconds; missing when no connection was established.
   */
  public static final Metric TIME_TO_ESTABLISH =
      new Metric("time_to_establish_ms", "time to establish", "ms", 6);

  /**
   * Mean over connections whose two ends closed of the time from the first end leaving ESTABLISHED
   * (the first FIN) to the last end CLOSED, TIME-WAIT included, in milliseconds; missing when none
   * closed.
   */
  public static final Metric TIME_TO_CLOSE =
      new Metric("time_to_close_ms", "time to close", "ms", 6);

  /** Distinct TCP states any connection passed through (LISTEN of a listener's child counts). */
  public static final Metric STATES_VISITED =
      new Metric("states_visited", "TCP states visited", "states", 0);

  /** 1 when every invariant held, else 0; its mean is the fraction of runs that were sound. */
  public static final Metric INVARIANTS_OK =
      new Metric("invariants_ok", "invariants held", "fraction of runs", 0);

  /** The metrics of a sweep that names none, in column order. */
  public static final List<Metric> DEFAULTS =
      List.of(
          BYTES_DELIVERED,
          GOODPUT,
          RETRANSMISSIONS,
          TIME_TO_ESTABLISH,
          TIME_TO_CLOSE,
          STATES_VISITED,
          INVARIANTS_OK);

  /** The metric whose column is {@code column} among the defaults, or null. */
  public static Metric ofColumn(String column) {
    for (Metric m : DEFAULTS) {
      if (m.column.equals(column)) {
        return m;
      }
    }
    return null;
  }

  /**
   * The metric called {@code name}: a default's column or a {@link StudyMetric}.
   *
   * @throws IllegalArgumentException for an unknown name, saying which names there are
   */
  public static Metric named(String name) {
    Metric metric = ofColumn(name);
    return metric != null ? metric : StudyMetric.parse(name).metric();
  }

  /** Whether it is one of the {@link #DEFAULTS}, computed from the connections' reports. */
  public boolean isDefault() {
    return DEFAULTS.contains(this);
  }

  /** The names a sweep may choose, for error messages. */
  public static String known() {
    List<String> names = new ArrayList<>();
    DEFAULTS.forEach(m -> names.add(m.column));
    names.add(StudyMetric.GRAMMAR);
    return String.join(", ", names);
  }

  /** Its plots' file name part: the column when it makes a plain file name, else a slug of it. */
  public String fileName() {
    return column.matches("[A-Za-z0-9_.]+") ? column : SweepPlots.slug(column);
  }
}
