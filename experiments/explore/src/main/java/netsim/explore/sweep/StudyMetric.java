package netsim.explore.sweep;

import static netsim.scenario.config.ConfigException.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.scenario.config.ClientSettings;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.metrics.FlowsReport;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A metric a sweep file chooses by name ({@code sweep.metrics}), computed from what a run's {@code
 * FlowMetrics} measured (docs/outputs.md): a statistic over the flows ({@code flows.goodput.mean},
 * {@code flows.fct.p99}), Jain's fairness index ({@code fairness.jain}) or a figure of one link
 * direction ({@code links[bottleneck].sojourn.p99}). Times are in milliseconds, rates in bit/s,
 * exact to the metric's scale.
 *
 * @param name the name as the file gives it, the metric's column
 * @param subject "flows", "fairness" or "links"
 * @param link the link's name or a direction {@code a->b} for the subject "links", else null
 * @param client for {@code flows}, the client whose flows alone count ({@code flows[rpc].fct.p99}:
 *     the flows named {@code rpc}, {@code rpc.i} or {@code rpc#k}, as a client's {@code count} and
 *     {@code flows} name them); null for every flow
 * @param field what is measured: {@code goodput}, {@code queue.p99}, {@code jain}, ...
 * @param statistic for {@code flows}: {@code mean}, {@code min}, {@code max}, {@code sum}, {@code
 *     p50}, {@code p99} or {@code ratio} (max over min: how unequal the flows are, 1 when equal);
 *     else null
 */
record StudyMetric(
    String name, String subject, String link, String client, String field, String statistic) {
  /** The forms of a name, for messages. */
  static final String GRAMMAR =
      "flows or flows[CLIENT].{goodput,fct,bytes,retransmissions,rtt}.{mean,min,max,sum,p50,p99,ratio},"
          + " fairness.jain,"
          + " links[LINK or a->b].{utilization,drops,marks,delivered,queue.mean,queue.p99,queue.max,"
          + "sojourn.mean,sojourn.p50,sojourn.p99,sojourn.max}";

  /** The forms of a name that count deliveries from a sweep's warm-up, for messages. */
  static final String FROM_WARMUP =
      "flows or flows[CLIENT].{goodput,bytes}.STATISTIC, fairness.jain,"
          + " links[LINK or a->b].{utilization,delivered}";

  private static final List<String> FLOW_FIELDS =
      List.of("goodput", "fct", "bytes", "retransmissions", "rtt");
  private static final List<String> STATISTICS =
      List.of("mean", "min", "max", "sum", "p50", "p99", "ratio");
  private static final List<String> LINK_FIELDS =
      List.of(
          "utilization",
          "drops",
          "marks",
          "delivered",
          "queue.mean",
          "queue.p99",
          "queue.max",
          "sojourn.mean",
          "sojourn.p50",
          "sojourn.p99",
          "sojourn.max");

  private static final Pattern FLOWS =
      Pattern.compile("flows(?:\\[([^\\]]+)\\])?\\.([a-z]+)\\.([a-z0-9]+)");
  private static final Pattern LINKS = Pattern.compile("links\\[([^\\]]+)\\]\\.([a-z.0-9]+)");
  private static final BigDecimal NANOS_PER_MS = BigDecimal.valueOf(1_000_000);

  /**
   * The metric called {@code name}.
   *
   * @throws IllegalArgumentException for a name of no known form, saying which there are
   */
  static StudyMetric parse(String name) {
    Matcher flows = FLOWS.matcher(name);
    if (flows.matches()
        && FLOW_FIELDS.contains(flows.group(2))
        && STATISTICS.contains(flows.group(3))) {
      String client = flows.group(1) == null ? null : flows.group(1).trim();
      return new StudyMetric(name, "flows", null, client, flows.group(2), flows.group(3));
    }
    if (name.equals("fairness.jain")) {
      return new StudyMetric(name, "fairness", null, null, "jain", null);
    }
    Matcher links = LINKS.matcher(name);
    if (links.matches() && LINK_FIELDS.contains(links.group(2))) {
      String link = links.group(1).replaceAll("\\s*->\\s*", "->").trim();
      return new StudyMetric(name, "links", link, null, links.group(2), null);
    }
    throw new IllegalArgumentException(
        "unknown metric " + quote(name) + " (known: " + Metric.known() + ")");
  }

  /**
   * Whether it counts deliveries, and so only those from a sweep's warm-up on ({@code
   * sweep.warmup}, {@link netsim.scenario.metrics.FlowMetrics}): a flow's goodput or bytes, Jain's
   * index over the goodputs, a link direction's utilization or delivered bytes. The others measure
   * the whole run.
   */
  boolean countsFromWarmup() {
    return switch (subject) {
      case "fairness" -> true;
      case "flows" -> field.equals("goodput") || field.equals("bytes");
      default -> field.equals("utilization") || field.equals("delivered");
    };
  }

  /** As a {@link Metric}: its column, label, unit and scale. */
  Metric metric() {
    return switch (subject) {
      case "fairness" -> new Metric(name, "Jain's fairness index over flows", "index", 6);
      case "flows" -> {
        boolean whole = List.of("min", "max", "sum").contains(statistic);
        String what =
            switch (statistic) {
              case "sum" -> "total";
              case "ratio" -> "max/min";
              default -> statistic;
            };
        if (statistic.equals("ratio")) {
          yield new Metric(name, "flow " + field + ", " + what, "ratio", 6);
        }
        yield switch (field) {
          case "goodput" -> new Metric(name, "flow goodput, " + what, "bit/s", 3);
          case "fct" -> new Metric(name, "flow completion time, " + what, "ms", 6);
          case "rtt" -> new Metric(name, "flow mean RTT, " + what, "ms", 6);
          case "bytes" -> new Metric(name, "flow bytes, " + what, "bytes", whole ? 0 : 3);
          default -> new Metric(name, "flow retransmissions, " + what, "segments", whole ? 0 : 3);
        };
      }
      default -> {
        String at = link + " ";
        yield switch (field) {
          case "utilization" -> new Metric(name, at + "utilization", "fraction", 6);
          case "drops" -> new Metric(name, at + "drops", "packets", 0);
          case "marks" -> new Metric(name, at + "ECN marks", "packets", 0);
          case "delivered" -> new Metric(name, at + "bytes delivered", "bytes", 0);
          case "queue.mean" -> new Metric(name, at + "queue, mean", "packets", 6);
          case "queue.p99" -> new Metric(name, at + "queue, p99", "packets", 0);
          case "queue.max" -> new Metric(name, at + "queue, max", "packets", 0);
          default -> new Metric(name, at + "sojourn, " + field.substring(8), "ms", 6);
        };
      }
    };
  }

  /**
   * The link direction it names in {@code config}: a direction {@code a->b} as given, a link's name
   * as that link's a-to-b direction; null when there is none.
   */
  String direction(ExperimentConfig config) {
    for (LinkSettings l : config.links()) {
      if (l.name().equals(link)) {
        return l.directionName(true);
      }
      if (l.directionName(true).equals(link) || l.directionName(false).equals(link)) {
        return link;
      }
    }
    return null;
  }

  /** Whether {@code config} has a client (or one of a client's {@code count}) it names. */
  boolean hasClient(ExperimentConfig config) {
    for (ClientSettings c : config.clients()) {
      if (FlowsReport.Flow.isOf(c.name(), client)) {
        return true;
      }
    }
    return false;
  }

  /** The names of {@code config}'s client entries, for a message. */
  static String knownClients(ExperimentConfig config) {
    List<String> known = new ArrayList<>();
    for (ClientSettings c : config.clients()) {
      String entry = c.name().replaceFirst("\\.[0-9]+$", "");
      if (!known.contains(entry)) {
        known.add(entry);
      }
    }
    return String.join(", ", known);
  }

  /** The known link names and directions of {@code config}, for a message. */
  static String knownLinks(ExperimentConfig config) {
    List<String> known = new ArrayList<>();
    for (LinkSettings l : config.links()) {
      known.add(l.name());
      known.add(l.directionName(true));
      known.add(l.directionName(false));
    }
    return String.join(", ", known);
  }

  /** Its value in a run that measured {@code report}, with {@code config}; null if none. */
  BigDecimal value(FlowsReport report, ExperimentConfig config) {
    int scale = metric().scale();
    return switch (subject) {
      case "fairness" -> ratio(report.jain(), scale);
      case "flows" -> statistic(flowValues(report), scale);
      default -> linkValue(report, direction(config), scale);
    };
  }

  /** Each flow's value of {@link #field}, in ms for times; flows without one left out. */
  private List<BigDecimal> flowValues(FlowsReport report) {
    List<BigDecimal> values = new ArrayList<>();
    for (FlowsReport.Flow f : report.flows()) {
      if (client != null && !f.isOf(client)) {
        continue;
      }
      long v =
          switch (field) {
            case "goodput" -> f.goodput();
            case "fct" -> f.fct();
            case "bytes" -> f.bytes();
            case "retransmissions" -> f.retransmissions();
            default -> f.rttMean();
          };
      if (field.equals("fct") || field.equals("rtt")) {
        if (v != FlowsReport.NONE) {
          values.add(BigDecimal.valueOf(v).divide(NANOS_PER_MS));
        }
      } else {
        values.add(BigDecimal.valueOf(v));
      }
    }
    return values;
  }

  private BigDecimal statistic(List<BigDecimal> values, int scale) {
    if (values.isEmpty()) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min = values.get(0);
    BigDecimal max = values.get(0);
    for (BigDecimal v : values) {
      sum = sum.add(v);
      min = min.min(v);
      max = max.max(v);
    }
    return switch (statistic) {
      case "mean" -> sum.divide(BigDecimal.valueOf(values.size()), scale, RoundingMode.HALF_EVEN);
      case "min" -> min.setScale(scale, RoundingMode.HALF_EVEN);
      case "max" -> max.setScale(scale, RoundingMode.HALF_EVEN);
      case "sum" -> sum.setScale(scale, RoundingMode.HALF_EVEN);
      case "ratio" -> min.signum() == 0 ? null : max.divide(min, scale, RoundingMode.HALF_EVEN);
      default -> percentile(values, statistic.equals("p50") ? 50 : 99, scale);
    };
  }

  /**
   * Commons Math's percentile (interpolated at rank p(n+1)/100, as flows.csv's RTT percentiles),
   * rounded to the metric's scale.
   */
  private static BigDecimal percentile(List<BigDecimal> values, double p, int scale) {
    double[] numbers = new double[values.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = values.get(i).doubleValue();
    }
    return BigDecimal.valueOf(new Percentile().evaluate(numbers, p))
        .setScale(scale, RoundingMode.HALF_EVEN);
  }

  private BigDecimal linkValue(FlowsReport report, String direction, int scale) {
    for (FlowsReport.LinkUse use : report.links()) {
      if (use.direction().equals(direction)) {
        FlowsReport.QueueUse q = use.queue();
        return switch (field) {
          case "utilization" -> ratio(use.utilization(), scale);
          case "drops" -> {
            long drops = 0;
            for (Map.Entry<?, Long> d : use.drops().entrySet()) {
              drops += d.getValue();
            }
            yield BigDecimal.valueOf(drops);
          }
          case "marks" -> BigDecimal.valueOf(use.marked());
          case "delivered" -> BigDecimal.valueOf(use.deliveredBytes());
          case "queue.mean" -> ratio(q.mean(), scale);
          case "queue.p99" -> whole(q.p99());
          case "queue.max" -> whole(q.max());
          case "sojourn.mean" -> millis(q.sojournMean(), scale);
          case "sojourn.p50" -> millis(q.sojournP50(), scale);
          case "sojourn.p99" -> millis(q.sojournP99(), scale);
          default -> millis(q.sojournMax(), scale);
        };
      }
    }
    return null;
  }

  private static BigDecimal ratio(double value, int scale) {
    return Double.isNaN(value)
        ? null
        : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal whole(long value) {
    return value == FlowsReport.NONE ? null : BigDecimal.valueOf(value);
  }

  private static BigDecimal millis(long nanos, int scale) {
    return nanos == FlowsReport.NONE
        ? null
        : BigDecimal.valueOf(nanos).divide(NANOS_PER_MS, scale, RoundingMode.HALF_EVEN);
  }
}
