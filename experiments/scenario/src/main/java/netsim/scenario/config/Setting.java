package netsim.scenario.config;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of a config section: how its value is read from YAML, where it goes in the model's
 * builder, and how to read it back from a built value (the base that a later document overrides,
 * and the effective config written to {@code summary.json}). A key lives here once: the key list,
 * the checks of {@code reference.yaml} and {@code docs/config.md} and the binder all read the row.
 *
 * @param <C> the built value, e.g. {@code TcpConfig}
 * @param <B> its builder, e.g. {@code TcpConfig.Builder}
 * @param <T> the value of the key
 * @param key the YAML key
 * @param read reads a given value, checking it
 * @param set puts the value into the builder
 * @param get the value in a built config
 */
record Setting<C, B, T>(String key, Reader<T> read, BiConsumer<B, T> set, Function<C, T> get) {

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

  /** A row whose reader needs no current value. */
  static <C, B, T> Setting<C, B, T> of(
      String key, Function<ConfigNode, T> read, BiConsumer<B, T> set, Function<C, T> get) {
    return new Setting<>(key, Reader.of(read), set, get);
  }
}
