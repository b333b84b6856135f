package netsim.scenario.trace;

/**
 * Builds one JSON object on one line with its fields in the order they are added: integers and
 * strings only (no floating point), so a trace line is byte-identical across runs.
 */
public final class JsonLine {
  private final StringBuilder text = new StringBuilder(160).append('{');
  private boolean first = true;

  public JsonLine num(String key, long value) {
    key(key);
    text.append(value);
    return this;
  }

  public JsonLine str(String key, String value) {
    key(key);
    quote(text, value);
    return this;
  }

  public JsonLine bool(String key, boolean value) {
    key(key);
    text.append(value);
    return this;
  }

  private void key(String key) {
    if (!first) {
      text.append(',');
    }
    first = false;
    quote(text, key);
    text.append(':');
  }

  /** Appends {@code value} as a JSON string. */
  static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return text + "}";
  }
}
