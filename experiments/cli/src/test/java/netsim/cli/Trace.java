package netsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code trace.jsonl} read back, with views that read like the textbook: the segments as "client
 * SYN|ACK seq=0 ack=1" (seq and ack relative to each side's ISN) and each connection's state
 * changes as "SYN_SENT->ESTABLISHED".
 */
final class Trace {
  private static final ObjectMapper JSON = new ObjectMapper();
  final List<JsonNode> lines = new ArrayList<>();

  Trace(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        lines.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every segment sent, and every drop, in order: "client SYN seq=0", "server SYN|ACK seq=0 ack=1",
   * "client PSH|ACK seq=1 ack=1 len=100", "drop client ACK seq=102 ack=102 (rule)".
   */
  List<String> segments() {
    Map<String, Long> isn = new LinkedHashMap<>();
    Map<Long, String> described = new LinkedHashMap<>();
    List<String> segments = new ArrayList<>();
    for (JsonNode e : lines) {
      String ev = e.get("ev").asText();
      if (ev.equals("send")) {
        String src = e.get("src").asText();
        String dst = e.get("dst").asText();
        if (e.get("flags").asText().contains("SYN")) {
          isn.put(src + ">" + dst, e.get("seq").asLong());
        }
        StringBuilder text =
            new StringBuilder(e.get("node").asText()).append(' ').append(e.get("flags").asText());
        Long own = isn.get(src + ">" + dst);
        Long peer = isn.get(dst + ">" + src);
        long seq = e.get("seq").asLong();
        text.append(" seq=").append(own == null ? seq : (seq - own) & 0xFFFF_FFFFL);
        if (e.has("ack")) {
          long ack = e.get("ack").asLong();
          text.append(" ack=").append(peer == null ? ack : (ack - peer) & 0xFFFF_FFFFL);
        }
        if (e.get("len").asInt() > 0) {
          text.append(" len=").append(e.get("len").asInt());
        }
        described.put(e.get("pkt").asLong(), text.toString());
        segments.add(text.toString());
      } else if (ev.equals("drop")) {
        segments.add(
            "drop " + described.get(e.get("pkt").asLong()) + " (" + e.get("cause").asText() + ")");
      }
    }
    return segments;
  }

  /**
   * The state changes of {@code node}'s {@code index}-th connection (0-based, listeners excluded).
   */
  List<String> states(String node, int index) {
    List<List<String>> lives = new ArrayList<>();
    Map<String, List<String>> current = new LinkedHashMap<>();
    for (JsonNode e : lines) {
      if (!e.get("ev").asText().equals("state")
          || !e.get("node").asText().equals(node)
          || e.get("conn").asText().endsWith("-0.0.0.0:0")) {
        continue;
      }
      String conn = e.get("conn").asText();
      List<String> life = current.get(conn);
      if (life == null) {
        life = new ArrayList<>();
        lives.add(life);
        current.put(conn, life);
      }
      String to = e.get("to").asText();
      life.add(e.get("from").asText() + "->" + to);
      if (to.equals("CLOSED") || to.equals("LISTEN")) {
        current.remove(conn);
      }
    }
    return lives.get(index);
  }

  /** How many lines have {@code ev}. */
  long count(String ev) {
    return lines.stream().filter(e -> e.get("ev").asText().equals(ev)).count();
  }
}
