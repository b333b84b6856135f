package netsim.explore.sweep;

/**
 * The scalar results of one run that a sweep tabulates, summarizes and plots, in column order. Each
 * is exact: a whole number, or a decimal with a fixed number of places.
 */
public enum Metric {
  /** Application bytes delivered, both directions, every connection. */
  BYTES_DELIVERED("bytes_delivered", "bytes delivered", "bytes", 0),
  /**
   * Bytes delivered × 8 over the time from the first connection established to the last byte
   * delivered, in bit/s; 0 when nothing was delivered.
   */
  GOODPUT("goodput_bps", "goodput", "bit/s", 3),
  /** Segments retransmitted (timeouts and fast retransmits), every connection. */
  RETRANSMISSIONS("retransmissions", "retransmissions", "segments", 0),
  /**
   * Mean over connections of the time from the active open (SYN_SENT) to ESTABLISHED at the opener,
   * in milliseconds; missing when no connection was established.
   */
  TIME_TO_ESTABLISH("time_to_establish_ms", "time to establish", "ms", 6),
  /**
   * Mean over connections whose two ends closed of the time from the first end leaving ESTABLISHED
   * (the first FIN) to the last end CLOSED, TIME-WAIT included, in milliseconds; missing when none
   * closed.
   */
  TIME_TO_CLOSE("time_to_close_ms", "time to close", "ms", 6),
  /** Distinct TCP states any connection passed through (LISTEN of a listener's child counts). */
  STATES_VISITED("states_visited", "TCP states visited", "states", 0),
  /** 1 when every invariant held, else 0; its mean is the fraction of runs that were sound. */
  INVARIANTS_OK("invariants_ok", "invariants held", "fraction of runs", 0);

  private final String column;
  private final String label;
  private final String unit;
  private final int scale;

  Metric(String column, String label, String unit, int scale) {
    this.column = column;
    this.label = label;
    this.unit = unit;
    this.scale = scale;
  }

  /** The column name in results.csv and summary.csv. */
  public String column() {
    return column;
  }

  /** The name on a plot's axis. */
  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  /** Decimal places of a run's value. */
  public int scale() {
    return scale;
  }

  /** The metric whose column is {@code column}, or null. */
  public static Metric ofColumn(String column) {
    for (Metric m : values()) {
      if (m.column.equals(column)) {
        return m;
      }
    }
    return null;
  }
}
