package netsim.explore.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netsim.report.files.AtomicFile;

/**
 * Writes what a whole sweep shows from its run records: {@code plots/}, {@code summary.csv} and,
 * last, {@code results.csv}, so that a sweep stopped while writing them never looks complete.
 * {@code netsim sweep} and {@code netsim merge} both end here, with the records in run order, so
 * one machine and many give the same bytes.
 */
public final class SweepOutputs {
  /**
   * What was written.
   *
   * @param warnings one line per plot that could not be drawn (the rest was written)
   */
  public record Written(List<Path> files, List<String> warnings) {
    public Written {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  private SweepOutputs() {}

  /**
   * Writes the outputs of {@code manifest}'s sweep into {@code dir}.
   *
   * @param records every run of the sweep, in run order
   */
  public static Written write(Path dir, SweepManifest manifest, List<RunRecord> records)
      throws IOException {
    if (records.size() != manifest.runs()) {
      throw new IllegalArgumentException(
          records.size() + " records for " + manifest.runs() + " runs");
    }
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).run() != i) {
        throw new IllegalArgumentException("record " + i + " is run " + records.get(i).run());
      }
    }
    Map<Long, Map<Metric, Estimate>> estimates = estimates(manifest, records);
    // results.csv last: when it is there, every output of the sweep is.
    List<String> warnings = new ArrayList<>();
    List<Path> plots = SweepPlots.write(dir.resolve(SweepPlots.DIR), manifest, estimates, warnings);
    Path summary = dir.resolve(SummaryCsv.FILE);
    AtomicFile.write(summary, SummaryCsv.text(manifest, estimates));
    Path results = dir.resolve(ResultsCsv.FILE);
    AtomicFile.write(results, ResultsCsv.text(manifest, records));
    List<Path> files = new ArrayList<>(List.of(results, summary));
    files.addAll(plots);
    return new Written(files, warnings);
  }

  /** Per point, in order, per metric, in column order: the estimate over the point's runs. */
  static Map<Long, Map<Metric, Estimate>> estimates(
      SweepManifest manifest, List<RunRecord> records) {
    Map<Long, Map<Metric, Estimate>> estimates = new TreeMap<>();
    for (long point = 0; point < manifest.points(); point++) {
      List<RunRecord> runs =
          records.subList(
              (int) (point * manifest.runsPerPoint()),
              (int) ((point + 1) * manifest.runsPerPoint()));
      Map<Metric, Estimate> byMetric = new LinkedHashMap<>();
      for (Metric m : manifest.metrics()) {
        List<BigDecimal> values = new ArrayList<>();
        for (RunRecord r : runs) {
          if (r.metric(m) != null) {
            values.add(r.metric(m));
          }
        }
        byMetric.put(m, Estimate.of(values));
      }
      estimates.put(point, byMetric);
    }
    return estimates;
  }
}
