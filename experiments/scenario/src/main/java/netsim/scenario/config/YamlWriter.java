package netsim.scenario.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Writes a config document tree back as YAML in the style of the shipped examples: block sections,
 * a blank line between top-level keys, small mappings of scalars on one line in flow style ({@code
 * {a: client, b: server, delay: 50ms}}), multi-line text as a {@code |} block, and quotes only
 * where YAML would otherwise read a string as something else. What it writes parses back to the
 * same tree.
 */
public final class YamlWriter {
  /** Flow mappings longer than this go to block style. */
  private static final int FLOW_WIDTH = 96;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[-+]?(\\.?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xXoObB][0-9A-Fa-f_]+"
              + "|\\.(inf|Inf|INF|nan|NaN|NAN))|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

  private YamlWriter() {}

  /** The YAML text of {@code root}, a mapping. */
  public static String write(JsonNode root) {
    StringBuilder out = new StringBuilder();
    boolean previousScalar = true;
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      boolean scalar = isScalar(field.getValue());
      if (out.length() > 0 && !(scalar && previousScalar)) {
        out.append('\n'); // sections stand apart
      }
      entry(out, 0, field.getKey(), field.getValue());
      previousScalar = scalar;
    }
    return out.toString();
  }

  private static void entry(StringBuilder out, int indent, String key, JsonNode value) {
    indent(out, indent).append(key(key)).append(':');
    if (isMultiLine(value)) {
      block(out, indent + 2, value.asText());
    } else if (isScalar(value) || isFlow(value)) {
      out.append(' ').append(inline(value)).append('\n');
    } else if (value.isArray()) {
      out.append('\n');
      for (JsonNode element : value) {
        item(out, indent + 2, element);
      }
    } else {
      out.append('\n');
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        entry(out, indent + 2, field.getKey(), field.getValue());
      }
    }
  }

  private static void item(StringBuilder out, int indent, JsonNode value) {
    if (isScalar(value) || isFlow(value)) {
      indent(out, indent).append("- ").append(inline(value)).append('\n');
      return;
    }
    if (value.isArray()) {
      indent(out, indent).append("-\n");
      for (JsonNode element : value) {
        item(out, indent + 2, element);
      }
      return;
    }
    // A block mapping: its first key on the dash's line, the others below it.
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      entry(body, indent + 2, field.getKey(), field.getValue());
    }
    indent(out, indent).append("- ").append(body.substring(indent + 2));
  }

  private static void block(StringBuilder out, int indent, String text) {
    boolean trailingNewline = text.endsWith("\n");
    out.append(trailingNewline ? " |\n" : " |-\n");
    String body = trailingNewline ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        indent(out, indent).append(line);
      }
      out.append('\n');
    }
  }

  /** Text for a {@code |} block: several lines, none of the cases a plain block cannot hold. */
  private static boolean isMultiLine(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    String text = value.asText();
    return text.contains("\n")
        && !text.endsWith("\n\n")
        && !text.startsWith(" ")
        && !text.startsWith("\n")
        && text.chars().noneMatch(c -> c < 0x20 && c != '\n');
  }

  private static boolean isScalar(JsonNode value) {
    return value.isValueNode() || value.isNull() || value.isEmpty();
  }

  /**
   * A mapping of scalars (or of such mappings), or a list of scalars (or of such lists), short
   * enough for one line. A list of mappings stays a block list, one entry a line.
   */
  private static boolean isFlow(JsonNode value) {
    if (!value.isContainerNode()) {
      return false;
    }
    for (JsonNode child : value) {
      boolean fits = isScalar(child) || (isFlow(child) && !(value.isArray() && child.isObject()));
      if (!fits || isMultiLine(child)) {
        return false;
      }
    }
    return inline(value).length() <= FLOW_WIDTH;
  }

  private static String inline(JsonNode value) {
    if (value.isObject()) {
      StringJoiner out = new StringJoiner(", ", "{", "}");
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        out.add(key(field.getKey()) + ": " + inline(field.getValue()));
      }
      return out.toString();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(inline(value.get(i)));
      }
      return out.append(']').toString();
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    return scalar(value.asText());
  }

  /**
   * A mapping key: plain like a value, except that words such as {@code on} stay plain, as the
   * examples write them ({@code on: client->server}); netsim's YAML reader takes keys as text.
   */
  private static String key(String text) {
    return PLAIN.matcher(text).matches() && !NUMBER_LIKE.matcher(text).matches()
        ? text
        : scalar(text);
  }

  /** A string, plain when YAML reads it back as the same string, else double-quoted. */
  static String scalar(String text) {
    if (PLAIN.matcher(text).matches()
        && !NUMBER_LIKE.matcher(text).matches()
        && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
      return text;
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static StringBuilder indent(StringBuilder out, int spaces) {
    for (int i = 0; i < spaces; i++) {
      out.append(' ');
    }
    return out;
  }
}
