package netsim.explore.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.csv}: per point and metric, one row: the parameter values, the metric, n (runs
 * with a value), the mean, the sample standard deviation and the 95% confidence interval of the
 * mean (Student's t), to six decimal places; an undefined number is an empty cell. The first line
 * is the provenance, as a {@code #} comment.
 */
final class SummaryCsv {
  static final String FILE = "summary.csv";

  private SummaryCsv() {}

  static String text(SweepManifest manifest, Map<Long, Map<Metric, Estimate>> estimates) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Provenance.of(manifest)).append('\n');
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(manifest.paths());
    header.addAll(List.of("metric", "n", "mean", "sd", "ci95_low", "ci95_high"));
    out.append(Csv.row(header));
    int scale = Decimals.STATISTICS_SCALE;
    for (Map.Entry<Long, Map<Metric, Estimate>> point : estimates.entrySet()) {
      List<String> values = manifest.valuesAt(point.getKey());
      for (Map.Entry<Metric, Estimate> metric : point.getValue().entrySet()) {
        Estimate e = metric.getValue();
        List<String> row = new ArrayList<>();
        row.add(Long.toString(point.getKey()));
        row.addAll(values);
        row.add(metric.getKey().column());
        row.add(Integer.toString(e.n()));
        row.add(Decimals.format(e.mean(), scale));
        row.add(Decimals.format(e.sd(), scale));
        row.add(Decimals.format(e.ciLow(), scale));
        row.add(Decimals.format(e.ciHigh(), scale));
        out.append(Csv.row(row));
      }
    }
    return out.toString();
  }
}
