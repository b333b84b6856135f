package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import netsim.core.Time;

/**
 * One value of a config document with its field path, read into a typed value with a check. Every
 * failure is a {@link ConfigException} naming the file, line, column and path, and what was
 * expected. A node may be missing (the key was absent); the binder then falls back to a default.
 */
public final class ConfigNode {
  private final YamlDocument document;
  private final String path;
  private final JsonNode value;

  ConfigNode(YamlDocument document, String path, JsonNode value) {
    this.document = document;
    this.path = path;
    this.value = value;
  }

  /** The document's root. */
  public static ConfigNode root(YamlDocument document) {
    return new ConfigNode(document, "", document.root());
  }

  public String path() {
    return path;
  }

  /**
   * The file {@code name} names, relative to the directory of this value's document (or to the
   * working directory for a document that is no file), for a value that names a data file.
   */
  public java.nio.file.Path resolve(String name) {
    java.nio.file.Path file = java.nio.file.Path.of(name);
    java.nio.file.Path directory = java.nio.file.Path.of(document.name()).getParent();
    return file.isAbsolute() || directory == null ? file : directory.resolve(file);
  }

  /** Whether the key was absent (or given as null). */
  public boolean isMissing() {
    return value == null || value.isNull();
  }

  /** A located error about this value. */
  public ConfigException error(String problem) {
    return document.error(path, problem);
  }

  /** Records a warning about this value: legal, but surprising (see {@link ConfigWarning}). */
  public void warn(String problem) {
    document.warn(path, problem);
  }

  /**
   * This value as a mapping whose keys must be among {@code known}.
   *
   * @throws ConfigException at the first unknown key, listing the known ones
   */
  public Fields fields(String... known) {
    if (isMissing()) {
      return new Fields(this, null, known);
    }
    if (!value.isObject()) {
      throw error("expected a mapping of " + String.join(", ", known) + "; got " + describe());
    }
    List<String> knownList = Arrays.asList(known);
    Iterator<String> names = value.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!knownList.contains(name)) {
        throw document.error(
            child(name),
            "unknown key " + quote(name) + " (known: " + String.join(", ", known) + ")");
      }
    }
    return new Fields(this, value, known);
  }

  /** This value as a list (missing: empty). */
  public List<ConfigNode> elements() {
    List<ConfigNode> elements = new ArrayList<>();
    if (isMissing()) {
      return elements;
    }
    if (!value.isArray()) {
      throw error("expected a list; got " + describe());
    }
    for (int i = 0; i < value.size(); i++) {
      elements.add(new ConfigNode(document, path + "[" + i + "]", value.get(i)));
    }
    return elements;
  }

  /** Whether this value is a list. */
  public boolean isList() {
    return value != null && value.isArray();
  }

  /** Whether this value is a mapping. */
  public boolean isMapping() {
    return value != null && value.isObject();
  }

  /** Whether this value is a mapping without keys. */
  public boolean isEmptyMapping() {
    return isMapping() && value.isEmpty();
  }

  /** Whether this value is a number. */
  public boolean isNumber() {
    return value != null && value.isNumber();
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigNode field(String key) {
    return new ConfigNode(document, child(key), value == null ? null : value.get(key));
  }

  /** A scalar as text (numbers and booleans as written). */
  public String text() {
    requirePresent("a value");
    if (!value.isValueNode()) {
      throw error("expected a single value; got " + describe());
    }
    return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
  }

  /** A string that must be non-empty: a reference to something named elsewhere. */
  public String name() {
    String text = text();
    if (text.isBlank()) {
      throw error("expected a non-empty name");
    }
    return text;
  }

  /**
   * A name given to something (the experiment, a node, a link, a rule), which may reach a file name
   * or the trace: it must follow {@link Names#RULE}.
   */
  public String newName() {
    String text = name();
    if (!Names.isSafe(text)) {
      throw error(
          "not a valid name: "
              + quote(text)
              + "; a name has "
              + Names.RULE
              + " (names become file names and trace fields)");
    }
    return text;
  }

  /** A whole number within [min, max]. */
  public long integer(long min, long max) {
    requirePresent("a whole number");
    if (!value.isIntegralNumber()) {
      throw error("expected a whole number between " + min + " and " + max + "; got " + describe());
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw error("out of range: " + value.asText() + " (expected " + min + " to " + max + ")");
    }
    return value.longValue();
  }

  public boolean bool() {
    requirePresent("true or false");
    if (!value.isBoolean()) {
      throw error("expected true or false; got " + describe());
    }
    return value.booleanValue();
  }

  /** Whether the value is the number 0 (written 0, 0.0 or 0e0). */
  private boolean isZero() {
    return value.isNumber() && value.decimalValue().signum() == 0;
  }

  /**
   * A duration such as "10ms" or "1.5s" (or 0), in nanoseconds, at most {@link
   * InputLimits#MAX_DURATION}.
   */
  public long duration() {
    requirePresent("a duration such as \"10ms\"");
    if (isZero()) {
      return 0;
    }
    if (!value.isTextual()) {
      throw error(
          "expected a duration with a unit such as \"10ms\" or \"1.5s\"; got " + describe());
    }
    return duration(value.textValue());
  }

  /**
   * {@code text}, a duration such as "10ms" (or "0"), in nanoseconds, at most {@link
   * InputLimits#MAX_DURATION}; a mistake is an error about this value.
   */
  long duration(String text) {
    if (text.length() > InputLimits.MAX_NUMBER_LENGTH) {
      throw error(
          "expected a duration such as \"10ms\"; got a text of " + text.length() + " characters");
    }
    String outOfRange =
        "out of range: "
            + text.trim()
            + " (a duration is at most "
            + InputLimits.MAX_DURATION_TEXT
            + ")";
    long nanos;
    try {
      nanos = Time.parse(text);
    } catch (IllegalArgumentException e) {
      // Time refuses what does not fit in 64-bit nanoseconds as "too long".
      throw error(e.getMessage().contains("too long") ? outOfRange : e.getMessage());
    }
    if (nanos > InputLimits.MAX_DURATION) {
      throw error(outOfRange);
    }
    return nanos;
  }

  /** A finite number, written as a number or as a text ("0.5"), within {@link InputLimits}. */
  public BigDecimal decimal() {
    requirePresent("a number");
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (!value.isTextual()) {
      throw error("expected a number; got " + describe());
    }
    try {
      return InputLimits.decimal(value.textValue());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** A probability in [0, 1], as a number ({@code 0.01}) or a percentage ({@code "1%"}). */
  public double probability() {
    requirePresent("a probability");
    BigDecimal p;
    if (value.isNumber()) {
      p = value.decimalValue();
    } else if (value.isTextual() && value.textValue().trim().endsWith("%")) {
      String number = value.textValue().trim();
      try {
        p = InputLimits.decimal(number.substring(0, number.length() - 1).trim()).movePointLeft(2);
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("out of range")) {
          throw error(e.getMessage());
        }
        throw error("expected a probability such as 0.01 or \"1%\"; got " + describe());
      }
    } else {
      throw error("expected a probability such as 0.01 or \"1%\"; got " + describe());
    }
    if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
      throw error(
          "out of range: "
              + (value.isTextual() ? value.textValue().trim() : p.toPlainString())
              + " (expected a probability from 0 to 1)");
    }
    return p.doubleValue();
  }

  /**
   * A rate such as "10Mbps" in bits per second (0 = unlimited), at most {@link
   * InputLimits#MAX_RATE}.
   */
  public long rate() {
    requirePresent("a rate such as \"10Mbps\"");
    if (isZero()) {
      return 0;
    }
    if (!value.isTextual()) {
      throw error(
          "expected a rate with a unit such as \"10Mbps\" (or 0 for unlimited); got " + describe());
    }
    long rate;
    try {
      rate = Units.parseRate(value.textValue());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
    if (rate > InputLimits.MAX_RATE) {
      throw error(
          "out of range: "
              + value.textValue().trim()
              + " (a rate is at most "
              + Units.formatRate(InputLimits.MAX_RATE)
              + "; above it a full-size packet takes"
              + " under a nanosecond, the simulator's resolution)");
    }
    return rate;
  }

  /** A size such as "64KiB" (or a whole number of bytes), within [min, max] bytes. */
  public long size(long min, long max) {
    requirePresent("a size such as \"64KiB\"");
    long bytes;
    if (value.isIntegralNumber()) {
      if (!value.canConvertToLong()) {
        throw error(
            "out of range: " + value.asText() + " bytes (expected " + min + " to " + max + ")");
      }
      bytes = value.longValue();
    } else if (value.isTextual()) {
      try {
        bytes = Units.parseSize(value.textValue());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    } else {
      throw error("expected a size such as \"64KiB\" or a number of bytes; got " + describe());
    }
    if (bytes < min || bytes > max) {
      throw error("out of range: " + bytes + " bytes (expected " + min + " to " + max + ")");
    }
    return bytes;
  }

  private void requirePresent(String expected) {
    if (isMissing()) {
      throw document.error(path, "missing: expected " + expected);
    }
  }

  /** What the value is, for messages: "the text 'abc'", "a list", "the number 3". */
  public String describe() {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asText();
    }
    if (value.isNumber()) {
      return "the number "
          + (value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
    }
    return "the text " + quote(value.asText());
  }

  /** The keys of a mapping, with their values, after {@link #fields} checked them. */
  public static final class Fields {
    private final ConfigNode owner;
    private final JsonNode object;
    private final List<String> known;

    Fields(ConfigNode owner, JsonNode object, String[] known) {
      this.owner = owner;
      this.object = object;
      this.known = Arrays.asList(known);
    }

    /** Whether the key was given (and not null). */
    public boolean has(String key) {
      return object != null && object.has(key) && !object.get(key).isNull();
    }

    /** The value of a known key, possibly missing. */
    public ConfigNode get(String key) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("binder asked for undeclared key " + key);
      }
      return owner.field(key);
    }

    /** The value of a key that must be given. */
    public ConfigNode require(String key) {
      ConfigNode node = get(key);
      if (node.isMissing()) {
        throw owner.error("missing key " + quote(key));
      }
      return node;
    }

    /** The mapping these fields belong to. */
    public ConfigNode node() {
      return owner;
    }
  }
}
