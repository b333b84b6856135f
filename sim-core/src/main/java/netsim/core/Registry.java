package netsim.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named components of one kind (jitter distributions, loss models, queue disciplines, congestion
 * controls, detectors, scenarios), for the config layer. Looking up an unknown name fails with the
 * list of known ones, so a typo in a config file is reported with its fix. Adding a component is
 * one class plus one registration. Immutable; names keep their registration order.
 *
 * @param <F> what is registered: a factory (a function, a supplier) or a plain value (a record)
 */
public final class Registry<F> {
  private final String kind;
  private final ImmutableMap<String, F> entries;

  private Registry(String kind, ImmutableMap<String, F> entries) {
    this.kind = kind;
    this.entries = entries;
  }

  /** Starts a registry of components of {@code kind}, e.g. "jitter distribution". */
  public static <F> Builder<F> builder(String kind) {
    return new Builder<>(checkNotNull(kind, "kind"));
  }

  /**
   * The entry registered under {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name: {@code unknown loss model 'x' (known:
   *     none, bernoulli, gilbert-elliott)}
   */
  public F get(String name) {
    F entry = name == null ? null : entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(unknownMessage("'" + name + "'"));
    }
    return entry;
  }

  public boolean contains(String name) {
    return name != null && entries.containsKey(name);
  }

  /** The known names, in registration order. */
  public ImmutableSet<String> names() {
    return entries.keySet();
  }

  /** What the entries are, for messages: "loss model". */
  public String kind() {
    return kind;
  }

  /**
   * The message {@link #get} fails with, for a name the caller shows as {@code quotedName} (e.g.
   * escaped and cut by the config layer): {@code unknown KIND NAME (known: a, b, c)}.
   */
  public String unknownMessage(String quotedName) {
    return "unknown " + kind + " " + quotedName + " (known: " + String.join(", ", names()) + ")";
  }

  /** Collects the registrations of a {@link Registry}. */
  public static final class Builder<F> {
    private final String kind;
    private final Map<String, F> entries = new LinkedHashMap<>();

    private Builder(String kind) {
      this.kind = kind;
    }

    /**
     * Registers {@code entry} under {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is registered already
     */
    public Builder<F> register(String name, F entry) {
      checkNotNull(name, "name");
      checkNotNull(entry, "entry");
      checkArgument(
          entries.putIfAbsent(name, entry) == null, "%s '%s' registered twice", kind, name);
      return this;
    }

    public Registry<F> build() {
      return new Registry<>(kind, ImmutableMap.copyOf(entries));
    }
  }
}
