package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line overrides {@code path=value} ({@code links[0].loss=0.01}, {@code tcp.msl=1s}),
 * applied to a document's tree before binding. The value is read as YAML, so {@code 0.01} is a
 * number, {@code true} a boolean and {@code "{p: 0.1, r: 0.5}"} a mapping. Errors name the
 * override; later errors about an overridden value name it too.
 */
public final class Overrides {
  private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_\\-]+)((?:\\[[0-9]+\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");

  /** A step {@code [N]} of a path, as written. */
  private record Index(String digits) {}

  private Overrides() {}

  /**
   * Applies each {@code path=value} to {@code document} in order.
   *
   * @throws ConfigException for a malformed override or a path through something that is not there
   */
  public static void apply(YamlDocument document, List<String> overrides) {
    for (String override : overrides) {
      apply(document, override);
    }
  }

  private static void apply(YamlDocument document, String override) {
    String origin = "--set " + override;
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(origin, 0, 0, "", "expected path=value, e.g. links[0].loss=0.01");
    }
    String path = override.substring(0, eq).trim();
    String text = override.substring(eq + 1);
    JsonNode value;
    try {
      value = YamlDocument.parse(origin, text.isEmpty() ? "\"\"" : text).root();
    } catch (ConfigException e) {
      throw new ConfigException(origin, 0, 0, path, e.problem());
    }
    if (value.isObject() && value.isEmpty() && !text.trim().equals("{}")) {
      value = com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
    }
    List<Object> steps = steps(path, origin);
    JsonNode at = document.root();
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String key) {
        if (!(at instanceof ObjectNode object)) {
          throw new ConfigException(
              origin,
              0,
              0,
              walked.toString(),
              "not a mapping, cannot" + " set " + quote(key) + " in it");
        }
        walked.append(walked.length() == 0 ? "" : ".").append(key);
        if (last) {
          object.set(key, value);
        } else {
          JsonNode next = object.get(key);
          if (next == null || next.isNull()) {
            next =
                steps.get(i + 1) instanceof String ? object.putObject(key) : object.putArray(key);
          }
          at = next;
        }
      } else {
        String digits = ((Index) step).digits();
        if (!(at instanceof ArrayNode array)) {
          throw new ConfigException(
              origin,
              0,
              0,
              walked.toString(),
              "not a list, cannot" + " index it with [" + digits + "]");
        }
        // Longer than any list's size: past its end.
        long index = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (index > array.size()
            || (index == array.size() && !last && !(steps.get(i + 1) instanceof String))) {
          throw new ConfigException(
              origin,
              0,
              0,
              walked.toString(),
              "index " + digits + " is out of range (the list has " + array.size() + " entries)");
        }
        walked.append('[').append(index).append(']');
        if (index == array.size()) {
          if (last) {
            array.add(value);
          } else {
            at = array.addObject();
          }
        } else if (last) {
          array.set((int) index, value);
        } else {
          at = array.get((int) index);
        }
      }
    }
    document.overridden(path, origin);
  }

  private static List<Object> steps(String path, String origin) {
    List<Object> steps = new ArrayList<>();
    for (String part : path.split("\\.", -1)) {
      Matcher m = STEP.matcher(part);
      if (!m.matches()) {
        throw new ConfigException(
            origin,
            0,
            0,
            path,
            "malformed path: expected keys and" + " indexes such as links[0].loss");
      }
      steps.add(m.group(1));
      Matcher index = INDEX.matcher(m.group(2));
      while (index.find()) {
        steps.add(new Index(index.group(1).replaceFirst("^0+(?=.)", "")));
      }
    }
    return steps;
  }
}
