package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.LongSupplier;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * FQ-CoDel, the Flow Queue CoDel packet scheduler (RFC 8290): packets are hashed by their 5-tuple
 * into {@code flows} queues, each its own {@link CoDelQueue}, served by deficit round robin with a
 * {@code quantum} of bytes; a flow that becomes active starts in the list of new flows, which is
 * served before the old ones, so that a sparse flow (a request, a DNS query, an ACK stream) passes
 * a bulk flow's standing queue.
 *
 * <p>RFC 8290 4.1 (enqueue): the packet joins its flow's queue; a flow not in either list joins the
 * new flows with a deficit of one quantum. When the queue already holds {@code limit} packets, the
 * oldest packet of the flow with the most bytes (counting the arriving packet) is dropped, cause
 * {@link DropCause#QUEUE}; the arriving packet itself only when it would be that oldest packet. RFC
 * 8290 4.2 (dequeue): take the first new flow, else the first old one; a flow whose deficit is used
 * up gets another quantum and goes to the end of the old flows; otherwise CoDel dequeues from it
 * (dropping or, with {@code ecn}, marking as {@link CoDelQueue} does); a flow found empty leaves: a
 * new one for the end of the old flows (so that it cannot starve them by coming back new), an old
 * one for good.
 *
 * <p>The hash is a fixed mix of the addresses, ports and protocol with a perturbation drawn once
 * from the direction's "queue" stream when the queue is made (RFC 8290 4.1.1), so a run is
 * reproducible from its seed. Flow queues are made the first time a flow hashes to them.
 */
public final class FqCoDelQueue implements QueueDiscipline {

  /**
   * What an FQ-CoDel queue is made from (RFC 8290); build one with {@link #builder()}.
   *
   * @param target CoDel's target in each flow (RFC 8290: 5 ms)
   * @param interval CoDel's interval in each flow (RFC 8290: 100 ms)
   * @param limitPackets the most packets held in all flows together (Linux: 10240)
   * @param flows the number of flow queues (RFC 8290: 1024)
   * @param quantum the bytes a flow may send per round (RFC 8290: 1514, an Ethernet frame)
   * @param ecn whether CoDel marks ECN-capable packets instead of dropping them (RFC 8290 5.1.4;
   *     Linux's fq_codel does by default)
   */
  public record Spec(
      long target, long interval, int limitPackets, int flows, int quantum, boolean ecn)
      implements QueueDiscipline.Spec {
    public static final int DEFAULT_LIMIT = 10_240;
    public static final int DEFAULT_FLOWS = 1024;
    public static final int DEFAULT_QUANTUM = 1514;

    public Spec {
      checkArgument(target > 0, "FQ-CoDel target must be positive, got %s", Time.format(target));
      checkArgument(
          interval > 0, "FQ-CoDel interval must be positive, got %s", Time.format(interval));
      checkArgument(
          limitPackets > 0, "FQ-CoDel limit must be at least 1 packet, got %s", limitPackets);
      checkArgument(
          flows > 0 && flows <= 65536, "FQ-CoDel flows must be within 1-65536, got %s", flows);
      checkArgument(quantum > 0, "FQ-CoDel quantum must be positive, got %s", quantum);
    }

    /**
     * A builder holding RFC 8290's defaults (5 ms, 100 ms, 10240 packets, 1024 flows, quantum
     * 1514), dropping.
     */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
      return new Builder()
          .target(target)
          .interval(interval)
          .limitPackets(limitPackets)
          .flows(flows)
          .quantum(quantum)
          .ecn(ecn);
    }

    /** Builds a {@link Spec} by name, one setter per parameter, so that no two can be swapped. */
    public static final class Builder {
      private long target = CoDelQueue.Spec.DEFAULT_TARGET;
      private long interval = CoDelQueue.Spec.DEFAULT_INTERVAL;
      private int limitPackets = DEFAULT_LIMIT;
      private int flows = DEFAULT_FLOWS;
      private int quantum = DEFAULT_QUANTUM;
      private boolean ecn;

      private Builder() {}

      /** CoDel's target in each flow, in nanoseconds. */
      public Builder target(long value) {
        this.target = value;
        return this;
      }

      /** CoDel's interval in each flow, in nanoseconds. */
      public Builder interval(long value) {
        this.interval = value;
        return this;
      }

      /** The most packets held in all flows together. */
      public Builder limitPackets(int value) {
        this.limitPackets = value;
        return this;
      }

      /** The number of flow queues. */
      public Builder flows(int value) {
        this.flows = value;
        return this;
      }

      /** The bytes a flow may send per round. */
      public Builder quantum(int value) {
        this.quantum = value;
        return this;
      }

      /** Marking ECN-capable packets instead of dropping them, or not. */
      public Builder ecn(boolean value) {
        this.ecn = value;
        return this;
      }

      /** The spec; fails as the record does on a value out of range. */
      public Spec build() {
        return new Spec(target, interval, limitPackets, flows, quantum, ecn);
      }
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth) {
      return new FqCoDelQueue(this, checkNotNull(random, "random").nextInt());
    }

    @Override
    public boolean drawsRandom() {
      return false;
    }
  }

  private final Spec spec;
  private final CoDelQueue.Spec flowSpec;
  private final int perturbation;
  private final CoDelQueue[] queues;
  private final int[] deficit;

  /** Whether each flow is in the new list, the old list, or neither. */
  private final byte[] listed;

  private static final byte NONE = 0;
  private static final byte NEW = 1;
  private static final byte OLD = 2;

  private final FlowList newFlows;
  private final FlowList oldFlows;
  private int packets;
  private long bytes;

  /** Where the current dequeue reports drops, which the flows report to {@link #flowDrops}. */
  private DropSink dequeueDrops = (packet, cause) -> {};

  private final DropSink flowDrops = this::flowDropped;

  FqCoDelQueue(Spec spec, int perturbation) {
    this.spec = spec;
    this.flowSpec =
        new CoDelQueue.Spec(spec.target(), spec.interval(), Integer.MAX_VALUE, spec.ecn());
    this.perturbation = perturbation;
    this.queues = new CoDelQueue[spec.flows()];
    this.deficit = new int[spec.flows()];
    this.listed = new byte[spec.flows()];
    this.newFlows = new FlowList(spec.flows());
    this.oldFlows = new FlowList(spec.flows());
  }

  /** The flow queue {@code packet} belongs to (RFC 8290 4.1.1). */
  int flowOf(Packet packet) {
    int h = perturbation;
    h = mix(h ^ packet.source().bits());
    h = mix(h ^ packet.destination().bits());
    h = mix(h ^ (packet.payload().sourcePort() << 16 ^ packet.payload().destinationPort()));
    h = mix(h ^ packet.protocol());
    return Math.floorMod(h, spec.flows());
  }

  /** MurmurHash3's 32-bit finalizer: every input bit changes each output bit half the time. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85eb_ca6b;
    h ^= h >>> 13;
    h *= 0xc2b2_ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    return enqueue(
        packet,
        now,
        (p, cause) -> {
          throw new IllegalStateException(
              "FQ-CoDel drops queued packets when full: offer with enqueue(packet, now, drops)");
        });
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now, DropSink drops) {
    int flow = flowOf(packet);
    if (packets >= spec.limitPackets()) {
      int fattest = fattestFlow();
      long own = bytesOf(flow) + packet.totalLength();
      int victimFlow = fattest >= 0 && bytesOf(fattest) >= own ? fattest : flow;
      if (bytesOf(victimFlow) == 0) {
        return DropCause.QUEUE; // the arriving packet would be the oldest of the fattest flow
      }
      Packet victim = checkNotNull(queues[victimFlow].removeOldest());
      packets--;
      bytes -= victim.totalLength();
      drops.drop(victim, DropCause.QUEUE);
    }
    CoDelQueue queue = queues[flow];
    if (queue == null) {
      queue = new CoDelQueue(flowSpec);
      queues[flow] = queue;
    }
    queue.add(packet, now);
    packets++;
    bytes += packet.totalLength();
    if (listed[flow] == NONE) {
      listed[flow] = NEW;
      newFlows.add(flow);
      deficit[flow] = spec.quantum();
    }
    return null;
  }

  private long bytesOf(int flow) {
    return queues[flow] == null ? 0 : queues[flow].bytes();
  }

  /** The flow holding the most bytes (the first such), or -1 when all are empty. */
  private int fattestFlow() {
    int fattest = -1;
    long most = 0;
    for (int i = 0; i < queues.length; i++) {
      if (queues[i] != null && queues[i].bytes() > most) {
        most = queues[i].bytes();
        fattest = i;
      }
    }
    return fattest;
  }

  @Override
  public @Nullable Packet dequeue(long now, DropSink drops) {
    dequeueDrops = drops;
    while (true) {
      FlowList list = newFlows.isEmpty() ? oldFlows : newFlows;
      if (list.isEmpty()) {
        return null;
      }
      int flow = list.first();
      if (deficit[flow] <= 0) {
        deficit[flow] += spec.quantum();
        list.removeFirst();
        oldFlows.add(flow);
        listed[flow] = OLD;
        continue;
      }
      Packet packet = queues[flow].dequeue(now, flowDrops);
      if (packet == null) {
        list.removeFirst();
        if (list == newFlows) {
          oldFlows.add(flow);
          listed[flow] = OLD;
        } else {
          listed[flow] = NONE;
        }
        continue;
      }
      packets--;
      bytes -= packet.totalLength();
      deficit[flow] -= packet.totalLength();
      return packet;
    }
  }

  private void flowDropped(Packet packet, DropCause cause) {
    packets--;
    bytes -= packet.totalLength();
    dequeueDrops.drop(packet, cause);
  }

  @Override
  public void flush(DropSink drops, DropCause cause) {
    while (!newFlows.isEmpty() || !oldFlows.isEmpty()) {
      FlowList list = newFlows.isEmpty() ? oldFlows : newFlows;
      int flow = list.removeFirst();
      listed[flow] = NONE;
      queues[flow].flush(drops, cause);
    }
    packets = 0;
    bytes = 0;
  }

  @Override
  public int packets() {
    return packets;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  /** A FIFO of flow numbers, each in it at most once: a ring of primitive ints. */
  private static final class FlowList {
    private final int[] flows;
    private int head;
    private int size;

    FlowList(int capacity) {
      flows = new int[capacity];
    }

    boolean isEmpty() {
      return size == 0;
    }

    int first() {
      return flows[head];
    }

    int removeFirst() {
      int flow = flows[head];
      head = (head + 1) % flows.length;
      size--;
      return flow;
    }

    void add(int flow) {
      flows[(head + size) % flows.length] = flow;
      size++;
    }
  }
}
