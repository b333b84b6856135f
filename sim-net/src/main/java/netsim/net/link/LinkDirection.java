package netsim.net.link;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import netsim.core.Labelled;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.core.Timer;
import netsim.net.fault.FaultChain;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import netsim.net.packet.PacketIds;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * One direction of a link, from one node's interface to another's. A packet offered to it passes,
 * in this order: the up/down check; the targeted fault rules; random loss; duplication; corruption;
 * the queue; serialization at the bandwidth; propagation delay with jitter (or none, for a packet
 * picked by netem-style reordering), plus any arrival delay a rule gave the packet ({@link
 * Packet#delayArrival}); and arrival at the far interface, unless the direction went down
 * meanwhile.
 *
 * <p>Packets on the wire that arrive in the order sent share one reused arrival action and wait in
 * a {@link WireFifo}; only a packet that overtakes another (reordering, jitter that may reorder, a
 * shorter delay after a reconfiguration) or, in a tie-shuffled simulator, one that arrives at the
 * same time as the packet before it, gets an arrival action of its own. Either way each packet's
 * arrival is one event scheduled as it leaves the transmitter, so the order of events is the same.
 *
 * <p>Every random decision draws from a stream of this direction's own, named {@code
 * link/<link>/<from>-><to>/<purpose>}, so impairments on one direction never shift the draws of
 * another, and enabling one impairment never shifts the draws of another.
 *
 * <p>A direction knows no network: it delivers to an {@link Arrival}, reports packet events to its
 * {@link LinkEvents} and random decisions to its {@link LinkDecisions}.
 */
public final class LinkDirection {
  private final Simulator simulator;
  private final RandomStreams streams;
  private final PacketIds ids;
  private final LinkEvents events;
  private final LinkDecisions decisions;
  private final int id;
  private final String name;
  private final Arrival to;
  private final String streamPrefix;
  private final String arrivalLabel;
  private final FaultChain faults;
  private final LinkCounters counters = new LinkCounters();
  private final Consumer<Packet> afterFaults = this::impair;
  private final DropSink dropSink = this::drop;
  private final Timer transmitter;

  @SuppressWarnings("UnnecessaryLambda") // one supplier for every queue discipline it makes
  private final LongSupplier bandwidth = () -> this.config.bandwidth();

  private final WireFifo wire = new WireFifo();
  private final Runnable nextOnWire = new NextOnWire();

  private LinkConfig config;
  private LossModel loss;
  private QueueDiscipline queue;
  private @Nullable UniformRandomProvider lossRandom;
  private @Nullable UniformRandomProvider duplicateRandom;
  private @Nullable UniformRandomProvider corruptRandom;
  private Jitter.@Nullable Sampler jitterSampler;
  private @Nullable UniformRandomProvider reorderRandom;

  private boolean up;

  /** Incremented whenever the direction goes down, so that packets on the wire are lost. */
  private int epoch;

  private @Nullable Packet inTransmission;
  private long lastArrival;
  private int reorderCount;

  /**
   * Made by the network as it connects two nodes.
   *
   * @param streams where the direction's random streams come from
   * @param ids the network's packet ids, for the copies duplication makes
   * @param id see {@link #id()}
   * @param linkName the link's name, part of the random streams' names
   * @param name the direction's name, "from->to" with the nodes' names
   * @param to the interface at the far end
   * @param events where the direction reports packet events (and its fault rules' takes)
   * @param decisions where the direction reports its random decisions
   */
  public LinkDirection(
      Simulator simulator,
      RandomStreams streams,
      PacketIds ids,
      int id,
      String linkName,
      String name,
      Arrival to,
      LinkEvents events,
      LinkDecisions decisions,
      LinkConfig config) {
    this.simulator = checkNotNull(simulator, "simulator");
    this.streams = checkNotNull(streams, "streams");
    this.ids = checkNotNull(ids, "ids");
    this.id = id;
    this.name = checkNotNull(name, "name");
    this.to = checkNotNull(to, "to");
    this.events = checkNotNull(events, "events");
    this.decisions = checkNotNull(decisions, "decisions");
    this.streamPrefix = "link/" + linkName + "/" + name + "/";
    this.arrivalLabel = "link/" + name + "/arrive";
    this.faults = new FaultChain(simulator, ids, "link/" + name, events);
    this.transmitter = new Timer(simulator, "link/" + name + "/transmit", this::transmitted);
    this.config = checkNotNull(config, "config");
    this.loss = config.loss().create();
    this.queue = config.queue().create(stream("queue"), bandwidth);
    this.up = config.up();
  }

  private UniformRandomProvider stream(String purpose) {
    return streams.get(streamPrefix + purpose);
  }

  /**
   * A small, stable number: twice the link's position in the order links were added, plus 0 for its
   * a-to-b direction and 1 for b-to-a.
   */
  public int id() {
    return id;
  }

  /** "client->router". */
  public String name() {
    return name;
  }

  public LinkConfig config() {
    return config;
  }

  public LinkCounters counters() {
    return counters;
  }

  /** The targeted fault rules applied to every packet offered here. */
  public FaultChain faults() {
    return faults;
  }

  public boolean isUp() {
    return up;
  }

  /** Packets waiting in the queue (not counting the one being transmitted). */
  public int queuedPackets() {
    return queue.packets();
  }

  /** Bytes waiting in the queue (not counting the packet being transmitted). */
  public long queuedBytes() {
    return queue.bytes();
  }

  /**
   * Changes the parameters from now on. Packets already on the wire keep their arrival times;
   * queued packets move to the new queue (a smaller one drops the excess); a new loss model starts
   * fresh (a Gilbert-Elliott chain in the good state); a new jitter keeps drawing from the same
   * stream. Changing {@code up} is the same as {@link #setUp(boolean)}.
   */
  public void reconfigure(LinkConfig newConfig) {
    checkNotNull(newConfig, "config");
    LinkConfig old = config;
    config = newConfig;
    if (!newConfig.loss().equals(old.loss())) {
      loss = newConfig.loss().create();
    }
    if (!newConfig.jitter().equals(old.jitter())) {
      jitterSampler = null;
    }
    if (!newConfig.queue().equals(old.queue())) {
      QueueDiscipline previous = queue;
      queue = newConfig.queue().create(stream("queue"), bandwidth);
      // Hand the waiting packets over in order, without the old discipline's drop law (a
      // CoDel dequeue could drop them): flushing passes every packet to the sink.
      List<Packet> waiting = new ArrayList<>(previous.packets());
      previous.flush((packet, cause) -> waiting.add(packet), DropCause.QUEUE);
      for (Packet packet : waiting) {
        enqueue(packet);
      }
    }
    setUp(newConfig.up());
  }

  /**
   * Takes the direction down or brings it back up. Going down drops the queued packets, the one
   * being transmitted and every packet on the wire (cause {@code down}; a packet on the wire is
   * reported at the time it would have arrived); while down, every packet offered is dropped.
   */
  public void setUp(boolean newState) {
    if (up == newState) {
      return;
    }
    up = newState;
    if (!newState) {
      epoch++;
      queue.flush(dropSink, DropCause.DOWN);
      if (inTransmission != null) {
        transmitter.cancel();
        Packet lost = inTransmission;
        inTransmission = null;
        drop(lost, DropCause.DOWN);
      }
      // The transmitter is free and finds the queue empty: the link is idle from now (RED ages
      // its average over the time down).
      queue.dequeue(simulator.now(), dropSink);
    }
    if (config.up() != newState) {
      config = config.toBuilder().up(newState).build();
    }
  }

  /** Offers a packet for transmission; called by the sending interface. */
  public void send(Packet packet) {
    counters.offered++;
    counters.offeredBytes += packet.totalLength();
    if (!up) {
      drop(packet, DropCause.DOWN);
      return;
    }
    if (faults.isEmpty()) {
      impair(packet);
    } else {
      faults.apply(packet, afterFaults, dropSink);
    }
  }

  /** Random loss, duplication and corruption, then the queue. */
  private void impair(Packet packet) {
    if (!up) {
      drop(packet, DropCause.DOWN);
      return;
    }
    if (!(config.loss() instanceof LossModel.None)) {
      if (lossRandom == null) {
        lossRandom = stream("loss");
      }
      DropCause lost = loss.decide(lossRandom);
      if (lost != null) {
        decisions.lost(this, packet, lost);
        drop(packet, lost);
        return;
      }
    }
    Packet copy = null;
    if (config.duplicate() > 0) {
      if (duplicateRandom == null) {
        duplicateRandom = stream("duplicate");
      }
      if (duplicateRandom.nextDouble() < config.duplicate()) {
        copy = packet.duplicate(ids.next());
        counters.duplicated++;
        decisions.duplicated(this, packet, copy);
        events.duplicated(this, packet, copy);
      }
    }
    maybeCorrupt(packet);
    packet.queuedAt(simulator.now());
    enqueue(packet);
    if (copy != null) {
      maybeCorrupt(copy);
      copy.queuedAt(simulator.now());
      enqueue(copy);
    }
  }

  private void maybeCorrupt(Packet packet) {
    if (config.corrupt() > 0) {
      if (corruptRandom == null) {
        corruptRandom = stream("corrupt");
      }
      if (corruptRandom.nextDouble() < config.corrupt()) {
        int bit = corruptRandom.nextInt(8 * packet.totalLength());
        packet.corrupt(bit);
        counters.corrupted++;
        decisions.corrupted(this, packet, bit);
      }
    }
  }

  private void enqueue(Packet packet) {
    DropCause refused = queue.enqueue(packet, simulator.now(), dropSink);
    if (refused != null) {
      if (refused == DropCause.AQM && config.queue().drawsRandom()) {
        decisions.aqmDropped(this, packet);
      }
      drop(packet, refused);
      return;
    }
    if (packet.takeNewMark()) {
      if (config.queue().drawsRandom()) {
        decisions.aqmMarked(this, packet);
      }
      countMark(packet);
    }
    events.enqueued(this, packet);
    if (queue.packets() > counters.queueHighWater) {
      counters.queueHighWater = queue.packets();
    }
    if (queue.bytes() > counters.queueHighWaterBytes) {
      counters.queueHighWaterBytes = queue.bytes();
    }
    if (inTransmission == null) {
      startTransmission();
    }
  }

  private void startTransmission() {
    Packet next = queue.dequeue(simulator.now(), dropSink);
    if (next == null) {
      return;
    }
    if (next.takeNewMark()) {
      countMark(next);
    }
    inTransmission = next;
    events.dequeued(this, next, simulator.now() - next.queuedAt());
    transmitter.schedule(transmissionTime(next.totalLength(), config.bandwidth()));
  }

  /** Counts and reports a Congestion Experienced mark the queue just gave {@code packet}. */
  private void countMark(Packet packet) {
    counters.marked++;
    events.marked(this, packet);
  }

  /** Nanoseconds to put {@code bytes} on a wire of {@code bandwidth} bit/s, rounded up. */
  static long transmissionTime(int bytes, long bandwidth) {
    if (bandwidth == 0) {
      return 0;
    }
    long bits = 8L * bytes;
    return (bits * Time.SECOND + bandwidth - 1) / bandwidth;
  }

  private void transmitted() {
    Packet packet = checkNotNull(inTransmission);
    inTransmission = null;
    events.transmitted(this, packet);
    propagate(packet);
    startTransmission();
  }

  private void propagate(Packet packet) {
    long now = simulator.now();
    long extra = packet.takeArrivalDelay();
    long arrival;
    boolean reordered = isReordered();
    if (reordered) {
      counters.reordered++;
      arrival = Time.after(now, extra);
    } else {
      long delay = config.delay();
      if (!(config.jitter() instanceof Jitter.None)) {
        if (jitterSampler == null) {
          jitterSampler = config.jitter().sampler(stream("jitter"));
        }
        delay = withJitter(delay, jitterSampler.next());
      }
      arrival = Time.after(Time.after(now, delay), extra);
      if (!config.jitterReorders()) {
        arrival = Math.max(arrival, lastArrival);
        lastArrival = arrival;
      }
    }
    decisions.propagated(this, packet, arrival - now, reordered);
    if (wire.takesInOrder(arrival, simulator.runsTiesInOrder())) {
      wire.add(packet, epoch, arrival);
      simulator.scheduleAt(arrival, nextOnWire);
    } else {
      simulator.scheduleAt(arrival, new Landing(packet, epoch));
    }
  }

  /**
   * The fixed delay plus a jitter sample, never below zero; a sum beyond the end of time is an
   * error rather than a wrap to a negative (and so zero) delay.
   */
  private long withJitter(long delay, long jitter) {
    long sum = delay + jitter;
    if (jitter > 0 && sum < delay) {
      throw new IllegalArgumentException(
          name + ": delay " + delay + "ns plus jitter " + jitter + "ns exceeds the end of time");
    }
    return Math.max(0, sum);
  }

  /** netem's reorder: with a gap, only every gap-th packet is a candidate. */
  private boolean isReordered() {
    if (config.reorder() == 0) {
      return false;
    }
    if (config.reorderGap() > 0 && ++reorderCount < config.reorderGap()) {
      return false;
    }
    if (reorderRandom == null) {
      reorderRandom = stream("reorder");
    }
    if (reorderRandom.nextDouble() < config.reorder()) {
      reorderCount = 0;
      return true;
    }
    return false;
  }

  /** A packet reaches the far end, unless the direction went down since it was sent. */
  private void land(Packet packet, int sentInEpoch) {
    if (sentInEpoch != epoch) {
      drop(packet, DropCause.DOWN);
      return;
    }
    counters.delivered++;
    counters.deliveredBytes += packet.totalLength();
    events.delivered(this, packet);
    to.arrive(packet, this);
  }

  /** The arrival of the oldest packet in the {@link WireFifo}; one instance serves them all. */
  private final class NextOnWire implements Runnable, Labelled {
    @Override
    public void run() {
      int sentInEpoch = wire.oldestEpoch();
      land(wire.removeOldest(), sentInEpoch);
    }

    @Override
    public String label() {
      return arrivalLabel;
    }
  }

  /** The arrival of a packet that cannot wait in the {@link WireFifo}. */
  private final class Landing implements Runnable, Labelled {
    private final Packet packet;
    private final int sentInEpoch;

    Landing(Packet packet, int sentInEpoch) {
      this.packet = packet;
      this.sentInEpoch = sentInEpoch;
    }

    @Override
    public void run() {
      land(packet, sentInEpoch);
    }

    @Override
    public String label() {
      return arrivalLabel;
    }
  }

  private void drop(Packet packet, DropCause cause) {
    counters.drop(cause);
    events.dropped(this, packet, cause);
  }

  /** Counts a packet that arrived corrupted and that the receiver discarded. */
  public void countCorruptDiscard() {
    counters.drop(DropCause.CORRUPT);
  }

  @Override
  public String toString() {
    return name;
  }
}
