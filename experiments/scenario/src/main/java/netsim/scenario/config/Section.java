package netsim.scenario.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import netsim.scenario.config.ConfigNode.Fields;
import org.jspecify.annotations.Nullable;

/**
 * A config section bound straight into a model builder, driven by a table of {@link Setting} rows
 * in document order: every key given is read (over the base's value), every key left out keeps the
 * base's value, and the reference document must give them all. The section's own cross-key checks
 * run on the {@link Values} before the builder builds.
 *
 * @param <C> the built value
 * @param <B> its builder
 */
final class Section<C, B> {
  /** A check of several keys at once, run before the value is built. */
  @FunctionalInterface
  interface Check<C> {
    void check(Values<C> values);
  }

  private final List<Setting<C, B, ?>> rows;
  private final Map<String, Section<C, B>> nested;
  private final Map<String, Check<C>> checksAfter;
  private final Map<String, String> readAfter;
  private final List<String> keys;
  private final Supplier<B> builder;
  private final Function<B, C> build;
  private final String doc;

  private Section(
      List<Setting<C, B, ?>> rows,
      Map<String, Section<C, B>> nested,
      Map<String, Check<C>> checksAfter,
      Map<String, String> readAfter,
      Supplier<B> builder,
      Function<B, C> build,
      String doc) {
    this.rows = List.copyOf(rows);
    this.doc = doc;
    this.nested = nested;
    this.checksAfter = checksAfter;
    this.readAfter = readAfter;
    this.builder = builder;
    this.build = build;
    List<String> all = new ArrayList<>();
    rows.forEach(r -> all.add(r.key()));
    all.addAll(nested.keySet());
    this.keys = List.copyOf(all);
  }

  /** A section of {@code rows}, built with {@code builder} and {@code build}. */
  static <C, B> Section<C, B> of(
      Supplier<B> builder, Function<B, C> build, List<Setting<C, B, ?>> rows) {
    return new Section<>(rows, Map.of(), Map.of(), Map.of(), builder, build, "");
  }

  /** This section with its meaning, for a nested mapping's comment in reference.yaml. */
  Section<C, B> doc(String meaning) {
    return new Section<>(rows, nested, checksAfter, readAfter, builder, build, meaning);
  }

  /** What the section is for; empty where none is given. */
  String doc() {
    return doc;
  }

  /**
   * This section with {@code check} run as soon as {@code key} is read (before the later keys, so
   * that of two mistakes the first in document order is reported).
   */
  Section<C, B> withCheckAfter(String key, Check<C> check) {
    Map<String, Check<C>> all = new java.util.LinkedHashMap<>(checksAfter);
    all.put(key, check);
    return new Section<>(rows, nested, all, readAfter, builder, build, doc);
  }

  /**
   * This section with row {@code key} read right after row {@code after} (and its check), not in
   * its place: a key whose check or default needs later keys (a link's name, after its nodes). The
   * key keeps its place in the key list and the documents.
   */
  Section<C, B> withReadAfter(String key, String after) {
    Map<String, String> all = new java.util.LinkedHashMap<>(readAfter);
    all.put(key, after);
    return new Section<>(rows, nested, checksAfter, all, builder, build, doc);
  }

  /** This section with a nested mapping {@code key} whose rows bind into the same builder. */
  Section<C, B> withNested(String key, Section<C, B> section) {
    Map<String, Section<C, B>> all = new java.util.LinkedHashMap<>(nested);
    all.put(key, section);
    return new Section<>(rows, all, checksAfter, readAfter, builder, build, doc);
  }

  /** The keys, rows first, then the nested mappings. */
  List<String> keys() {
    return keys;
  }

  /** The rows, in document order. */
  List<Setting<C, B, ?>> rows() {
    return rows;
  }

  /** The nested mappings by key. */
  Map<String, Section<C, B>> nested() {
    return nested;
  }

  /**
   * The values of {@code node} over {@code base} (null in the reference, where every key is
   * required), read in row order.
   */
  Values<C> read(ConfigNode node, @Nullable C base) {
    return read(node.fields(keys.toArray(String[]::new)), base);
  }

  /**
   * The values of {@code fields} over {@code base}: fields of a mapping that holds this section's
   * keys among its own (a link entry holds a direction's).
   */
  Values<C> read(Fields fields, @Nullable C base) {
    Values<C> values = new Values<>(fields, base);
    readInto(values, fields);
    return values;
  }

  private void readInto(Values<C> values, Fields f) {
    for (Setting<C, B, ?> row : rows) {
      if (!readAfter.containsKey(row.key())) {
        readRow(values, row, f);
      }
    }
    for (Map.Entry<String, Section<C, B>> n : nested.entrySet()) {
      Section<C, B> section = n.getValue();
      Fields inner = f.get(n.getKey()).fields(section.keys.toArray(String[]::new));
      section.readInto(values, inner);
    }
  }

  /** Reads {@code row}, runs its check, then reads the rows to be read after it. */
  private void readRow(Values<C> values, Setting<C, B, ?> row, Fields f) {
    values.read(row, f);
    Check<C> check = checksAfter.get(row.key());
    if (check != null) {
      check.check(values);
    }
    for (Setting<C, B, ?> late : rows) {
      if (row.key().equals(readAfter.get(late.key()))) {
        readRow(values, late, f);
      }
    }
  }

  /** Puts every value into a new builder and builds. */
  C build(Values<C> values) {
    return build(values, b -> {});
  }

  /**
   * Puts every value into a new builder, then what {@code rest} sets (what the section's rows do
   * not hold, such as a link's directions), and builds.
   */
  C build(Values<C> values, Consumer<B> rest) {
    B b = builder.get();
    setInto(b, values);
    rest.accept(b);
    return build.apply(b);
  }

  private void setInto(B b, Values<C> values) {
    for (Setting<C, B, ?> row : rows) {
      set(b, row, values);
    }
    for (Section<C, B> section : nested.values()) {
      section.setInto(b, values);
    }
  }

  private static <C, B, T> void set(B b, Setting<C, B, T> row, Values<C> values) {
    row.set().accept(b, values.get(row));
  }

  /** The value of every key of a section being bound, and where each was given. */
  static final class Values<C> {
    private final Fields fields;
    private final C base;
    private final IdentityHashMap<Setting<C, ?, ?>, Object> values = new IdentityHashMap<>();
    private final IdentityHashMap<Setting<C, ?, ?>, Fields> given = new IdentityHashMap<>();

    private Values(Fields fields, @Nullable C base) {
      this.fields = fields;
      this.base = base;
    }

    private <B, T> void read(Setting<C, B, T> row, Fields f) {
      T value;
      if (f.has(row.key()) || base == null || row.required()) {
        value = row.read().read(f.require(row.key()), base == null ? null : row.get().apply(base));
        given.put(row, f);
      } else {
        value = row.get().apply(base);
      }
      values.put(row, value);
    }

    /** The section's fields. */
    Fields fields() {
      return fields;
    }

    /** The value of {@code row}, given or inherited. */
    @SuppressWarnings("unchecked") // values holds each row's own T
    <T> T get(Setting<C, ?, T> row) {
      return (T) values.get(row);
    }

    /** Whether {@code row}'s key was given here. */
    boolean given(Setting<C, ?, ?> row) {
      return given.containsKey(row) && given.get(row).has(row.key());
    }

    /** Where {@code row}'s key was given, else the section's mapping (for cross-key errors). */
    ConfigNode at(Setting<C, ?, ?> row) {
      return given(row) ? given.get(row).get(row.key()) : fields.node();
    }
  }
}
