package netsim.scenario.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The shape a config document must have before it is read into a tree, checked on SnakeYAML's event
 * stream (what Jackson's YAML parser reads too), each refusal located with its field path: one
 * document; no anchors or aliases (Jackson would read an alias as its anchor's name, and an
 * undefined one too, so both are refused rather than silently misread; tags are ignored); nesting
 * at most {@link InputLimits#MAX_DEPTH} deep; texts at most {@link InputLimits#MAX_TEXT_LENGTH}
 * characters; numbers at most {@link InputLimits#MAX_NUMBER_LENGTH} characters, and finite.
 */
final class YamlShape {
  /** YAML's special floats: not numbers a config can use. */
  private static final Pattern NOT_FINITE =
      Pattern.compile("[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

  private static final Resolver RESOLVER = new Resolver();

  /** Where the walk is: a mapping (expecting a key or a value) or a list (at an index). */
  private static final class Frame {
    final boolean mapping;
    final String path;
    boolean expectingKey = true;
    String key;
    int index;

    Frame(boolean mapping, String path) {
      this.mapping = mapping;
      this.path = path;
    }

    /** The path of the node that comes next in this collection, and steps past it. */
    String next(Event event) {
      if (!mapping) {
        return path + "[" + index++ + "]";
      }
      if (expectingKey) {
        expectingKey = false;
        key = event instanceof ScalarEvent scalar ? scalar.getValue() : "?";
        return child(key);
      }
      expectingKey = true;
      return child(key);
    }

    private String child(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }

  private YamlShape() {}

  /**
   * Checks {@code text}, named {@code name} in messages.
   *
   * <p>The events come from SnakeYAML's parser itself, as {@code Yaml.parse} hands them out,
   * without a {@code Yaml} object: making one builds its constructor and representer, whose logger
   * initializes {@code java.util.logging} (about 20 ms of a run's start-up, benchmarks/RESULTS.md,
   * "Session 13, CLI start-up"), for a walk that needs neither.
   *
   * @throws ConfigException at the first thing out of shape, or a YAML syntax error
   */
  static void check(String name, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(InputLimits.MAX_DOCUMENT_BYTES + 1);
    Deque<Frame> stack = new ArrayDeque<>();
    int documents = 0;
    try {
      Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
      while (parser.peekEvent() != null) {
        Event event = parser.getEvent();
        if (event instanceof DocumentStartEvent) {
          if (++documents > 1) {
            throw error(
                name,
                event.getStartMark(),
                "",
                "a second YAML document: a config"
                    + " file holds one document (remove the '---' line and what follows, or make"
                    + " it a file of its own)");
          }
          continue;
        }
        if (event instanceof CollectionEndEvent) {
          stack.pop();
          continue;
        }
        if (!(event instanceof NodeEvent node)) {
          continue;
        }
        String path = stack.isEmpty() ? "" : stack.peek().next(event);
        if (node instanceof AliasEvent) {
          throw error(
              name,
              event.getStartMark(),
              path,
              "alias *"
                  + node.getAnchor()
                  + ": anchors and aliases are not supported; write the value out");
        }
        if (node.getAnchor() != null) {
          throw error(
              name,
              event.getStartMark(),
              path,
              "anchor &"
                  + node.getAnchor()
                  + ": anchors and aliases are not supported; write each value out");
        }
        if (node instanceof CollectionStartEvent) {
          if (stack.size() >= InputLimits.MAX_DEPTH) {
            throw error(
                name,
                event.getStartMark(),
                path,
                "nested deeper than "
                    + InputLimits.MAX_DEPTH
                    + " mappings and lists, the most a config may");
          }
          stack.push(new Frame(node instanceof MappingStartEvent, path));
        } else if (node instanceof ScalarEvent scalar) {
          scalar(name, scalar, path);
        }
      }
    } catch (ReaderException e) {
      int codePoints = text.codePointCount(0, text.length());
      int[] at =
          YamlDocument.lineAndColumn(
              text, text.offsetByCodePoints(0, Math.min(e.getPosition(), codePoints)));
      throw new ConfigException(
          name,
          at[0],
          at[1],
          "",
          String.format(
              Locale.ROOT,
              "the character U+%04X"
                  + " is not allowed in YAML (in double quotes, write it as an escape such as \\x01)",
              e.getCodePoint()));
    } catch (YAMLException e) {
      // A syntax error: Jackson's parser, next, reports it where the text went wrong.
    }
  }

  private static void scalar(String name, ScalarEvent scalar, String path) {
    String value = scalar.getValue();
    if (value.length() > InputLimits.MAX_TEXT_LENGTH) {
      throw error(
          name,
          scalar.getStartMark(),
          path,
          "a text of "
              + value.length()
              + " characters; a config's texts are at most "
              + InputLimits.MAX_TEXT_LENGTH);
    }
    if (!scalar.isPlain() || scalar.getTag() != null) {
      return; // quoted or tagged: a text, whatever it looks like
    }
    String tag = RESOLVER.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, value, true).getValue();
    boolean number =
        tag.equals(org.yaml.snakeyaml.nodes.Tag.INT.getValue())
            || tag.equals(org.yaml.snakeyaml.nodes.Tag.FLOAT.getValue());
    if (!number) {
      return;
    }
    if (NOT_FINITE.matcher(value).matches()) {
      throw error(name, scalar.getStartMark(), path, "not a finite number: " + value);
    }
    if (value.length() > InputLimits.MAX_NUMBER_LENGTH) {
      throw error(name, scalar.getStartMark(), path, InputLimits.tooLong(value));
    }
  }

  private static ConfigException error(String name, Mark at, String path, String problem) {
    return at == null
        ? new ConfigException(name, 0, 0, path, problem)
        : new ConfigException(name, at.getLine() + 1, at.getColumn() + 1, path, problem);
  }
}
