package netsim.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import netsim.core.Labelled;
import netsim.core.Time;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;

/**
 * Changes to a network's links at given virtual times, set up from code before or during a run:
 * reconfigure a direction (a loss rate that rises at t = 5 s), take a link down or bring it back,
 * and cut the network in two and heal it (turmoil's {@code partition} and {@code repair}). Each
 * change is one labelled event on the network's simulator, so it takes its place among same-time
 * events in the order it was scheduled.
 */
public final class LinkSchedule {
  private final Network network;

  public LinkSchedule(Network network) {
    this.network = checkNotNull(network, "network");
  }

  /** Replaces the direction's config at {@code time}; see {@link LinkDirection#reconfigure}. */
  public void reconfigure(LinkDirection direction, long time, LinkConfig config) {
    checkNotNull(direction, "direction");
    checkNotNull(config, "config");
    at(time, "reconfigure " + direction.name(), () -> direction.reconfigure(config));
  }

  /**
   * Changes the direction's config at {@code time}, applying {@code change} to the config it has
   * then, e.g. {@code c -> c.toBuilder().loss(0.1).build()}.
   */
  public void update(LinkDirection direction, long time, UnaryOperator<LinkConfig> change) {
    checkNotNull(direction, "direction");
    checkNotNull(change, "change");
    at(
        time,
        "reconfigure " + direction.name(),
        () -> direction.reconfigure(change.apply(direction.config())));
  }

  /**
   * Takes both directions of {@code link} down at {@code time}; see {@link LinkDirection#setUp}.
   */
  public void down(Link link, long time) {
    checkNotNull(link, "link");
    at(time, "down " + link.name(), () -> link.setUp(false));
  }

  /** Brings both directions of {@code link} up at {@code time}. */
  public void up(Link link, long time) {
    checkNotNull(link, "link");
    at(time, "up " + link.name(), () -> link.setUp(true));
  }

  /**
   * Cuts the network between {@code side} and the other nodes from {@code from} until {@code
   * until}: every link with one end on each side goes down at {@code from} (dropping what is queued
   * and on the wire, and everything sent while down) and comes back up at {@code until}.
   *
   * @return the links cut, in the network's order
   */
  public List<Link> partition(Collection<? extends Node> side, long from, long until) {
    checkArgument(
        from < until,
        "a partition must end after it starts, got %s to %s",
        Time.format(from),
        Time.format(until));
    List<Link> cut = partition(side, from);
    repair(side, until);
    return cut;
  }

  /** Cuts the network between {@code side} and the other nodes at {@code time}, for good. */
  public List<Link> partition(Collection<? extends Node> side, long time) {
    List<Link> cut = crossing(side);
    for (Link link : cut) {
      down(link, time);
    }
    return cut;
  }

  /**
   * Brings back up, at {@code time}, every link with one end in {@code side} and the other outside
   * it (including links taken down by other means).
   */
  public List<Link> repair(Collection<? extends Node> side, long time) {
    List<Link> cut = crossing(side);
    for (Link link : cut) {
      up(link, time);
    }
    return cut;
  }

  /** The links with exactly one end in {@code side}, in the network's order. */
  public List<Link> crossing(Collection<? extends Node> side) {
    checkNotNull(side, "side");
    Set<Node> members = new LinkedHashSet<>(side);
    for (Node node : members) {
      checkArgument(network.nodes().contains(node), "node %s is not in this network", node);
    }
    List<Link> crossing = new ArrayList<>();
    for (Link link : network.links()) {
      boolean a = members.contains(link.aToB().from().node());
      boolean b = members.contains(link.aToB().to().node());
      if (a != b) {
        crossing.add(link);
      }
    }
    return crossing;
  }

  private void at(long time, String what, Runnable change) {
    network.simulator().scheduleAt(time, new Change("link-schedule/" + what, change));
  }

  private record Change(String label, Runnable change) implements Runnable, Labelled {
    @Override
    public void run() {
      change.run();
    }
  }
}
