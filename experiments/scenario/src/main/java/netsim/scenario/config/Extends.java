package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code extends: base.yaml}: a config file written as the differences from another, for a family
 * of experiments. The base is read first (and what it extends, in turn), then the file's own keys
 * on top: mappings merge key by key, a list or a value replaces the base's, {@code null} removes a
 * key. The path is relative to the file that names it. A file that extends itself, directly or
 * through others, is a mistake; every value keeps the file and line where it is written, so errors
 * point into the right file.
 */
final class Extends {
  /** The key that names the base file. */
  static final String KEY = "extends";

  private Extends() {}

  static YamlDocument load(Path file) {
    return load(file, new ArrayList<>());
  }

  /**
   * @param chain the files that extend this one, outermost first, to find a cycle
   */
  private static YamlDocument load(Path file, List<Path> chain) {
    YamlDocument document = YamlDocument.parse(file.toString(), ConfigLoader.read(file));
    JsonNode root = document.root();
    JsonNode base = root.isObject() ? root.get(KEY) : null;
    if (base == null) {
      return document;
    }
    if (!base.isTextual() || base.textValue().isBlank()) {
      throw document.error(
          KEY,
          "expected the path of the file this one extends, such as base.yaml; got "
              + (base.isNull() ? "nothing" : base.isContainerNode() ? "a " + kind(base) : base));
    }
    Path here = file.toAbsolutePath().normalize();
    Path basePath = file.resolveSibling(base.textValue());
    Path baseReal = basePath.toAbsolutePath().normalize();
    List<Path> seen = new ArrayList<>(chain);
    seen.add(here);
    if (seen.contains(baseReal)) {
      List<String> names = new ArrayList<>();
      for (Path p : seen.subList(seen.indexOf(baseReal), seen.size())) {
        names.add(p.getFileName().toString());
      }
      names.add(baseReal.getFileName().toString());
      throw document.error(
          KEY,
          "extends "
              + quote(base.textValue())
              + ", which "
              + (baseReal.equals(here) ? "is this file" : "extends this file")
              + ": a cycle ("
              + String.join(" -> ", names)
              + ")");
    }
    YamlDocument parent;
    try {
      parent = load(basePath, seen);
    } catch (ConfigException e) {
      if (e.line() == 0 && e.file().equals(basePath.toString())) {
        // The base cannot be read: say so where it is named.
        throw document.error(KEY, "cannot extend " + basePath + ": " + e.problem());
      }
      throw e;
    }
    if (!parent.root().isObject()) {
      throw document.error(KEY, "cannot extend " + basePath + ": it is not a mapping of keys");
    }
    ObjectNode own = ((ObjectNode) root).deepCopy();
    own.remove(KEY);
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    YamlDocument withoutKey = document.withRoot(own);
    return YamlDocument.merge(parent, withoutKey, merged);
  }

  private static String kind(JsonNode node) {
    return node.isObject() ? "mapping" : "list";
  }
}
