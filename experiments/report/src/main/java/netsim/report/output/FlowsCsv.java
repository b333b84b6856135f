package netsim.report.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import netsim.scenario.metrics.FlowsReport;

/**
 * {@code flows.csv}: one row per flow of a run, as {@code summary.json}'s {@code flows} section
 * lists them (docs/outputs.md). Times in nanoseconds, sizes in bytes, goodput in bit/s; an empty
 * cell is a value not measured.
 */
public final class FlowsCsv {
  /** The header row. */
  public static final String HEADER =
      "flow,direction,sender,receiver,conn,start,bytes,complete,fct,goodput,retransmissions,"
          + "rtt_samples,rtt_min,rtt_mean,rtt_p50,rtt_p99,cwnd_min,cwnd_mean,cwnd_max,"
          + "datagrams_sent,datagrams_received,loss";

  private FlowsCsv() {}

  /** The file's text, header first, one line per flow. */
  public static String text(FlowsReport report) {
    StringBuilder out = new StringBuilder();
    try {
      write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return out.toString();
  }

  /** Writes the file to {@code file}, streaming: a run may have many flows. */
  public static void write(FlowsReport report, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(report, out);
    }
  }

  private static void write(FlowsReport report, Appendable out) throws IOException {
    out.append(HEADER).append('\n');
    for (FlowsReport.Flow f : report.flows()) {
      out.append(f.name()).append(',').append(f.direction()).append(',');
      out.append(f.sender()).append(',').append(f.receiver()).append(',').append(f.conn());
      cells(out, f.start(), f.bytes());
      out.append(',').append(String.valueOf(f.complete()));
      cells(out, f.fct(), f.goodput(), f.retransmissions(), f.rttSamples(), f.rttMin());
      cells(out, f.rttMean(), f.rttP50(), f.rttP99(), f.cwndMin(), f.cwndMean(), f.cwndMax());
      cells(out, f.datagramsSent(), f.datagramsReceived());
      out.append(',');
      if (!Double.isNaN(f.loss())) {
        out.append(decimal(f.loss()).toPlainString());
      }
      out.append('\n');
    }
  }

  /** A comma and each value, an empty cell for one not measured. */
  private static void cells(Appendable out, long... values) throws IOException {
    for (long v : values) {
      out.append(',');
      if (v != FlowsReport.NONE) {
        out.append(Long.toString(v));
      }
    }
  }

  /** A ratio as a plain decimal of at most six places: 0.983422, 1. */
  static BigDecimal decimal(double value) {
    BigDecimal d =
        BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
