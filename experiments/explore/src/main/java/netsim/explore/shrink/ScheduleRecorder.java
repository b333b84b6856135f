package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.Jitter;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.link.LossModel;
import netsim.net.link.RedQueue;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import netsim.scenario.config.ChangeSettings;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.run.Experiment;

/**
 * Watches a run and writes down, for every link with random impairments, what each of its
 * directions did to each packet offered to it: dropped it (random or Gilbert-Elliott loss, or a RED
 * queue's early drop), duplicated it, corrupted a bit of it (or of the copy), and how long it took
 * to cross (whose excess over the direction's fixed delay is a delay decision). The result, {@link
 * #schedule()}, replays the run without random streams.
 *
 * <p>Packets are named by class and occurrence ({@link PacketRef}): the n-th packet of its class to
 * reach the direction's impairments, which is the n-th that a rule behind the config's own rules
 * sees.
 */
public final class ScheduleRecorder implements PacketObserver {
  private final ExperimentConfig config;

  /** In config order (link directions and chains are compared by identity). */
  private final Map<LinkDirection, Direction> directions = new LinkedHashMap<>();

  private final Map<FaultChain, Direction> byChain = new HashMap<>();

  /** Each packet's corrupted bit (or -1) when it last arrived at a node, or when it was sent. */
  private final Map<Long, Integer> bitOnArrival = new HashMap<>();

  /** What one link direction did. */
  private static final class Direction {
    final LinkSettings link;
    final boolean aToB;
    final String name;
    final boolean impaired;
    final Map<Long, Offer> offers = new LinkedHashMap<>();
    final Map<Long, Offer> copies = new HashMap<>();
    final Map<Long, Long> transmitted = new HashMap<>();
    final Map<Long, Boolean> ruleTaken = new HashMap<>();
    final Map<PacketClass, Integer> occurrences = new HashMap<>();
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
    int bitBefore;
    boolean dropped;
    boolean duplicated;
    int copyBitBefore = -1;
    int bit = -1;
    int copyBit = -1;
    long delay = -1;
    long copyDelay = -1;
  }

  /** Records {@code experiment}, built from {@code config}; attach before it runs. */
  public ScheduleRecorder(ExperimentConfig config, Experiment experiment) {
    this.config = config;
    for (LinkSettings settings : config.links()) {
      Link link = experiment.links().get(settings.name());
      boolean impaired = impaired(config, settings);
      add(link.aToB(), new Direction(settings, true, settings.directionName(true), impaired));
      add(link.bToA(), new Direction(settings, false, settings.directionName(false), impaired));
    }
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

  // --- What the network reports -----------------------------------------------------------------

  @Override
  public void onSend(long time, Host host, Packet packet) {
    bitOnArrival.put(packet.id(), packet.corruptedBit());
  }

  @Override
  public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
    Direction d = byChain.get(chain);
    if (d != null && d.impaired && !d.offers.containsKey(packet.id())) {
      d.ruleTaken.put(packet.id(), true);
    }
  }

  @Override
  public void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {
    Direction d = directions.get(link);
    Offer offer = offer(d, original, time);
    if (offer == null) {
      d.ruleTakenDecisions++;
      return;
    }
    offer.duplicated = true;
    offer.copyBitBefore = copy.corruptedBit();
    d.copies.put(copy.id(), offer);
  }

  @Override
  public void onEnqueue(long time, LinkDirection link, Packet packet) {
    Direction d = directions.get(link);
    Offer copyOf = d.copies.get(packet.id());
    if (copyOf != null) {
      if (packet.corruptedBit() != copyOf.copyBitBefore) {
        copyOf.copyBit = packet.corruptedBit();
      }
      return;
    }
    Offer offer = offer(d, packet, time);
    if (offer == null) {
      if (packet.corruptedBit() != bitOnArrival.getOrDefault(packet.id(), -1)) {
        d.ruleTakenDecisions++;
      }
    } else if (packet.corruptedBit() != offer.bitBefore) {
      offer.bit = packet.corruptedBit();
    }
  }

  @Override
  public void onDrop(long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
    if (link == null) {
      return;
    }
    Direction d = directions.get(link);
    if (d.copies.containsKey(packet.id())) {
      if (cause == DropCause.DOWN) {
        crossed(d, packet, time);
      }
      return;
    }
    switch (cause) {
      case LOSS, BURST -> lost(d, packet, time);
      // RED drops at random as packets arrive; CoDel's drops follow from the queue's delay.
      case AQM -> {
        if (link.config().queue() instanceof RedQueue.Spec) {
          lost(d, packet, time);
        } else {
          offer(d, packet, time);
        }
      }
      case QUEUE -> offer(d, packet, time); // it reached the impairments
      case DOWN -> crossed(d, packet, time); // lost on the wire: it would have arrived now
      default -> {
        // a rule's drop, or a drop at the receiving node: no decision of this direction
      }
    }
  }

  private void lost(Direction d, Packet packet, long time) {
    Offer offer = offer(d, packet, time);
    if (offer == null) {
      d.ruleTakenDecisions++;
    } else {
      offer.dropped = true;
    }
  }

  @Override
  public void onTransmit(long time, LinkDirection link, Packet packet) {
    directions.get(link).transmitted.put(packet.id(), time);
  }

  @Override
  public void onDeliver(long time, LinkDirection link, Packet packet) {
    bitOnArrival.put(packet.id(), packet.corruptedBit());
    crossed(directions.get(link), packet, time);
  }

  /** The packet reached the far end (or would have) at {@code time}: its delay was time - sent. */
  private void crossed(Direction d, Packet packet, long time) {
    Long sent = d.transmitted.remove(packet.id());
    if (sent == null) {
      return;
    }
    long delay = time - sent;
    Offer copyOf = d.copies.get(packet.id());
    if (copyOf != null) {
      copyOf.copyDelay = delay;
      return;
    }
    Offer offer = d.offers.get(packet.id());
    if (offer != null) {
      offer.delay = delay;
    } else if (d.ruleTaken.containsKey(packet.id())) {
      d.ruleTakenDelays.add(delay);
    }
  }

  /**
   * The record of {@code packet}'s offer to {@code d}, made on first sight; null for a packet that
   * a rule of the config took (its decisions cannot be replayed) or a direction without random
   * impairments.
   */
  private Offer offer(Direction d, Packet packet, long time) {
    Offer offer = d.offers.get(packet.id());
    if (offer != null || !d.impaired || d.ruleTaken.containsKey(packet.id())) {
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
    offer.bitBefore = bitOnArrival.getOrDefault(packet.id(), -1);
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
      if (o.delay > 0) {
        decisions.add(Decision.delay(o.ref, o.delay, o.time));
      }
      if (o.duplicated && o.copyBit >= 0) {
        decisions.add(Decision.corrupt(copy, o.copyBit, o.time));
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
