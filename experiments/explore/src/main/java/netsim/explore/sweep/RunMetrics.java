package netsim.explore.sweep;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import netsim.scenario.run.ConnectionReport;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpState;

/**
 * The {@link Metric}s of one finished run, from its connections (as its {@link
 * netsim.scenario.run.ConnectionLog} saw them), in exact decimal arithmetic (no floating point):
 * the same run gives the same digits on every machine.
 */
public final class RunMetrics {
  private static final BigDecimal NANOS_PER_MS = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal BIT_NANOS = BigDecimal.valueOf(8_000_000_000L);

  private RunMetrics() {}

  /** Every metric; a missing one (nothing to measure) maps to null. */
  public static Map<Metric, BigDecimal> of(
      List<ConnectionReport> connections, List<String> violations) {
    Map<Metric, BigDecimal> metrics = new LinkedHashMap<>();
    long delivered = 0;
    long retransmissions = 0;
    long firstEstablished = Long.MAX_VALUE;
    long lastData = -1; // the last data any application received
    Set<TcpState> states = EnumSet.noneOf(TcpState.class);
    for (ConnectionReport c : connections) {
      delivered += c.bytesDelivered();
      retransmissions += c.retransmissions();
      if (c.establishedAt() >= 0) {
        firstEstablished = Math.min(firstEstablished, c.establishedAt());
      }
      states.addAll(c.states());
      lastData = Math.max(lastData, c.lastDataAt());
    }
    metrics.put(Metric.BYTES_DELIVERED, BigDecimal.valueOf(delivered));
    BigDecimal goodput = null;
    if (delivered == 0) {
      goodput = BigDecimal.ZERO.setScale(Metric.GOODPUT.scale());
    } else if (firstEstablished != Long.MAX_VALUE && lastData > firstEstablished) {
      goodput =
          BigDecimal.valueOf(delivered)
              .multiply(BIT_NANOS)
              .divide(
                  BigDecimal.valueOf(lastData - firstEstablished),
                  Metric.GOODPUT.scale(),
                  RoundingMode.HALF_EVEN);
    }
    metrics.put(Metric.GOODPUT, goodput);
    metrics.put(Metric.RETRANSMISSIONS, BigDecimal.valueOf(retransmissions));
    List<Long> establish = new ArrayList<>();
    List<Long> close = new ArrayList<>();
    pairs(connections, establish, close);
    metrics.put(Metric.TIME_TO_ESTABLISH, meanMillis(establish, Metric.TIME_TO_ESTABLISH));
    metrics.put(Metric.TIME_TO_CLOSE, meanMillis(close, Metric.TIME_TO_CLOSE));
    metrics.put(Metric.STATES_VISITED, BigDecimal.valueOf(states.size()));
    metrics.put(Metric.INVARIANTS_OK, violations.isEmpty() ? BigDecimal.ONE : BigDecimal.ZERO);
    return metrics;
  }

  /**
   * Pairs the two ends of each connection (same 4-tuple seen from each side, in order of creation)
   * and collects the time to establish at the active opener and the time from the first FIN to the
   * last end CLOSED.
   */
  private static void pairs(
      List<ConnectionReport> reports, List<Long> establish, List<Long> close) {
    boolean[] used = new boolean[reports.size()];
    for (int i = 0; i < reports.size(); i++) {
      if (used[i]) {
        continue;
      }
      used[i] = true;
      ConnectionReport a = reports.get(i);
      ConnectionReport b = null;
      FourTuple reversed = a.tuple() == null ? null : ConnectionReport.reverse(a.tuple());
      for (int j = i + 1; j < reports.size(); j++) {
        if (!used[j] && Objects.equals(reports.get(j).tuple(), reversed)) {
          used[j] = true;
          b = reports.get(j);
          break;
        }
      }
      ConnectionReport opener =
          a.role().equals("client") ? a : b != null && b.role().equals("client") ? b : null;
      if (opener != null && opener.openedAt() >= 0 && opener.establishedAt() >= 0) {
        establish.add(opener.establishedAt() - opener.openedAt());
      }
      long firstFin = a.closingAt();
      if (b != null && b.closingAt() >= 0 && (firstFin < 0 || b.closingAt() < firstFin)) {
        firstFin = b.closingAt();
      }
      boolean closed = a.closedAt() >= 0 && (b == null || b.closedAt() >= 0);
      if (closed && firstFin >= 0) {
        long lastClosed = b == null ? a.closedAt() : Math.max(a.closedAt(), b.closedAt());
        close.add(lastClosed - firstFin);
      }
    }
  }

  private static BigDecimal meanMillis(List<Long> nanos, Metric metric) {
    if (nanos.isEmpty()) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (long n : nanos) {
      sum = sum.add(BigDecimal.valueOf(n));
    }
    return sum.divide(
        NANOS_PER_MS.multiply(BigDecimal.valueOf(nanos.size())),
        metric.scale(),
        RoundingMode.HALF_EVEN);
  }
}
