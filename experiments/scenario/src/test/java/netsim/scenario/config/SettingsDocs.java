package netsim.scenario.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lines of {@code reference.yaml} and {@code docs/config.md} that a table's rows make: each key
 * with its default (the value in the model's defaults, as YAML writes it) and its meaning. A
 * setting added to a table thus appears in both documents when they are regenerated ({@link
 * SettingsTableTest}), without an edit of either.
 */
final class SettingsDocs {
  /** A plain YAML 1.1 scalar that a reader would not take as a string. */
  private static final Pattern NOT_A_STRING =
      Pattern.compile("(?i)y|yes|n|no|true|false|on|off|null|~|[-+.0-9].*|");

  private static final Pattern LINK = Pattern.compile("\\[([^]]*)]\\([^)]*\\)");
  private static final int WIDTH = 100;

  private SettingsDocs() {}

  /**
   * The mapping {@code key:} of {@code section}, its rows' values taken from {@code defaults}: each
   * row's doc as a comment above it, nested mappings after the rows.
   */
  static <C> List<String> yaml(String key, Section<C, ?> section, C defaults, String indent) {
    List<String> lines = new ArrayList<>();
    comment(lines, indent, section.doc());
    lines.add(indent + key + ":");
    String inner = indent + "  ";
    for (Setting<C, ?, ?> row : section.rows()) {
      comment(lines, inner, row.doc());
      lines.add(inner + row.key() + ": " + yamlScalar(row, defaults));
    }
    for (Map.Entry<String, ? extends Section<C, ?>> nested : section.nested().entrySet()) {
      lines.addAll(yaml(nested.getKey(), nested.getValue(), defaults, inner));
    }
    return lines;
  }

  /**
   * The Markdown table of {@code section}'s keys (nested ones as {@code nested.key}), with their
   * defaults from {@code defaults} and their meanings.
   */
  static <C> List<String> markdown(Section<C, ?> section, C defaults) {
    return markdown("", section, defaults);
  }

  /** The Markdown table of {@code section}'s keys, each written {@code prefix + key}. */
  static <C> List<String> markdown(String prefix, Section<C, ?> section, C defaults) {
    List<String> lines = new ArrayList<>();
    lines.add("| key | default | meaning |");
    lines.add("|---|---|---|");
    rows(lines, prefix, section, defaults);
    return lines;
  }

  private static <C> void rows(List<String> lines, String prefix, Section<C, ?> section, C values) {
    for (Setting<C, ?, ?> row : section.rows()) {
      lines.add(
          "| `"
              + prefix
              + row.key()
              + "` | "
              + defaultCell(row, values)
              + " | "
              + row.doc().replace("|", "\\|")
              + " |");
    }
    for (Map.Entry<String, ? extends Section<C, ?>> nested : section.nested().entrySet()) {
      rows(lines, prefix + nested.getKey() + ".", nested.getValue(), values);
    }
  }

  /**
   * The default column of {@code row}: its value in {@code values}, as code; or what it says
   * instead (a list entry's "required for hosts"); or "required".
   */
  private static <C> String defaultCell(Setting<C, ?, ?> row, C values) {
    if (!row.defaultText().isEmpty()) {
      return row.defaultText();
    }
    return row.required() ? "required" : "`" + row.textIn(values) + "`";
  }

  /** {@code text}, a string, quoted where YAML would not read it as one. */
  static String yamlString(String text) {
    return NOT_A_STRING.matcher(text).matches() ? "\"" + text + "\"" : text;
  }

  /** The row's value in {@code values}, quoted where YAML would not read it as this text. */
  private static <C> String yamlScalar(Setting<C, ?, ?> row, C values) {
    String text = row.textIn(values);
    boolean string = row.get().apply(values) instanceof String;
    return string && NOT_A_STRING.matcher(text).matches() ? "\"" + text + "\"" : text;
  }

  /** {@code doc} as comment lines at {@code indent}, its Markdown links and marks taken out. */
  private static void comment(List<String> lines, String indent, String doc) {
    if (doc.isEmpty()) {
      return;
    }
    String plain = LINK.matcher(doc).replaceAll("$1").replace("**", "").replace("`", "");
    StringBuilder line = new StringBuilder(indent + "#");
    for (String word : plain.split(" ")) {
      if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length() + 1) {
        lines.add(line.toString());
        line = new StringBuilder(indent + "#");
      }
      line.append(' ').append(word);
    }
    lines.add(line.toString());
  }
}
