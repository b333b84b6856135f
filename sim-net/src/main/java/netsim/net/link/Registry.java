package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;

/**
 * Factories of one kind of component (jitter distributions, loss models, queue disciplines) by
 * name, for the config layer. Looking up an unknown name fails with the list of known ones, so a
 * typo in a config file is reported with its fix. Adding a component is one class plus one
 * registration. Immutable; names keep their registration order.
 *
 * @param <F> the factory type, e.g. a function from parameters to a spec
 */
public final class Registry<F> {
  private final String kind;
  private final ImmutableMap<String, F> factories;

  private Registry(String kind, ImmutableMap<String, F> factories) {
    this.kind = kind;
    this.factories = factories;
  }

  /** Starts a registry of components of {@code kind}, e.g. "jitter distribution". */
  public static <F> Builder<F> builder(String kind) {
    return new Builder<>(checkNotNull(kind, "kind"));
  }

  /**
   * The factory registered under {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public F get(String name) {
    F factory = name == null ? null : factories.get(name);
    checkArgument(
        factory != null,
        "unknown %s '%s' (known: %s)",
        kind,
        name,
        String.join(", ", factories.keySet()));
    return factory;
  }

  /** The known names, in registration order. */
  public ImmutableSet<String> names() {
    return factories.keySet();
  }

  /** Collects the registrations of a {@link Registry}. */
  public static final class Builder<F> {
    private final String kind;
    private final ImmutableMap.Builder<String, F> factories = ImmutableMap.builder();

    private Builder(String kind) {
      this.kind = kind;
    }

    public Builder<F> register(String name, F factory) {
      factories.put(checkNotNull(name, "name"), checkNotNull(factory, "factory"));
      return this;
    }

    /**
     * @throws IllegalArgumentException if a name was registered twice
     */
    public Registry<F> build() {
      return new Registry<>(kind, factories.buildOrThrow());
    }
  }
}
