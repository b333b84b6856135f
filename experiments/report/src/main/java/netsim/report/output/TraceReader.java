package netsim.report.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.TraceEvent;

/**
 * Reads {@code trace.jsonl} back into {@link TraceEvent}s, the inverse of {@link TraceWriter}: each
 * event read writes the same line again.
 */
public final class TraceReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceReader() {}

  /**
   * @throws IOException if the file cannot be read or a line is not a trace event (named by its
   *     line number)
   */
  public static List<TraceEvent> read(Path file) throws IOException {
    List<TraceEvent> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(event(JSON.readTree(line)));
        } catch (IOException | RuntimeException e) {
          throw new IOException(file + ":" + number + ": not a trace event: " + e.getMessage(), e);
        }
      }
    }
    return events;
  }

  /** One event from its JSON object. */
  public static TraceEvent event(JsonNode e) {
    long t = need(e, "t").asLong();
    String ev = need(e, "ev").asText();
    return switch (ev) {
      case "send", "recv", "drop" ->
          new TraceEvent.Packet(
              t,
              ev,
              text(e, "node"),
              need(e, "pkt").asLong(),
              text(e, "src"),
              text(e, "dst"),
              text(e, "flags"),
              need(e, "seq").asLong(),
              e.has("ack") ? e.get("ack").asLong() : -1,
              need(e, "len").asInt(),
              optional(e, "state"),
              optional(e, "link"),
              optional(e, "cause"));
      case "dup" ->
          new TraceEvent.Duplicate(
              t, text(e, "link"), need(e, "pkt").asLong(), need(e, "copy").asLong());
      case "rule" ->
          new TraceEvent.Rule(
              t,
              text(e, "at"),
              text(e, "rule"),
              text(e, "action"),
              need(e, "pkt").asLong(),
              text(e, "flags"),
              need(e, "seq").asLong(),
              need(e, "len").asInt());
      case "state" ->
          new TraceEvent.State(
              t,
              text(e, "node"),
              text(e, "conn"),
              text(e, "from"),
              text(e, "to"),
              text(e, "cause"));
      case "app" ->
          new TraceEvent.App(
              t,
              text(e, "node"),
              text(e, "conn"),
              text(e, "event"),
              e.has("bytes") ? e.get("bytes").asLong() : 0);
      case "rtx" ->
          new TraceEvent.Retransmit(
              t,
              text(e, "node"),
              text(e, "conn"),
              text(e, "flags"),
              need(e, "seq").asLong(),
              need(e, "len").asInt(),
              text(e, "reason"));
      case "cc" ->
          new TraceEvent.Congestion(
              t,
              text(e, "node"),
              text(e, "conn"),
              need(e, "cwnd").asLong(),
              longOr(e, "ssthresh", TraceEvent.Congestion.UNSET),
              longOr(e, "srtt", TraceEvent.Congestion.UNSET),
              need(e, "rto").asLong(),
              need(e, "inflight").asLong());
      case "link" -> new TraceEvent.Link(t, text(e, "dir"), text(e, "what"));
      case "host" -> new TraceEvent.Host(t, text(e, "node"), text(e, "what"));
      default -> throw new IllegalArgumentException("unknown event kind '" + ev + "'");
    };
  }

  private static long longOr(JsonNode e, String key, long absent) {
    return e.has(key) ? e.get(key).asLong() : absent;
  }

  private static JsonNode need(JsonNode e, String key) {
    JsonNode value = e.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + key + "'");
    }
    return value;
  }

  private static String text(JsonNode e, String key) {
    return need(e, key).asText();
  }

  private static String optional(JsonNode e, String key) {
    JsonNode value = e.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
