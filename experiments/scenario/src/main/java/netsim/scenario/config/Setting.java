package netsim.scenario.config;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of a config section: how its value is read from YAML, where it goes in the model's
 * builder, how to read it back from a built value (the base that a later document overrides, and
 * the effective config written to {@code summary.json}), how a value is written in YAML, and what
 * the key means. A key lives here once: the key list, the binder, and the key's lines in {@code
 * reference.yaml} and {@code docs/config.md} (generated from the row where its section's lines are;
 * checked against it where they are written by hand) all come from the row.
 *
 * @param <C> the built value, e.g. {@code TcpConfig}
 * @param <B> its builder, e.g. {@code TcpConfig.Builder}
 * @param <T> the value of the key
 * @param key the YAML key
 * @param read reads a given value, checking it
 * @param set puts the value into the builder
 * @param get the value in a built config
 * @param text a value as YAML text, such as {@code 200ms} (for the generated documents)
 * @param doc what the key means, one Markdown paragraph (for the generated documents; empty where
 *     its section's documents are written by hand)
 * @param required whether every mapping of the section must give the key (a list entry's {@code
 *     host}), rather than inherit the base's value
 * @param defaultText the default column of the key's docs line where it is not a value (a list
 *     entry's {@code address}: "required for hosts"); empty where the value is shown, or, for a
 *     required key, "required"
 */
record Setting<C, B, T>(
    String key,
    Reader<T> read,
    BiConsumer<B, T> set,
    Function<C, T> get,
    Function<T, String> text,
    String doc,
    boolean required,
    String defaultText) {

  /** Reads a key's value; located errors come from {@link ConfigNode}'s own readers. */
  @FunctionalInterface
  interface Reader<T> {
    /**
     * The value at {@code node}, given {@code current}: the value it overrides, or null in the
     * reference (a mapping such as {@code queue} merges into it).
     */
    T read(ConfigNode node, T current);

    /** A reader that needs no current value. */
    static <T> Reader<T> of(Function<ConfigNode, T> read) {
      return (node, current) -> read.apply(node);
    }
  }

  /** A row whose values are written as {@link String#valueOf}, without a doc yet. */
  Setting(String key, Reader<T> read, BiConsumer<B, T> set, Function<C, T> get) {
    this(key, read, set, get, String::valueOf, "", false, "");
  }

  /** A row whose reader needs no current value. */
  static <C, B, T> Setting<C, B, T> of(
      String key, Function<ConfigNode, T> read, BiConsumer<B, T> set, Function<C, T> get) {
    return new Setting<>(key, Reader.of(read), set, get);
  }

  /**
   * A row whose key, when left out, sets nothing: the builder's own default stands (a match
   * condition left out accepts any value). A built value does not say what it was given: a section
   * of such rows binds over a base that gives none of them.
   */
  static <C, B, T> Setting<C, B, T> ifGiven(
      String key, Function<ConfigNode, T> read, BiConsumer<B, T> set) {
    return new Setting<>(
        key,
        Reader.of(read),
        (b, value) -> {
          if (value != null) {
            set.accept(b, value);
          }
        },
        c -> null);
  }

  /** This row with its meaning. */
  Setting<C, B, T> doc(String meaning) {
    return new Setting<>(key, read, set, get, text, meaning, required, defaultText);
  }

  /** This row with its values written by {@code format} (a duration as {@code 200ms}). */
  Setting<C, B, T> shown(Function<T, String> format) {
    return new Setting<>(key, read, set, get, format, doc, required, defaultText);
  }

  /** This row, required in every mapping of its section. */
  Setting<C, B, T> mustBeGiven() {
    return new Setting<>(key, read, set, get, text, doc, true, defaultText);
  }

  /**
   * This row with {@code text} as its docs line's default, where that is not a value: a list entry
   * has no defaults of its own to show ("none", "required for hosts").
   */
  Setting<C, B, T> defaultIs(String text) {
    return new Setting<>(key, read, set, get, this.text, doc, required, text);
  }

  /** The YAML text of this row's value in {@code config}. */
  String textIn(C config) {
    return text.apply(get.apply(config));
  }
}
