package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netsim.core.Registry;
import netsim.net.fault.FaultAction;
import netsim.net.fault.Match;
import netsim.net.fault.Selection;
import netsim.scenario.config.ConfigNode.Fields;

/**
 * A {@code rules} entry: where it acts ({@code on}, {@code link}), what it takes ({@code match},
 * bound by {@link MatchTable}; {@code select}) and its action, one of the {@link #ACTIONS}
 * registry, whose parameters ({@code delay}, {@code until}, ...) are keys of the entry: the keys an
 * action takes come from its registration.
 */
final class RuleTable {
  /** A config-only action: a hold whose packets are released at {@code releaseAt}. */
  private static final String RELEASE_AT = "release-at";

  /**
   * The actions a rule names: sim-net's {@link FaultAction#ACTIONS}, where a hold may take {@code
   * releaseAt}, and {@code release-at}, a hold that must.
   */
  static final Registry<FaultAction.Form> ACTIONS = actions();

  private static Registry<FaultAction.Form> actions() {
    Registry.Builder<FaultAction.Form> actions = Registry.builder("action");
    for (String name : FaultAction.ACTIONS.names()) {
      FaultAction.Form form = FaultAction.ACTIONS.get(name);
      if (name.equals(FaultAction.Verb.HOLD.traceName())) {
        FaultAction.Form released = new FaultAction.Form(List.of("releaseAt"), form.make());
        actions.register(name, released).register(RELEASE_AT, released);
      } else {
        actions.register(name, form);
      }
    }
    return actions.build();
  }

  /** The keys of a rule: where, what, the action and every action's parameters, then continue. */
  static final List<String> KEYS = keys();

  private RuleTable() {}

  private static List<String> keys() {
    Set<String> keys =
        new LinkedHashSet<>(List.of("name", "on", "link", "match", "select", "action"));
    for (String action : ACTIONS.names()) {
      keys.addAll(ACTIONS.get(action).keys());
    }
    keys.add("continue");
    return List.copyOf(keys);
  }

  /** The rules of {@code list}, at {@code nodes} and {@code links}. */
  static List<RuleSettings> bind(
      ConfigNode list, List<NodeSettings> nodes, List<LinkSettings> links) {
    List<RuleSettings> rules = new ArrayList<>();
    for (ConfigNode entry : list.elements()) {
      rules.add(rule(entry, nodes, links));
    }
    return rules;
  }

  private static RuleSettings rule(
      ConfigNode entry, List<NodeSettings> nodes, List<LinkSettings> links) {
    Fields f = entry.fields(KEYS.toArray(String[]::new));
    String name = f.has("name") ? f.get("name").newName() : null;
    ConfigNode onNode = f.require("on");
    String on = onNode.text().trim();
    String linkName = null;
    boolean aToB = false;
    String nodeName = null;
    int arrow = on.indexOf("->");
    if (arrow >= 0) {
      String from = on.substring(0, arrow).trim();
      String to = on.substring(arrow + 2).trim();
      List<String> candidates = new ArrayList<>();
      for (Map.Entry<LinkSettings, Boolean> direction :
          LinkTable.directions(from, to, links, f.has("link") ? f.get("link").text() : null)) {
        candidates.add(direction.getKey().name());
        linkName = direction.getKey().name();
        aToB = direction.getValue();
      }
      if (candidates.isEmpty()) {
        throw LinkTable.noDirection(onNode, on, links);
      }
      if (candidates.size() > 1) {
        throw onNode.error(
            quote(on)
                + " is ambiguous: links "
                + String.join(", ", candidates)
                + " join these nodes; name one with link:");
      }
      on = from + "->" + to;
    } else {
      nodeName = ConfigBinder.node(onNode, nodes, false).name();
      if (f.has("link")) {
        throw f.get("link").error("link: only goes with a link direction in on: (\"a->b\")");
      }
    }
    Match match = MatchTable.bind(f.get("match"), nodes);
    Selection selection = f.has("select") ? selection(f.get("select")) : Selection.every();
    ConfigNode actionNode = f.require("action");
    String verb = actionNode.text();
    if (!ACTIONS.contains(verb)) {
      throw actionNode.error(ACTIONS.unknownMessage(quote(verb)));
    }
    FaultAction action = ACTIONS.get(verb).make().apply(actionParameters(f));
    long releaseAt = -1;
    if (verb.equals(RELEASE_AT)) {
      releaseAt = f.require("releaseAt").duration();
    } else if (verb.equals(FaultAction.Verb.HOLD.traceName()) && f.has("releaseAt")) {
      releaseAt = f.get("releaseAt").duration();
    }
    for (String key : KEYS) {
      List<String> verbs = new ArrayList<>();
      for (String known : ACTIONS.names()) {
        if (ACTIONS.get(known).takes(key)) {
          verbs.add(known);
        }
      }
      if (!verbs.isEmpty() && f.has(key) && !verbs.contains(verb)) {
        throw f.get(key)
            .error(key + " goes only with action " + String.join(" or ", verbs) + ", not " + verb);
      }
    }
    boolean continues = f.has("continue") && f.get("continue").bool();
    if (continues && verb.equals("drop")) {
      throw f.get("continue").error("a dropped packet cannot continue to the later rules");
    }
    return new RuleSettings(
        name, on, linkName, aToB, nodeName, match, selection, action, releaseAt, continues);
  }

  /** The values of an action's parameter keys, read where the rule gives them. */
  private static FaultAction.Parameters actionParameters(Fields f) {
    return new FaultAction.Parameters() {
      @Override
      public boolean has(String key) {
        return f.has(key);
      }

      @Override
      public long duration(String key) {
        long d = f.require(key).duration();
        if (key.equals("delay") && d == 0) {
          throw f.get(key).error("a delay must be positive");
        }
        return d;
      }

      @Override
      public long integer(String key) {
        return f.require(key).integer(0, 65535 * 8); // a bit of the largest packet
      }
    };
  }

  /** "every", "nth N" or "first K". */
  private static Selection selection(ConfigNode node) {
    String text = node.text().trim().toLowerCase(Locale.ROOT);
    String[] parts = text.split("\\s+");
    try {
      if (parts.length == 1 && parts[0].equals("every")) {
        return Selection.every();
      }
      if (parts.length == 2 && parts[0].equals("nth")) {
        return Selection.nth(Long.parseLong(parts[1]));
      }
      if (parts.length == 2 && parts[0].equals("first")) {
        return Selection.first(Long.parseLong(parts[1]));
      }
    } catch (IllegalArgumentException e) {
      throw node.error(
          "expected every, \"nth N\" or \"first K\" with N, K at least 1; got '"
              + node.text()
              + "'");
    }
    throw node.error("expected every, \"nth N\" or \"first K\"; got " + quote(node.text()));
  }
}
