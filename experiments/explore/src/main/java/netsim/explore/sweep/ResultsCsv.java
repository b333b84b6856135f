package netsim.explore.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.csv}: one row per run in run order: run index, point, repetition, seed, the value
 * of every varied parameter and every {@link Metric}; a missing metric is an empty cell. The first
 * line is the provenance, as a {@code #} comment.
 */
final class ResultsCsv {
  static final String FILE = "results.csv";

  private ResultsCsv() {}

  static String text(SweepManifest manifest, List<RunRecord> records) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Provenance.of(manifest)).append('\n');
    List<String> header = new ArrayList<>(List.of("run", "point", "repetition", "seed"));
    header.addAll(manifest.paths());
    for (Metric m : manifest.metrics()) {
      header.add(m.column());
    }
    out.append(Csv.row(header));
    for (RunRecord r : records) {
      List<String> row = new ArrayList<>();
      row.add(Long.toString(r.run()));
      row.add(Long.toString(r.point()));
      row.add(Integer.toString(r.repetition()));
      row.add(Long.toString(r.seed()));
      for (String path : manifest.paths()) {
        row.add(r.parameters().getOrDefault(path, ""));
      }
      for (Metric m : manifest.metrics()) {
        row.add(Decimals.format(r.metric(m)));
      }
      out.append(Csv.row(row));
    }
    return out.toString();
  }
}
