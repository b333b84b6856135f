package netsim.packetdrill;

import java.util.List;
import java.util.Map;

/**
 * A parsed packetdrill script.
 *
 * @param name the script's name in reports (its path as given)
 * @param options the {@code --name=value} options at its head, in order
 * @param events its events, in order
 * @param lines the source text, line by line, for messages
 */
record Script(String name, Map<String, String> options, List<Event> events, List<String> lines) {

  /** Line {@code number} (1-based) of the source, stripped; empty if out of range. */
  String line(int number) {
    return number >= 1 && number <= lines.size() ? lines.get(number - 1).strip() : "";
  }
}
