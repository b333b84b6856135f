package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

class CoDelQueueTest {
  private static final long MS = Time.MILLISECOND;
  private final TestPackets packets = new TestPackets();
  private final QueueDiscipline queue = CoDelQueue.Spec.of(10_000).create(null, () -> 0);
  private final List<Long> dropTimes = new ArrayList<>();

  private void enqueue(long time, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(queue.enqueue(packets.of(1000), time)).isNull();
    }
  }

  /** Dequeues one packet every millisecond from {@code from} to {@code to} ms, inclusive. */
  private void dequeueEachMillisecond(long from, long to) {
    for (long t = from; t <= to; t++) {
      long now = t * MS;
      queue.dequeue(
          now,
          (packet, cause) -> {
            assertThat(cause).isEqualTo(DropCause.AQM);
            dropTimes.add(now / MS);
          });
    }
  }

  @Test
  void firstDrop_comesOneIntervalAfterTheSojournTimeReachedTarget() {
    // All enqueued at 0 and served one per ms: the packet dequeued at 5 ms waited 5 ms, the
    // target, so CoDel may drop from 105 ms on.
    enqueue(0, 400);
    dequeueEachMillisecond(1, 104);
    assertThat(dropTimes).isEmpty();
    assertThat(queue.packets()).isEqualTo(400 - 104);
    dequeueEachMillisecond(105, 105);
    assertThat(dropTimes).containsExactly(105L);
    // The dropped packet and the one returned in its place.
    assertThat(queue.packets()).isEqualTo(400 - 106);
  }

  @Test
  void whileDropping_theNextDropComesIntervalOverSqrtCountLater() {
    enqueue(0, 400);
    dequeueEachMillisecond(1, 340);
    // 105; 105 + 100/sqrt(1) = 205; 205 + 100/sqrt(2) = 275.7; 275.7 + 100/sqrt(3) = 333.4.
    assertThat(dropTimes).containsExactly(105L, 205L, 276L, 334L);
  }

  @Test
  void reenteringSoonAfter_resumesTheDropRateOfTheLastCycle() {
    enqueue(0, 400);
    dequeueEachMillisecond(1, 340);
    assertThat(dropTimes).containsExactly(105L, 205L, 276L, 334L); // count is now 4
    while (queue.packets() > 0) {
      queue.dequeue(341 * MS, (packet, cause) -> dropTimes.add(341L));
    }
    queue.dequeue(341 * MS, (packet, cause) -> dropTimes.add(341L)); // empty: leaves dropping
    assertThat(dropTimes).as("no drop before 383.4 ms").hasSize(4);
    dropTimes.clear();
    enqueue(500 * MS, 300);
    dequeueEachMillisecond(501, 720);
    // Above target again from 505 ms: the first drop at 605 ms. Less than 16 intervals after
    // the last cycle, count restarts at 4 - 1 = 3 drops, not 1: the next drop comes after
    // 100/sqrt(3) = 57.7 ms (at 662.7), then 100/sqrt(4) = 50 ms later (at 712.7).
    assertThat(dropTimes).containsExactly(605L, 663L, 713L);
  }

  @Test
  void aQueueHoldingAtMostOnePacket_isNeverAboveTarget() {
    // A single packet that waited long (a slow link) is not a standing queue.
    for (int i = 0; i < 300; i++) {
      enqueue(i * 50L * MS, 1);
      assertThat(queue.dequeue((i + 1) * 50L * MS, (packet, cause) -> dropTimes.add(0L)))
          .isNotNull();
    }
    assertThat(dropTimes).isEmpty();
  }

  @Test
  void aPacketAtTheHardLimit_isDroppedAsQueueOverflow() {
    QueueDiscipline small = CoDelQueue.Spec.of(3).create(null, () -> 0);
    for (int i = 0; i < 3; i++) {
      assertThat(small.enqueue(packets.of(100), 0)).isNull();
    }
    assertThat(small.enqueue(packets.of(100), 0)).isEqualTo(DropCause.QUEUE);
    assertThat(small.packets()).isEqualTo(3);
    assertThat(small.bytes()).isEqualTo(300);
  }

  @Test
  void packetsLeaveInFifoOrder_acrossTheRingsGrowth() {
    List<Packet> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Packet packet = packets.of(100);
      sent.add(packet);
      queue.enqueue(packet, 0);
      if (i % 3 == 0) {
        assertThat(queue.dequeue(0, (p, c) -> {})).isSameAs(sent.remove(0));
      }
    }
    while (!sent.isEmpty()) {
      assertThat(queue.dequeue(0, (p, c) -> {})).isSameAs(sent.remove(0));
    }
    assertThat(queue.dequeue(0, (p, c) -> {})).isNull();
  }

  /** Sojourn times (queueing delay) seen in the last 30 s of a minute of a responsive flow. */
  static List<Long> sojournsOfAResponsiveFlow(QueueDiscipline.Spec discipline) {
    return sojournsOfAResponsiveFlow(discipline, false, new long[2]);
  }

  /**
   * As {@link #sojournsOfAResponsiveFlow(QueueDiscipline.Spec)}, with an ECN-capable flow if {@code
   * ecn}; {@code signals} gets the AQM drops (0) and CE marks (1) of the whole minute.
   */
  static List<Long> sojournsOfAResponsiveFlow(
      QueueDiscipline.Spec discipline, boolean ecn, long[] signals) {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(51));
    Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
    Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
    // 10 Mbit/s: a 1000-byte packet takes 0.8 ms.
    LinkConfig bottleneck =
        LinkConfig.builder().bandwidth(10_000_000).delay(Time.millis(10)).queue(discipline).build();
    net.connect(a, b, bottleneck, LinkConfig.ideal());
    net.computeRoutes();
    b.register(TestPayload.PROTOCOL, packet -> {});
    Map<Long, Long> enqueuedAt = new TreeMap<>();
    List<Long> sojourns = new ArrayList<>();
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onEnqueue(long time, LinkDirection link, Packet packet) {
            enqueuedAt.put(packet.id(), time);
          }

          @Override
          public void onTransmit(long time, LinkDirection link, Packet packet) {
            long waited = time - Time.micros(800) - enqueuedAt.remove(packet.id());
            if (time > Time.seconds(30)) {
              sojourns.add(waited);
            }
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            enqueuedAt.remove(packet.id());
            if (cause == DropCause.AQM) {
              signals[0]++;
            }
          }

          @Override
          public void onMark(long time, Node node, LinkDirection link, Packet packet) {
            signals[1]++;
          }
        });
    AimdSource source = new AimdSource(net, a, b, 1000, Time.millis(40), 500, Time.seconds(60));
    if (ecn) {
      source.ecnCapable();
    }
    source.start();
    sim.run();
    Collections.sort(sojourns);
    return sojourns;
  }

  @Test
  void underAResponsiveOverload_codelKeepsTheSojournNearTarget_whereDropTailBloats() {
    List<Long> codel = sojournsOfAResponsiveFlow(CoDelQueue.Spec.of(1000));
    List<Long> dropTail = sojournsOfAResponsiveFlow(new DropTailQueue.Spec(1000, 0));
    assertThat(sojournsOfAResponsiveFlow(CoDelQueue.Spec.of(1000))).isEqualTo(codel);
    // The link stays busy: at 1250 packets/s, more than 80% of 30 s worth were sent.
    assertThat(codel.size()).isGreaterThan((int) (0.8 * 1250 * 30));
    assertThat(percentile(codel, 0.5)).isLessThanOrEqualTo(CoDelQueue.Spec.DEFAULT_TARGET);
    assertThat(percentile(codel, 0.9)).isLessThan(4 * CoDelQueue.Spec.DEFAULT_TARGET);
    // The same flow fills a drop-tail queue of 1000 packets: most packets wait over half a second.
    assertThat(percentile(dropTail, 0.5)).isGreaterThan(Time.millis(500));
  }

  @Test
  void withEcn_anEctPacketDueForADrop_isMarkedAndSent_andTheNextSignalFollowsTheControlLaw() {
    QueueDiscipline marking =
        new CoDelQueue.Spec(Time.millis(5), Time.millis(100), 10_000, true).create(null, () -> 0);
    for (int i = 0; i < 400; i++) {
      marking.enqueue(packets.of(1000, Ecn.ECT_0), 0);
    }
    List<Long> markTimes = new ArrayList<>();
    for (long t = 1; t <= 340; t++) {
      Packet sent =
          marking.dequeue(
              t * MS,
              (packet, cause) -> {
                throw new AssertionError("dropped " + packet);
              });
      if (sent.takeNewMark()) {
        assertThat(sent.ecn()).isEqualTo(Ecn.CE);
        markTimes.add(t);
      }
    }
    // As the drops of whileDropping_theNextDropComesIntervalOverSqrtCountLater, but a mark takes
    // no extra packet out of the queue: one packet per dequeue.
    assertThat(markTimes).containsExactly(105L, 205L, 276L, 334L);
    assertThat(marking.packets()).isEqualTo(400 - 340);
  }

  @Test
  void withEcn_aNotEctPacketDueForADrop_isDropped() {
    QueueDiscipline marking =
        new CoDelQueue.Spec(Time.millis(5), Time.millis(100), 10_000, true).create(null, () -> 0);
    for (int i = 0; i < 400; i++) {
      marking.enqueue(packets.of(1000), 0);
    }
    for (long t = 1; t <= 105; t++) {
      long now = t * MS;
      marking.dequeue(now, (packet, cause) -> dropTimes.add(now / MS));
    }
    assertThat(dropTimes).containsExactly(105L);
  }

  @Test
  void underAResponsiveEcnFlow_codelWithEcnHoldsTheSojournNearTarget_byMarksAlone() {
    long[] signals = new long[2];
    QueueDiscipline.Spec spec =
        new CoDelQueue.Spec(
            CoDelQueue.Spec.DEFAULT_TARGET, CoDelQueue.Spec.DEFAULT_INTERVAL, 1000, true);
    List<Long> marked = sojournsOfAResponsiveFlow(spec, true, signals);
    assertThat(signals[0]).as("AQM drops").isZero();
    assertThat(signals[1]).as("CE marks").isPositive();
    assertThat(marked.size()).isGreaterThan((int) (0.8 * 1250 * 30));
    assertThat(percentile(marked, 0.5)).isLessThanOrEqualTo(CoDelQueue.Spec.DEFAULT_TARGET);
    assertThat(percentile(marked, 0.9)).isLessThan(4 * CoDelQueue.Spec.DEFAULT_TARGET);
  }

  static long percentile(List<Long> sorted, double fraction) {
    return sorted.get((int) (fraction * (sorted.size() - 1)));
  }

  @Test
  void codelByName_readsDurations_andRejectsWhatItDoesNotKnow() {
    assertThat(QueueDiscipline.named("codel", Map.of()))
        .isEqualTo(new CoDelQueue.Spec(Time.millis(5), Time.millis(100), 1000));
    assertThat(
            QueueDiscipline.named(
                "codel", Map.of("target", "2ms", "interval", "50ms", "limit", "300")))
        .isEqualTo(new CoDelQueue.Spec(Time.millis(2), Time.millis(50), 300));
    assertThatThrownBy(() -> QueueDiscipline.named("codel", Map.of("tagret", "2ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown parameter 'tagret' of codel (known: target, interval, limit, ecn)");
    assertThatThrownBy(() -> QueueDiscipline.named("codel", Map.of("target", "5")))
        .hasMessageStartingWith("codel parameter 'target': invalid duration '5'");
    assertThatThrownBy(() -> QueueDiscipline.named("codel", Map.of("limit", "many")))
        .hasMessage("codel parameter 'limit': 'many' is not a whole number");
    assertThatThrownBy(() -> QueueDiscipline.named("fq_codel", Map.of()))
        .hasMessage(
            "unknown queue discipline 'fq_codel' (known: "
                + String.join(", ", QueueDisciplines.DISCIPLINES.names())
                + ")");
    assertThat(QueueDisciplines.DISCIPLINES.names())
        .startsWith("droptail", "red", "codel", "fq-codel", "pie");
    assertThatThrownBy(() -> new CoDelQueue.Spec(0, Time.millis(100), 10))
        .hasMessage("CoDel target must be positive, got 0s");
    assertThat(QueueDiscipline.named("droptail", Map.of("limit", "20")))
        .isEqualTo(new DropTailQueue.Spec(20, 0));
  }
}
