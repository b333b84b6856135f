package netsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.config.YamlWriter;

/**
 * Mutates a config file the way a careless or hostile user would: deleted and unknown keys, wrong
 * types, extreme and huge numbers, NaN and infinity, wrong units, unsafe names, unusable addresses,
 * aliases, anchors and tags, deep nesting, long and non-UTF-8 texts, duplicate keys, a second
 * document, truncation. Deterministic: the same text and random source give the same mutations.
 */
final class ConfigMutator {
  /** What a name mutation puts in a name; the fuzzer looks for it outside the output. */
  static final String ESCAPE_MARK = "PWNED-fuzz";

  /** Values written as raw YAML in place of a value of the tree. */
  private static final String[] VALUES = {
    // numbers
    "0",
    "-1",
    "1",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "1E+2147483647",
    "1e99999999999",
    "1e40",
    "1e-41",
    "-0.0",
    "1.5",
    "0x7fffffffffffffff",
    "0x",
    "1_000",
    "0o17",
    "1:30",
    "7".repeat(1001),
    "0." + "1".repeat(150),
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "+.Inf",
    // quantities with and without units
    "1e999999999ms",
    "\"1e999999999%\"",
    "18446744073709551616ns",
    "9223372036854775807ns",
    "100000h",
    "1000h",
    "1ns",
    "0.5ns",
    "-1ms",
    "10parsecs",
    "\"10\"",
    "5ms",
    "NaNms",
    "Infinityms",
    "1e3ms",
    "18446744073709551616bps",
    "1000Tbps",
    "10Tbps",
    "10Mbit",
    "0.5bps",
    "150%",
    "-5%",
    "\"%\"",
    "NaN%",
    "1TiB",
    "1024GiB",
    "1e9GiB",
    "0B",
    "1KB",
    "\"" + "9".repeat(500) + "ms\"",
    "unlimited",
    "done",
    "eof",
    "never",
    "+500ms",
    "+",
    "\"nth 0\"",
    "\"first -1\"",
    "\"nth 99999999999999999999\"",
    "every",
    // types
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "true",
    "false",
    "null",
    "~",
    "\"\"",
    "yes",
    "abc",
    // names
    "../" + ESCAPE_MARK,
    "/tmp/" + ESCAPE_MARK,
    "\"../../../" + ESCAPE_MARK + "\"",
    "\"a\\0b\"",
    "\"a/b\"",
    "x".repeat(300),
    ".hidden",
    "\"a b\"",
    "\"\\e[31mred\"",
    "\"\\u202e\"",
    "\"\\ud800\"",
    "\"caf\u00e9\"",
    "\"line\\nbreak\"",
    // addresses
    "0.0.0.0",
    "255.255.255.255",
    "127.0.0.1",
    "224.0.0.1",
    "240.0.0.1",
    "10.0.0.1",
    "10.0.0.256",
    "\"::1\"",
    "010.000.000.001",
    // structure
    "*anchor",
    "&anchor 5",
    "!!str 5",
    "!!binary aGVsbG8=",
    "!custom x",
    "!!float 1e999999999",
    "[".repeat(40) + "]".repeat(40),
    "{a: ".repeat(40) + "1" + "}".repeat(40),
    "\"" + "y".repeat(70_000) + "\"",
    "'" + "z".repeat(2_000) + "'",
    "\"server:80\"",
    "\"server:99999999999\"",
    "\"nobody:80\"",
    "\"server:\"",
    "\"client->server\"",
    "\"a->b\"",
    "\"SYN|AKC\"",
    "\"SYN|ACK\"",
    "TIME_WAIT",
  };

  /** Characters a typo or a paste may bring into YAML text. */
  private static final String PUNCTUATION = ":{}[],&*!|>'\"%@`#-? \t";

  private final Random random;
  private final List<String> applied = new ArrayList<>();

  ConfigMutator(Random random) {
    this.random = random;
  }

  /** What the last call to {@link #mutate} did, in order. */
  List<String> applied() {
    return applied;
  }

  /** Whether the last mutations put a name that climbs out of a directory into the config. */
  boolean touchedNames() {
    return applied.stream().anyMatch(m -> m.contains(ESCAPE_MARK));
  }

  /** {@code text} with one to three mutations, as the bytes of a file. */
  byte[] mutate(String text) {
    applied.clear();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int draw = random.nextInt(10);
    int count = draw < 6 ? 1 : draw < 9 ? 2 : 3;
    for (int i = 0; i < count; i++) {
      bytes = mutateOnce(bytes);
    }
    return bytes;
  }

  private byte[] mutateOnce(byte[] bytes) {
    int kind = random.nextInt(20);
    if (kind < 10) {
      byte[] mutated = tree(new String(bytes, StandardCharsets.UTF_8));
      if (mutated != null) {
        return mutated;
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (kind % 10) {
      case 0 -> {
        applied.add("delete line " + (line + 1));
        lines.remove(line);
      }
      case 1 -> {
        applied.add("duplicate line " + (line + 1));
        lines.add(line, lines.get(line));
      }
      case 2 -> {
        int cut = random.nextInt(bytes.length + 1);
        applied.add("truncate at byte " + cut);
        byte[] cutBytes = new byte[cut];
        System.arraycopy(bytes, 0, cutBytes, 0, cut);
        return cutBytes;
      }
      case 3 -> {
        int at = random.nextInt(bytes.length + 1);
        byte[][] invalid = {
          {(byte) 0xFF},
          {(byte) 0xC3},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {0},
          {0x1B},
          {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
        };
        byte[] insert = invalid[random.nextInt(invalid.length)];
        applied.add("insert bytes " + java.util.HexFormat.of().formatHex(insert) + " at " + at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
      }
      case 4 -> {
        applied.add("append a second document");
        lines.add("---");
        lines.add("seed: 2");
      }
      case 5 -> {
        int other = random.nextInt(lines.size());
        applied.add("swap lines " + (line + 1) + " and " + (other + 1));
        String swap = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, swap);
      }
      case 6 -> {
        applied.add("indent line " + (line + 1));
        lines.set(line, " ".repeat(1 + random.nextInt(5)) + lines.get(line));
      }
      case 7 -> {
        String s = lines.get(line);
        int at = random.nextInt(s.length() + 1);
        char c = PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
        applied.add("insert '" + c + "' in line " + (line + 1));
        lines.set(line, s.substring(0, at) + c + s.substring(at));
      }
      case 8 -> {
        String value = VALUES[random.nextInt(VALUES.length)];
        applied.add("append 'bogus: " + abbreviate(value) + "'");
        lines.add("bogus: " + value);
      }
      default -> {
        String s = lines.get(line);
        int colon = s.indexOf(": ");
        String value = VALUES[random.nextInt(VALUES.length)];
        if (colon < 0) {
          applied.add("replace line " + (line + 1) + " with '" + abbreviate(value) + "'");
          lines.set(line, value);
        } else {
          applied.add("set the value of line " + (line + 1) + " to '" + abbreviate(value) + "'");
          lines.set(line, s.substring(0, colon + 2) + value);
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** A mutation of the tree, written back as YAML; null when the text does not parse. */
  private byte[] tree(String text) {
    JsonNode root;
    try {
      root = YamlDocument.parse("corpus.yaml", text).root();
    } catch (RuntimeException e) {
      return null;
    }
    if (!root.isObject() || root.isEmpty()) {
      return null;
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode container = containers.get(random.nextInt(containers.size()));
    String placeholder = "FUZZVALUE" + random.nextInt(1_000_000) + "X";
    String raw = VALUES[random.nextInt(VALUES.length)];
    int kind = random.nextInt(4);
    if (container instanceof ObjectNode object && !object.isEmpty()) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      switch (kind) {
        case 0 -> {
          applied.add("delete key " + key);
          object.remove(key);
        }
        case 1 -> {
          applied.add("add unknown key " + key + "x");
          object.set(key + "x", TextNode.valueOf("1"));
        }
        default -> {
          applied.add("set " + key + " to '" + abbreviate(raw) + "'");
          object.set(key, TextNode.valueOf(placeholder));
        }
      }
    } else if (container instanceof ArrayNode array && !array.isEmpty()) {
      int index = random.nextInt(array.size());
      if (kind == 0) {
        applied.add("delete element " + index);
        array.remove(index);
      } else {
        applied.add("set element " + index + " to '" + abbreviate(raw) + "'");
        array.set(index, TextNode.valueOf(placeholder));
      }
    } else {
      return null;
    }
    String written;
    try {
      written = YamlWriter.write(root);
    } catch (RuntimeException e) {
      return null;
    }
    return written.replace(placeholder, raw).getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), containers);
      }
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...(" + value.length() + ")";
  }
}
