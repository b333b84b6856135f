package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Components by name (scenarios, loss models, jitter distributions, queue disciplines, actions):
 * looking up an unknown name fails with the list of known ones, so a typo is reported with its fix.
 * Adding one is one registration. Names keep their registration order.
 *
 * @param <T> what is registered
 */
public final class Registry<T> {
  private final String kind;
  private final Map<String, T> entries = new LinkedHashMap<>();

  /**
   * @param kind what the entries are, for messages: "loss model"
   */
  public Registry(String kind) {
    this.kind = kind;
  }

  public Registry<T> register(String name, T entry) {
    if (entries.putIfAbsent(name, entry) != null) {
      throw new IllegalArgumentException(kind + " '" + name + "' registered twice");
    }
    return this;
  }

  /**
   * @throws IllegalArgumentException for an unknown name: "unknown loss model 'x' (known: ...)"
   */
  public T get(String name) {
    T entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "unknown "
              + kind
              + " "
              + quote(name)
              + " (known: "
              + String.join(", ", entries.keySet())
              + ")");
    }
    return entry;
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The names, in registration order. */
  public Set<String> names() {
    return entries.keySet();
  }

  /** What the entries are. */
  public String kind() {
    return kind;
  }
}
