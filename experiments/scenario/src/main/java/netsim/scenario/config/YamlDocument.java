package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, with the line and column where each value starts, by
 * field path ({@code links[0].delay}). Jackson's streaming parser gives the locations, so every
 * later check, however semantic, can point at the text it is about.
 */
public final class YamlDocument {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String name;
  private final JsonNode root;
  private final Map<String, int[]> locations;

  /**
   * Where each text value starts, by path: {line, column, 1 if it is quoted else 0}, so that a
   * mistake inside a text (an expression) can be located at its character.
   */
  private final Map<String, int[]> texts;

  /**
   * The file of each located path written in another file than {@link #name} (a file this one
   * {@code extends}); empty for a document of one file.
   */
  private final Map<String, String> files;

  /** Paths set by command-line overrides, with the override that set them. */
  private final Map<String, String> overrides = new LinkedHashMap<>();

  private final List<ConfigWarning> warnings = new ArrayList<>();

  private YamlDocument(
      String name, JsonNode root, Map<String, int[]> locations, Map<String, int[]> texts) {
    this(name, root, locations, texts, Map.of());
  }

  private YamlDocument(
      String name,
      JsonNode root,
      Map<String, int[]> locations,
      Map<String, int[]> texts,
      Map<String, String> files) {
    this.name = name;
    this.root = root;
    this.locations = locations;
    this.texts = texts;
    this.files = files;
  }

  /**
   * Reads the config file {@code file}, with the file it {@code extends} (and so on) under it: see
   * {@link Extends}.
   *
   * @throws ConfigException for a missing or unreadable file, a syntax error, a cycle, located
   */
  public static YamlDocument load(java.nio.file.Path file) {
    return Extends.load(file);
  }

  /**
   * {@code child} on top of {@code base}: mappings merged key by key, anything else in the child
   * replacing the base's, a null in the child removing the key; each value located in the file it
   * comes from. The result is named after the child.
   */
  static YamlDocument merge(YamlDocument base, YamlDocument child, JsonNode root) {
    Map<String, int[]> locations = new LinkedHashMap<>();
    Map<String, int[]> texts = new LinkedHashMap<>();
    Map<String, String> files = new LinkedHashMap<>();
    java.util.Set<String> fromBase = new java.util.TreeSet<>();
    mergeInto((ObjectNode) root, base.root, child.root, "", fromBase);
    base.locations.forEach(
        (path, at) -> {
          if (keptFromBase(path, fromBase)) {
            locations.put(path, at);
            files.put(path, base.fileOf(path));
            if (base.texts.containsKey(path)) {
              texts.put(path, base.texts.get(path));
            }
          }
        });
    child.locations.forEach(
        (path, at) -> {
          locations.put(path, at);
          if (!child.fileOf(path).equals(child.name)) {
            files.put(path, child.fileOf(path));
          } else {
            files.remove(path);
          }
        });
    texts.putAll(child.texts);
    files.values().removeIf(file -> file.equals(child.name));
    return new YamlDocument(child.name, root, locations, texts, files);
  }

  /** Merges {@code child} over {@code base} into {@code into}; records the subtrees kept. */
  private static void mergeInto(
      ObjectNode into, JsonNode base, JsonNode child, String path, java.util.Set<String> fromBase) {
    base.properties()
        .forEach(
            field -> {
              String key = field.getKey();
              String at = path.isEmpty() ? key : path + "." + key;
              JsonNode mine = child.get(key);
              if (mine == null) {
                into.set(key, field.getValue().deepCopy());
                fromBase.add(at);
              } else if (mine.isObject() && field.getValue().isObject()) {
                mergeInto(into.putObject(key), field.getValue(), mine, at, fromBase);
              }
            });
    child
        .properties()
        .forEach(
            field -> {
              JsonNode theirs = base.get(field.getKey());
              boolean merged = theirs != null && theirs.isObject() && field.getValue().isObject();
              if (field.getValue().isNull()) {
                into.remove(field.getKey());
              } else if (!merged) {
                into.set(field.getKey(), field.getValue().deepCopy());
              }
            });
  }

  /** Whether {@code path} (of the base) lies in a subtree the merge kept from the base. */
  private static boolean keptFromBase(String path, java.util.Set<String> fromBase) {
    String at = path;
    while (!at.isEmpty()) {
      if (fromBase.contains(at)) {
        return true;
      }
      at = parent(at);
    }
    return false;
  }

  /** This document with another root (the same locations), for a file's own keys. */
  YamlDocument withRoot(JsonNode other) {
    return new YamlDocument(name, other, locations, texts, files);
  }

  /** The file where the value at {@code path} (or its nearest located parent) is written. */
  public String fileOf(String path) {
    String at = path;
    while (!locations.containsKey(at) && !at.isEmpty()) {
      at = parent(at);
    }
    return files.getOrDefault(at, name);
  }

  /**
   * Parses {@code text}; {@code name} is the file name that errors show.
   *
   * @throws ConfigException for a syntax error, a duplicate key, or anything beyond the {@link
   *     InputLimits} or the YAML this reader takes (see {@link YamlShape}), located
   */
  public static YamlDocument parse(String name, String text) {
    if (text.length() > InputLimits.MAX_DOCUMENT_BYTES) {
      int[] at = lineAndColumn(text, InputLimits.MAX_DOCUMENT_BYTES);
      throw new ConfigException(
          name,
          at[0],
          at[1],
          "",
          "the document is longer than "
              + InputLimits.MAX_DOCUMENT_BYTES
              + " characters (1 MiB), the most a config may hold");
    }
    YamlShape.check(name, text);
    return read(name, text);
  }

  /**
   * Parses {@code text} that ships in the jar and that the build checks ({@code reference.yaml}:
   * {@code SettingsTableTest} holds it to every check of {@link #parse}), without {@link
   * YamlShape}'s walk of SnakeYAML's events, a second reading of the whole text that only a file
   * from outside needs (9-15 ms of the run's thread before its first event, measured under load:
   * benchmarks/RESULTS.md, "Session 12, CLI start-up").
   */
  static YamlDocument parseBuiltIn(String name, String text) {
    return read(name, text);
  }

  /** Reads {@code text} into a tree with its locations (duplicate keys refused, located). */
  private static YamlDocument read(String name, String text) {
    Map<String, int[]> locations = new LinkedHashMap<>();
    Map<String, int[]> texts = new LinkedHashMap<>();
    JsonParser parser = null;
    try {
      parser = YAML.createParser(text);
      JsonToken first = parser.nextToken();
      if (first == null) {
        locations.put("", new int[] {1, 1});
        return new YamlDocument(name, NODES.objectNode(), locations, texts);
      }
      JsonNode root = new Reader(parser, name, text, locations, texts).read("");
      return new YamlDocument(name, root, locations, texts);
    } catch (JsonProcessingException e) {
      JsonLocation at =
          e.getLocation() != null
              ? e.getLocation()
              : parser == null ? null : parser.currentLocation();
      throw new ConfigException(
          name,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "",
          "YAML syntax error: " + condense(e.getOriginalMessage()) + hint(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read: " + e.getMessage());
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException ignored) {
          // a parser over a string holds nothing to release
        }
      }
    }
  }

  /** The 1-based {line, column} of character {@code offset} of {@code text}. */
  static int[] lineAndColumn(CharSequence text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(text.charAt(i))) {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /** SnakeYAML's message without its source excerpt: "while parsing ...: expected ...". */
  /**
   * What to do about a bracket inside a one-line list or mapping, as in {@code metrics:
   * [links[bottleneck].utilization]}: YAML reads it as a nested list, so such a value is quoted.
   */
  static String hint(String message) {
    return message.contains("while parsing a flow") && message.contains("but got [")
        ? " (inside [...] or {...}, quote a value with brackets: \"links[bottleneck].utilization\")"
        : "";
  }

  static String condense(String message) {
    StringBuilder text = new StringBuilder();
    for (String line : message.split("\n")) {
      if (line.isBlank() || line.startsWith(" ") || line.contains("^")) {
        continue;
      }
      if (text.length() > 0) {
        text.append(": ");
      }
      text.append(line.trim());
    }
    return text.toString();
  }

  /** Reads a parser's tokens into a tree, recording where each value starts. */
  private record Reader(
      JsonParser parser,
      String name,
      String text,
      Map<String, int[]> locations,
      Map<String, int[]> texts) {
    JsonNode read(String path) throws IOException {
      JsonLocation at = parser.currentTokenLocation();
      locations.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String key = parser.currentName();
              String child = path.isEmpty() ? key : path + "." + key;
              JsonLocation keyAt = parser.currentTokenLocation();
              if (object.has(key)) {
                throw new ConfigException(
                    name,
                    keyAt.getLineNr(),
                    keyAt.getColumnNr(),
                    child,
                    "duplicate key " + quote(key));
              }
              parser.nextToken();
              object.set(key, read(child));
              // The key's position is where a reader looks for a field.
              locations.put(child, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
            }
            return object;
          }
        case START_ARRAY:
          {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              array.add(read(path + "[" + index + "]"));
              index++;
            }
            return array;
          }
        case VALUE_STRING:
          {
            long offset = at.getCharOffset();
            char first = offset >= 0 && offset < text.length() ? text.charAt((int) offset) : ' ';
            texts.put(
                path,
                new int[] {
                  at.getLineNr(), at.getColumnNr(), first == '\'' || first == '"' ? 1 : 0
                });
            return NODES.textNode(parser.getText());
          }
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return number(parser, path, name);
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw new ConfigException(
              name, at.getLineNr(), at.getColumnNr(), path, "unexpected YAML token " + token);
      }
    }
  }

  /**
   * A number, within {@link InputLimits}: a whole number as a long (or a big integer where it does
   * not fit), any other as an exact decimal, never a double.
   */
  private static JsonNode number(JsonParser parser, String path, String name) throws IOException {
    String text = parser.getText();
    boolean whole = parser.currentToken() == JsonToken.VALUE_NUMBER_INT;
    try {
      if (whole && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        return NODES.numberNode(parser.getLongValue());
      }
      BigDecimal value =
          whole ? new BigDecimal(parser.getBigIntegerValue()) : parser.getDecimalValue();
      InputLimits.checkMagnitude(value, text);
      return whole ? NODES.numberNode(value.toBigIntegerExact()) : NODES.numberNode(value);
    } catch (NumberFormatException | JsonProcessingException e) {
      // An exponent beyond what a decimal holds, such as 1e99999999999.
      throw located(parser, path, name, InputLimits.outOfRange(text).getMessage());
    } catch (IllegalArgumentException e) {
      throw located(parser, path, name, e.getMessage());
    }
  }

  private static ConfigException located(
      JsonParser parser, String path, String name, String problem) {
    JsonLocation at = parser.currentTokenLocation();
    return new ConfigException(name, at.getLineNr(), at.getColumnNr(), path, problem);
  }

  /** The file name errors show. */
  public String name() {
    return name;
  }

  public JsonNode root() {
    return root;
  }

  /** {line, column} of the value (or key) at {@code path}, or of its nearest located parent. */
  public int[] location(String path) {
    String at = path;
    while (true) {
      int[] found = locations.get(at);
      if (found != null) {
        return found;
      }
      if (at.isEmpty()) {
        return new int[] {0, 0};
      }
      at = parent(at);
    }
  }

  /**
   * Where the text value at {@code path} starts: {line, column, 1 if quoted else 0}; null when
   * there is no text there.
   */
  public int[] valueLocation(String path) {
    return texts.get(path);
  }

  /** Whether the parser saw a value at {@code path}. */
  public boolean has(String path) {
    return locations.containsKey(path);
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** A located error about the value at {@code path}. */
  public ConfigException error(String path, String problem) {
    String at = path;
    while (true) {
      String origin = overrides.get(at);
      if (origin != null) {
        return new ConfigException(origin, 0, 0, path, problem);
      }
      if (at.isEmpty()) {
        break;
      }
      at = parent(at);
    }
    int[] where = location(path);
    return new ConfigException(fileOf(path), where[0], where[1], path, problem);
  }

  /**
   * A copy that overrides may change without changing this one: the tree is copied, the locations
   * shared, the overrides applied so far kept, the warnings not.
   */
  public YamlDocument copy() {
    YamlDocument copy = new YamlDocument(name, root.deepCopy(), locations, texts, files);
    copy.overrides.putAll(overrides);
    return copy;
  }

  /** Records a warning about the value at {@code path}, located like {@link #error}. */
  void warn(String path, String problem) {
    warnings.add(new ConfigWarning(error(path, problem).getMessage()));
  }

  /** The warnings recorded while the document was bound, in order. */
  public List<ConfigWarning> warnings() {
    return List.copyOf(warnings);
  }

  /** Records that a command-line override set the value at {@code path}. */
  void overridden(String path, String origin) {
    overrides.put(path, origin);
  }
}
