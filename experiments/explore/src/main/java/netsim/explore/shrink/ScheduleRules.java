package netsim.explore.shrink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;

/**
 * Turns decisions into targeted fault rules, as config entries: each rule picks out its packet by
 * class ({@link PacketClass#match()}) and number among the packets that reach it ({@code select:
 * nth N}). On each link direction the rules come in three stages, so that several can act on one
 * packet: drops and duplications, then corruptions and ECN marks, then delays ({@code
 * delay-arrival}, which like the link's jitter acts after the queue); a rule lets its packet (and a
 * copy) go on ({@code continue: true}) when a later rule of the same class follows. N counts what
 * the earlier rules did: a drop removes a packet from the count of the later rules of its class, a
 * duplication adds its copy, a delay removes its packet from the later delays' count.
 */
final class ScheduleRules {
  /** The rules, in chain order, with what each replays (for comments). */
  record Compiled(List<ObjectNode> rules, Map<String, Decision> byName) {}

  private ScheduleRules() {}

  static Compiled compile(List<Decision> subset, ExperimentConfig config) {
    List<ObjectNode> rules = new ArrayList<>();
    Map<String, Decision> byName = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    // Directions in the order their first decision appears.
    Map<String, List<Decision>> byDirection = new LinkedHashMap<>();
    for (Decision d : subset) {
      PacketClass c = d.packet().packetClass();
      byDirection.computeIfAbsent(c.link() + "/" + c.aToB(), k -> new ArrayList<>()).add(d);
    }
    for (List<Decision> decisions : byDirection.values()) {
      List<Decision> chain = chainOrder(decisions);
      for (int i = 0; i < chain.size(); i++) {
        Decision d = chain.get(i);
        // Drops and delays end the packet's way through the chain; the others may pass it on.
        boolean continues = false;
        boolean passes =
            d.kind() == Decision.Kind.DUPLICATE
                || d.kind() == Decision.Kind.CORRUPT
                || d.kind() == Decision.Kind.MARK;
        for (int j = i + 1; passes && j < chain.size() && !continues; j++) {
          continues = chain.get(j).packet().packetClass().equals(d.packet().packetClass());
        }
        String name = uniqueName(d, names);
        rules.add(rule(name, d, nth(d, chain, i), continues, config));
        byName.put(name, d);
      }
    }
    return new Compiled(rules, byName);
  }

  /** Stage 1 (drop, duplicate), 2 (corrupt, mark), 3 (delay); within a stage, in packet order. */
  private static List<Decision> chainOrder(List<Decision> decisions) {
    Set<String> duplicated = new HashSet<>();
    for (Decision d : decisions) {
      if (d.kind() == Decision.Kind.DUPLICATE) {
        duplicated.add(key(d.packet()));
      }
    }
    List<Decision> chain = new ArrayList<>();
    for (Decision d : decisions) {
      // A decision about a copy needs the duplication that makes the copy.
      if (!d.packet().copy() || duplicated.contains(key(d.packet()))) {
        chain.add(d);
      }
    }
    // Within a class, time and occurrence agree; a copy comes right after its original.
    chain.sort(
        Comparator.comparingInt(ScheduleRules::stage)
            .thenComparingLong(Decision::time)
            .thenComparingInt(d -> d.packet().occurrence())
            .thenComparingInt(d -> d.packet().copy() ? 1 : 0));
    return chain;
  }

  private static String key(PacketRef ref) {
    return ref.packetClass() + "#" + ref.occurrence();
  }

  private static int stage(Decision d) {
    return switch (d.kind()) {
      case DROP, DUPLICATE -> 1;
      case CORRUPT, MARK -> 2;
      case DELAY -> 3;
    };
  }

  /** The packet's number among the packets of its class that reach the rule at {@code index}. */
  private static long nth(Decision d, List<Decision> chain, int index) {
    PacketClass cls = d.packet().packetClass();
    int occurrence = d.packet().occurrence();
    long n = (long) occurrence + (d.packet().copy() ? 1 : 0);
    for (Decision other : chain) {
      if (other.packet().packetClass().equals(cls) && other.packet().occurrence() < occurrence) {
        if (other.kind() == Decision.Kind.DROP) {
          n--;
        } else if (other.kind() == Decision.Kind.DUPLICATE) {
          n++;
        }
      }
    }
    if (d.kind() == Decision.Kind.DELAY) {
      for (int i = 0; i < index; i++) {
        Decision earlier = chain.get(i);
        if (earlier.kind() == Decision.Kind.DELAY && earlier.packet().packetClass().equals(cls)) {
          n--;
        }
      }
    }
    return n;
  }

  private static String uniqueName(Decision d, Set<String> names) {
    PacketRef p = d.packet();
    String base =
        p.packetClass().flagWord()
            + "-"
            + p.packetClass().srcPort()
            + "-"
            + p.occurrence()
            + (p.copy() ? "-copy" : "")
            + "-"
            + d.kind().verb();
    String name = base;
    for (int i = 2; !names.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static ObjectNode rule(
      String name, Decision d, long nth, boolean continues, ExperimentConfig config) {
    PacketClass c = d.packet().packetClass();
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("name", name);
    rule.put("on", c.direction());
    if (ambiguous(c.link(), config)) {
      rule.put("link", c.link());
    }
    rule.set("match", c.match());
    rule.put("select", "nth " + nth);
    if (d.kind() == Decision.Kind.DELAY) {
      // After the queue, as the link's jitter was: the queue and serialization stay as they were.
      rule.put("action", "delay-arrival");
      rule.put("delay", Time.format(d.delay()));
    } else if (d.kind() == Decision.Kind.CORRUPT) {
      rule.put("action", "corrupt");
      rule.put("bit", d.bit());
    } else {
      rule.put("action", d.kind().verb());
    }
    if (continues) {
      rule.put("continue", true);
    }
    return rule;
  }

  /** Whether another link joins the same two nodes, so that a rule must name its link. */
  private static boolean ambiguous(String linkName, ExperimentConfig config) {
    LinkSettings link = null;
    for (LinkSettings l : config.links()) {
      if (l.name().equals(linkName)) {
        link = l;
      }
    }
    int joining = 0;
    for (LinkSettings l : config.links()) {
      if ((l.a().equals(link.a()) && l.b().equals(link.b()))
          || (l.a().equals(link.b()) && l.b().equals(link.a()))) {
        joining++;
      }
    }
    return joining > 1;
  }
}
