package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.Jitter;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDecisions;
import netsim.net.link.LinkDirection;
import netsim.net.link.LossModel;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import netsim.scenario.config.ChangeSettings;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.run.Experiment;
import org.jspecify.annotations.Nullable;

/**
 * Writes down, for every link with random impairments, the random decisions each of its directions
 * made, as sim-net reports them where it makes them ({@link LinkDecisions}): a packet lost (random
 * or Gilbert-Elliott loss, or a RED or PIE queue's early drop), duplicated, a bit of it (or of the
 * copy) corrupted, marked Congestion Experienced by a RED or PIE queue, and how long it took to
 * cross (whose excess over the direction's fixed delay is a delay decision). The result, {@link
 * #schedule()}, replays the run without random streams.
 *
 * <p>Packets are named by class and occurrence ({@link PacketRef}): the n-th packet of its class to
 * reach the direction's impairments, which is the n-th that a rule behind the config's own rules
 * sees. To count them it also sees the packets no random draw touched ({@link PacketObserver}: an
 * enqueue, a queue's drop), which packets a rule of the config took (their decisions cannot be
 * replayed), and which packets landed: a delay counts once its packet arrived, or would have
 * arrived on a direction gone down, so a packet still on the wire when the run ends has none.
 */
public final class DecisionRecorder implements LinkDecisions, PacketObserver {
  private final ExperimentConfig config;
  private final Experiment experiment;

  /** In config order; link directions are compared by identity. */
  private final Map<LinkDirection, Direction> directions = new LinkedHashMap<>();

  private final Map<FaultChain, Direction> byChain = new HashMap<>(); // never iterated

  /** What one link direction did; its maps by packet id are looked up only, except offers. */
  private static final class Direction {
    final LinkSettings link;
    final boolean aToB;
    final String name;
    final boolean impaired;
    final Map<Long, Offer> offers = new LinkedHashMap<>();
    final Map<Long, Offer> copies = new HashMap<>();
    final Set<Long> ruleTaken = new HashSet<>();
    final Map<PacketClass, Integer> occurrences = new HashMap<>();

    /** Packets on the wire and their delay, until they land. */
    final Map<Long, Long> onTheWire = new HashMap<>();

    final List<Long> ruleTakenDelays = new ArrayList<>();
    int ruleTakenDecisions;

    Direction(LinkSettings link, boolean aToB, String name, boolean impaired) {
      this.link = link;
      this.aToB = aToB;
      this.name = name;
      this.impaired = impaired;
    }
  }

  /** One packet offered to a direction, and what happened to it and its copy. */
  private static final class Offer {
    PacketRef ref;
    long time;
    boolean dropped;
    boolean duplicated;
    int bit = -1;
    int copyBit = -1;
    boolean marked;
    boolean copyMarked;
    long delay = -1;
    long copyDelay = -1;
  }

  /** Records {@code experiment}, built from {@code config}; attach before it runs. */
  public DecisionRecorder(ExperimentConfig config, Experiment experiment) {
    this.config = config;
    this.experiment = experiment;
    for (LinkSettings settings : config.links()) {
      Link link = experiment.links().get(settings.name());
      boolean impaired = impaired(config, settings);
      add(link.aToB(), new Direction(settings, true, settings.directionName(true), impaired));
      add(link.bToA(), new Direction(settings, false, settings.directionName(false), impaired));
    }
    experiment.observeDecisions(this);
    experiment.observe(this);
  }

  private void add(LinkDirection direction, Direction log) {
    directions.put(direction, log);
    byChain.put(direction.faults(), log);
  }

  /** Whether either direction of {@code link} has a random impairment, now or after a change. */
  static boolean impaired(ExperimentConfig config, LinkSettings link) {
    if (random(link.aToB()) || random(link.bToA())) {
      return true;
    }
    for (ChangeSettings change : config.changes()) {
      if (change.link().equals(link.name()) && random(change.settings())) {
        return true;
      }
    }
    return false;
  }

  private static boolean random(LinkConfig d) {
    return !(d.loss() instanceof LossModel.None)
        || d.duplicate() > 0
        || d.corrupt() > 0
        || !(d.jitter() instanceof Jitter.None)
        || d.reorder() > 0
        || d.queue().drawsRandom();
  }

  // --- The decisions, where sim-net makes them ---------------------------------------------------

  @Override
  public void lost(LinkDirection direction, Packet packet, DropCause cause) {
    lost(directions.get(direction), packet);
  }

  @Override
  public void aqmDropped(LinkDirection direction, Packet packet) {
    Direction d = directions.get(direction);
    if (!d.copies.containsKey(packet.id())) { // a rule cannot drop the copy a link made
      lost(d, packet);
    }
  }

  private void lost(Direction d, Packet packet) {
    Offer offer = offer(d, packet, experiment.now());
    if (offer == null) {
      d.ruleTakenDecisions++;
    } else {
      offer.dropped = true;
    }
  }

  @Override
  public void aqmMarked(LinkDirection direction, Packet packet) {
    Direction d = directions.get(direction);
    Offer copyOf = d.copies.get(packet.id());
    if (copyOf != null) {
      copyOf.copyMarked = true;
      return;
    }
    Offer offer = offer(d, packet, experiment.now());
    if (offer == null) {
      d.ruleTakenDecisions++;
    } else {
      offer.marked = true;
    }
  }

  @Override
  public void duplicated(LinkDirection direction, Packet original, Packet copy) {
    Direction d = directions.get(direction);
    Offer offer = offer(d, original, experiment.now());
    if (offer == null) {
      d.ruleTakenDecisions++; // its copy is a packet of its own from here on
      return;
    }
    offer.duplicated = true;
    d.copies.put(copy.id(), offer);
  }

  @Override
  public void corrupted(LinkDirection direction, Packet packet, int bit) {
    Direction d = directions.get(direction);
    Offer copyOf = d.copies.get(packet.id());
    if (copyOf != null) {
      copyOf.copyBit = bit;
      return;
    }
    Offer offer = offer(d, packet, experiment.now());
    if (offer == null) {
      d.ruleTakenDecisions++;
    } else {
      offer.bit = bit;
    }
  }

  @Override
  public void propagated(LinkDirection direction, Packet packet, long delay, boolean reordered) {
    Direction d = directions.get(direction);
    if (d.impaired) {
      d.onTheWire.put(packet.id(), delay);
    }
  }

  // --- The packets, for their occurrences and landings ------------------------------------------

  @Override
  public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
    Direction d = byChain.get(chain);
    if (d != null && d.impaired && !d.offers.containsKey(packet.id())) {
      d.ruleTaken.add(packet.id());
    }
  }

  @Override
  public void onEnqueue(long time, LinkDirection link, Packet packet) {
    Direction d = directions.get(link);
    if (!d.copies.containsKey(packet.id())) {
      offer(d, packet, time);
    }
  }

  @Override
  public void onDrop(
      long time, Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
    if (link == null) {
      return;
    }
    Direction d = directions.get(link);
    switch (cause) {
      case DOWN -> landed(d, packet); // lost on the wire: it would have arrived now
      case QUEUE, AQM -> {
        if (!d.copies.containsKey(packet.id())) {
          offer(d, packet, time); // it reached the impairments
        }
      }
      default -> {
        // a random loss (reported as a decision), a rule's drop, or a drop at the receiving node
      }
    }
  }

  @Override
  public void onDeliver(long time, LinkDirection link, Packet packet) {
    landed(directions.get(link), packet);
  }

  /** The packet reached the far end (or would have): its delay counts. */
  private static void landed(Direction d, Packet packet) {
    Long delay = d.onTheWire.remove(packet.id());
    if (delay == null) {
      return;
    }
    Offer copyOf = d.copies.get(packet.id());
    if (copyOf != null) {
      copyOf.copyDelay = delay;
      return;
    }
    Offer offer = d.offers.get(packet.id());
    if (offer != null) {
      offer.delay = delay;
    } else if (d.ruleTaken.contains(packet.id())) {
      d.ruleTakenDelays.add(delay);
    }
  }

  /**
   * The record of {@code packet}'s offer to {@code d}, made on first sight; null for a packet that
   * a rule of the config took (its decisions cannot be replayed) or a direction without random
   * impairments.
   */
  private static Offer offer(Direction d, Packet packet, long time) {
    Offer offer = d.offers.get(packet.id());
    if (offer != null || !d.impaired || d.ruleTaken.contains(packet.id())) {
      return offer;
    }
    Payload p = packet.payload();
    PacketClass cls =
        new PacketClass(
            d.link.name(),
            d.aToB,
            d.name,
            packet.senderNode(),
            packet.source().toString(),
            packet.destination().toString(),
            p.sourcePort(),
            p.destinationPort(),
            p.flags(),
            p.dataLength(),
            packet.senderState());
    int occurrence = d.occurrences.merge(cls, 1, Integer::sum);
    offer = new Offer();
    offer.ref = new PacketRef(cls, occurrence, false);
    offer.time = time;
    d.offers.put(packet.id(), offer);
    return offer;
  }

  // --- The schedule -----------------------------------------------------------------------------

  /** The decisions of the run so far, in the order their packets were offered. */
  public FaultSchedule schedule() {
    List<Decision> decisions = new ArrayList<>();
    List<FaultSchedule.Baseline> baselines = new ArrayList<>();
    List<Offer> offers = new ArrayList<>();
    int unreplayable = 0;
    for (Direction d : directions.values()) {
      if (!d.impaired) {
        continue;
      }
      long baseline = baseline(d);
      baselines.add(new FaultSchedule.Baseline(d.link.name(), d.aToB, d.name, baseline));
      unreplayable += d.ruleTakenDecisions;
      for (long delay : d.ruleTakenDelays) {
        if (delay != baseline) {
          unreplayable++;
        }
      }
      for (Offer offer : d.offers.values()) {
        offer.delay = offer.delay < 0 ? 0 : offer.delay - baseline;
        offer.copyDelay = offer.copyDelay < 0 ? 0 : offer.copyDelay - baseline;
        offers.add(offer);
      }
    }
    // Directions in config order; offers in time order, a stable sort keeps ties in that order.
    offers.sort((a, b) -> Long.compare(a.time, b.time));
    for (Offer o : offers) {
      PacketRef copy = new PacketRef(o.ref.packetClass(), o.ref.occurrence(), true);
      if (o.dropped) {
        decisions.add(Decision.drop(o.ref, o.time));
        continue;
      }
      if (o.duplicated) {
        decisions.add(Decision.duplicate(o.ref, o.time));
      }
      if (o.bit >= 0) {
        decisions.add(Decision.corrupt(o.ref, o.bit, o.time));
      }
      if (o.marked) {
        decisions.add(Decision.mark(o.ref, o.time));
      }
      if (o.delay > 0) {
        decisions.add(Decision.delay(o.ref, o.delay, o.time));
      }
      if (o.duplicated && o.copyBit >= 0) {
        decisions.add(Decision.corrupt(copy, o.copyBit, o.time));
      }
      if (o.duplicated && o.copyMarked) {
        decisions.add(Decision.mark(copy, o.time));
      }
      if (o.duplicated && o.copyDelay > 0) {
        decisions.add(Decision.delay(copy, o.copyDelay, o.time));
      }
    }
    return new FaultSchedule(List.copyOf(decisions), List.copyOf(baselines), unreplayable);
  }

  /**
   * The direction's fixed delay in a replay: its shortest configured delay, or the shortest delay a
   * packet took (rounded down to the millisecond, or the microsecond below one ms) if less.
   */
  private long baseline(Direction d) {
    long configured = (d.aToB ? d.link.aToB() : d.link.bToA()).delay();
    for (ChangeSettings change : config.changes()) {
      if (change.link().equals(d.link.name()) && change.aToB() == d.aToB) {
        configured = Math.min(configured, change.settings().delay());
      }
    }
    long shortest = Long.MAX_VALUE;
    for (Offer o : d.offers.values()) {
      if (o.delay >= 0) {
        shortest = Math.min(shortest, o.delay);
      }
      if (o.copyDelay >= 0) {
        shortest = Math.min(shortest, o.copyDelay);
      }
    }
    for (long delay : d.ruleTakenDelays) {
      shortest = Math.min(shortest, delay);
    }
    if (shortest >= configured) {
      return configured;
    }
    long unit =
        shortest >= Time.MILLISECOND
            ? Time.MILLISECOND
            : shortest >= Time.MICROSECOND ? Time.MICROSECOND : 1;
    return shortest / unit * unit;
  }
}
