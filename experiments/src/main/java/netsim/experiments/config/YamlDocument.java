package netsim.experiments.config;

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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, with the line and column where each value starts,
 * by field path ({@code links[0].delay}). Jackson's streaming parser gives the locations, so every
 * later check, however semantic, can point at the text it is about.
 */
public final class YamlDocument {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String name;
  private final JsonNode root;
  private final Map<String, int[]> locations;
  /** Paths set by command-line overrides, with the override that set them. */
  private final Map<String, String> overrides = new LinkedHashMap<>();

  private YamlDocument(String name, JsonNode root, Map<String, int[]> locations) {
    this.name = name;
    this.root = root;
    this.locations = locations;
  }

  /**
   * Parses {@code text}; {@code name} is the file name that errors show.
   *
   * @throws ConfigException for a syntax error or a duplicate key, located
   */
  public static YamlDocument parse(String name, String text) {
    Map<String, int[]> locations = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlDocument(name, NODES.objectNode(), locations);
      }
      JsonNode root = read(parser, "", locations, name);
      return new YamlDocument(name, root, locations);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(name, at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(), "", "YAML syntax error: "
              + condense(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read: " + e.getMessage());
    }
  }

  /** SnakeYAML's message without its source excerpt: "while parsing ...: expected ...". */
  private static String condense(String message) {
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

  private static JsonNode read(JsonParser parser, String path, Map<String, int[]> locations,
      String name) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    locations.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String child = path.isEmpty() ? key : path + "." + key;
          JsonLocation keyAt = parser.currentTokenLocation();
          if (object.has(key)) {
            throw new ConfigException(name, keyAt.getLineNr(), keyAt.getColumnNr(), child,
                "duplicate key '" + key + "'");
          }
          parser.nextToken();
          object.set(key, read(parser, child, locations, name));
          // The key's position is where a reader looks for a field.
          locations.put(child, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, path + "[" + index + "]", locations, name));
          index++;
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new ConfigException(name, at.getLineNr(), at.getColumnNr(), path,
            "unexpected YAML token " + token);
    }
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
    return new ConfigException(name, where[0], where[1], path, problem);
  }

  /** Records that a command-line override set the value at {@code path}. */
  void overridden(String path, String origin) {
    overrides.put(path, origin);
  }
}
