package netsim.net.fault;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import netsim.core.Labelled;
import netsim.core.Simulator;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import netsim.net.packet.PacketIds;
import org.jspecify.annotations.Nullable;

/**
 * An ordered chain of targeted fault rules at one place in the network (a link direction or a
 * node). Each packet passing that place is offered to the rules in order; the first rule whose
 * match and selection take it decides what happens to it, and a packet no rule takes passes
 * unchanged.
 *
 * <p>The chain continues a packet by calling {@code next}: at once, later, never, or twice. A
 * continuing rule ({@link FaultRule#continues()}) hands the packet (and its copy) to the rules
 * after it instead, which may act on it again. Delayed packets continue in a labelled simulator
 * event ({@code fault/<chain>/<rule>/delay}). Held packets wait in the chain in arrival order until
 * {@link FaultRule#release()} or {@link #releaseAll()}; a packet still held when the simulation
 * ends was neither delivered nor dropped: {@link #held()} counts it, and no drop is reported for
 * it.
 *
 * <p>A chain without rules costs its owner one {@link #isEmpty()} check per packet. It needs no
 * network: a simulator for delays, the packet ids a {@code duplicate} copy takes, and a listener
 * told of each rule that takes a packet.
 */
public final class FaultChain {
  private static final FaultRule[] NO_RULES = new FaultRule[0];

  private final Simulator simulator;
  private final PacketIds ids;
  private final RuleListener listener;
  private final String name;
  private FaultRule[] rules = NO_RULES;

  /** Held packets of all rules, in arrival order. */
  private final List<Held> held = new ArrayList<>();

  /**
   * @param simulator where delayed and held packets wait
   * @param ids the network's packet ids, for the copies {@code duplicate} rules make
   * @param name where the chain sits, for traces and event labels, e.g. "link/client->server"
   * @param listener told of each packet a rule takes
   */
  public FaultChain(Simulator simulator, PacketIds ids, String name, RuleListener listener) {
    this.simulator = checkNotNull(simulator, "simulator");
    this.ids = checkNotNull(ids, "ids");
    checkArgument(name != null && !name.isEmpty(), "a fault chain needs a name");
    this.name = name;
    this.listener = checkNotNull(listener, "listener");
  }

  public String name() {
    return name;
  }

  /** Whether the chain has any rule; its owner skips it entirely when it has none. */
  public boolean isEmpty() {
    return rules.length == 0;
  }

  /** Appends a rule: it sees only the packets that every earlier rule passed. */
  public FaultChain add(FaultRule rule) {
    checkNotNull(rule, "rule");
    rule.attach(this, rules.length + 1);
    rules = Arrays.copyOf(rules, rules.length + 1);
    rules[rules.length - 1] = rule;
    return this;
  }

  /** The rules in order. */
  public List<FaultRule> rules() {
    return Collections.unmodifiableList(Arrays.asList(rules));
  }

  /**
   * Applies the rules to {@code packet}.
   *
   * @param next continues the packet's way through the network (called once for a packet that
   *     passes)
   * @param drops where a dropped packet is reported, with {@link DropCause#RULE}
   */
  public void apply(Packet packet, Consumer<Packet> next, DropSink drops) {
    applyFrom(0, packet, next, drops);
  }

  /** Applies the rules from position {@code first} (0-based) on. */
  private void applyFrom(int first, Packet packet, Consumer<Packet> next, DropSink drops) {
    long now = simulator.now();
    for (int i = first; i < rules.length; i++) {
      FaultRule rule = rules[i];
      if (rule.takes(packet, now)) {
        listener.ruleTook(this, rule, packet);
        int after = i + 1;
        Consumer<Packet> then = rule.continues() ? p -> applyFrom(after, p, next, drops) : next;
        perform(rule, packet, then, drops, now);
        return;
      }
    }
    next.accept(packet);
  }

  private void perform(
      FaultRule rule, Packet packet, Consumer<Packet> next, DropSink drops, long now) {
    FaultAction action = rule.action();
    if (action instanceof FaultAction.Drop) {
      drops.drop(packet, DropCause.RULE);
    } else if (action instanceof FaultAction.Delay delay) {
      simulator.schedule(delay.nanos(), new Continue(packet, next, rule.eventLabel()));
    } else if (action instanceof FaultAction.DelayArrival late) {
      packet.delayArrival(late.nanos());
      next.accept(packet);
    } else if (action instanceof FaultAction.HoldUntil until) {
      if (until.time() <= now) {
        next.accept(packet);
      } else {
        simulator.scheduleAt(until.time(), new Continue(packet, next, rule.eventLabel()));
      }
    } else if (action instanceof FaultAction.Hold) {
      held.add(new Held(rule, packet, next));
    } else if (action instanceof FaultAction.Duplicate) {
      Packet copy = packet.duplicate(ids.next());
      next.accept(packet);
      next.accept(copy);
    } else if (action instanceof FaultAction.Corrupt corrupt) {
      packet.corrupt(corrupt.bitIn(packet));
      next.accept(packet);
    } else if (action instanceof FaultAction.Mark) {
      packet.markCongestion();
      next.accept(packet);
    } else {
      throw new IllegalStateException("unknown fault action " + action);
    }
  }

  /** A delayed packet continuing its way. */
  private static final class Continue implements Runnable, Labelled {
    private final Packet packet;
    private final Consumer<Packet> next;
    private final String label;

    Continue(Packet packet, Consumer<Packet> next, String label) {
      this.packet = packet;
      this.next = next;
      this.label = label;
    }

    @Override
    public void run() {
      next.accept(packet);
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** A packet held by a rule, with the way it will continue. */
  private record Held(FaultRule rule, Packet packet, Consumer<Packet> next) {}

  /**
   * Continues every held packet, of all rules, at once and in the order they arrived.
   *
   * @return how many were released
   */
  public int releaseAll() {
    return release(null);
  }

  /** Releases the packets held by {@code rule}, or by every rule when it is null. */
  int release(@Nullable FaultRule rule) {
    List<Held> released = new ArrayList<>();
    List<Held> kept = new ArrayList<>();
    for (Held h : held) {
      if (rule == null || h.rule() == rule) {
        released.add(h);
      } else {
        kept.add(h);
      }
    }
    held.clear();
    held.addAll(kept);
    // Continued only after the bookkeeping, so that a packet held again on its way is kept.
    for (Held h : released) {
      h.next().accept(h.packet());
    }
    return released.size();
  }

  /** The packets held now, by all rules. */
  public int held() {
    return held.size();
  }

  int heldBy(FaultRule rule) {
    int count = 0;
    for (Held h : held) {
      if (h.rule() == rule) {
        count++;
      }
    }
    return count;
  }

  /** One line per rule with its counters, for run summaries. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>(rules.length);
    for (FaultRule rule : rules) {
      lines.add(name + " " + rule.summary());
    }
    return lines;
  }

  @Override
  public String toString() {
    return name;
  }
}
