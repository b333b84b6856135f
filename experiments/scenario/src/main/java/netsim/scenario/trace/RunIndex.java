package netsim.scenario.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names behind the ids a run's {@link TraceEvent}s carry: nodes (by {@code Node.id()}), link
 * directions (by {@code LinkDirection.id()}), fault chains and fault rules. Filled while a run is
 * built (chains and rules when first seen), or while a trace file is read. A name may be read from
 * another thread while names are added (the trace's text is made on a writer thread): the tables
 * are locked, and an event's ids are named before the event is made.
 */
public final class RunIndex {
  private final Names nodes = new Names("node");
  private final Names links = new Names("link direction");
  private final Names chains = new Names("fault chain");
  private final Names rules = new Names("fault rule");

  /** Node names by id. */
  public Names nodes() {
    return nodes;
  }

  /** Link-direction names ("client->server") by id. */
  public Names links() {
    return links;
  }

  /** Fault-chain names (the {@code at} of a rule event) by id. */
  public Names chains() {
    return chains;
  }

  /** Fault-rule names by id. */
  public Names rules() {
    return rules;
  }

  /** The name of node {@code id}. */
  public String node(int id) {
    return nodes.name(id);
  }

  /** The name of link direction {@code id}. */
  public String link(int id) {
    return links.name(id);
  }

  /** One table of names, by dense ids from 0. */
  public static final class Names {
    private final String what;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids =
        new LinkedHashMap<>(); // looked up only, never iterated

    Names(String what) {
      this.what = what;
    }

    /** Names id {@code id}; an id already named keeps only its new name. */
    public synchronized void put(int id, String name) {
      while (names.size() <= id) {
        names.add(null);
      }
      names.set(id, name);
      ids.putIfAbsent(name, id);
    }

    /** The id of {@code name}, given the next free id if it has none yet. */
    public synchronized int intern(String name) {
      Integer id = ids.get(name);
      if (id != null) {
        return id;
      }
      put(names.size(), name);
      return names.size() - 1;
    }

    /**
     * The name of {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} has no name
     */
    public synchronized String name(int id) {
      String name = id >= 0 && id < names.size() ? names.get(id) : null;
      if (name == null) {
        throw new IllegalArgumentException("no " + what + " has id " + id);
      }
      return name;
    }

    /** One more than the highest id named. */
    public synchronized int size() {
      return names.size();
    }
  }
}
