package netsim.report.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.scenario.trace.TraceEvent;

/** Writes {@code trace.jsonl}: one JSON object per line, in order of virtual time. */
public final class TraceWriter {
  private TraceWriter() {}

  public static void write(List<TraceEvent> events, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (TraceEvent event : events) {
        out.write(event.json().toString());
        out.write('\n');
      }
    }
  }
}
