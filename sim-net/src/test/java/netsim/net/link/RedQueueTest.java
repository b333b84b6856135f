package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

class RedQueueTest {
  private static final DropSink NO_DROPS =
      (packet, cause) -> {
        throw new AssertionError("RED drops only on arrival, not " + packet);
      };
  private final TestPackets packets = new TestPackets();

  /** 10 Mbit/s: the default mean packet of 500 bytes takes 400 us. */
  private static final long BANDWIDTH = 10_000_000;

  /** Thresholds far above every queue these tests fill: RED only averages, never drops. */
  private static RedQueue.Spec.Builder neverDropping() {
    return RedQueue.Spec.builder().minThreshold(1000).maxThreshold(2000).maxP(0.1).limit(5000);
  }

  /**
   * Thresholds 10 and 30, max_p 0.1, and weight 1: the average is the queue seen by each arrival.
   */
  private static RedQueue.Spec.Builder instantaneous() {
    return RedQueue.Spec.builder().minThreshold(10).maxThreshold(30).maxP(0.1).weight(1);
  }

  private static RedQueue red(RedQueue.Spec spec) {
    return red(spec, BANDWIDTH);
  }

  private static RedQueue red(RedQueue.Spec spec, long bandwidth) {
    return (RedQueue) spec.create(new RandomStreams(41).get("queue"), () -> bandwidth);
  }

  /**
   * A queue offered 20 packets at time 0, all taken by the transmitter at {@code drainedAt}; the
   * last is still on the wire (the transmitter has not yet found the queue empty).
   */
  private RedQueue filledThenDrained(RedQueue.Spec spec, long bandwidth, long drainedAt) {
    RedQueue queue = red(spec, bandwidth);
    for (int k = 0; k < 20; k++) {
      queue.enqueue(packets.of(100), 0);
    }
    while (queue.packets() > 0) {
      queue.dequeue(drainedAt, NO_DROPS);
    }
    return queue;
  }

  @Test
  void average_followsTheEwmaOfTheQueueSizeSeenByEachArrival() {
    double w = 0.1;
    RedQueue queue = red(neverDropping().weight(w).build());
    double expected = 0;
    for (int k = 0; k < 40; k++) {
      expected = (1 - w) * expected + w * k; // the arrival finds k packets waiting
      assertThat(queue.enqueue(packets.of(100), 0)).isNull();
      assertThat(queue.average()).isCloseTo(expected, within(1e-9));
    }
    for (int k = 0; k < 30; k++) {
      queue.dequeue(0, NO_DROPS);
    }
    expected = (1 - w) * expected + w * 10;
    queue.enqueue(packets.of(100), 0);
    assertThat(queue.average()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void average_agesOverAnIdlePeriod_asIfEmptySamplesHadBeenTaken() {
    double w = 0.1;
    long s = Time.millis(1);
    RedQueue queue = red(neverDropping().weight(w).idlePacketTime(s).build());
    for (int k = 0; k < 20; k++) {
      queue.enqueue(packets.of(100), 0);
    }
    double before = queue.average();
    while (queue.packets() > 0) {
      queue.dequeue(Time.millis(4), NO_DROPS);
    }
    // The last packet is on the wire until 5 ms, when the transmitter finds the queue empty.
    assertThat(queue.dequeue(Time.millis(5), NO_DROPS)).isNull();
    // Idle from 5 ms to 15 ms: ten small-packet times, ten empty samples.
    queue.enqueue(packets.of(100), Time.millis(15));
    assertThat(queue.average()).isCloseTo(before * Math.pow(1 - w, 10), within(1e-9));
  }

  @Test
  void idleRule_byDefault_countsTheMeanPacketsTimeAtTheLinksBandwidth() {
    // 500 bytes at 10 Mbit/s: s = 400 us, so 4 ms idle are ten empty samples.
    double w = 0.1;
    RedQueue.Spec spec = neverDropping().weight(w).build();
    RedQueue queue = filledThenDrained(spec, BANDWIDTH, 0);
    double before = queue.average();
    assertThat(queue.idlePacketTime()).isEqualTo(Time.micros(400));
    assertThat(queue.dequeue(Time.millis(1), NO_DROPS)).isNull();
    queue.enqueue(packets.of(100), Time.millis(5));
    assertThat(queue.average()).isCloseTo(before * Math.pow(1 - w, 10), within(1e-12));

    // 1000-byte mean packets at 1 Mbit/s: s = 8 ms; 2 ms idle are a quarter sample.
    RedQueue slow = filledThenDrained(spec.toBuilder().meanPacketSize(1000).build(), 1_000_000, 0);
    assertThat(slow.idlePacketTime()).isEqualTo(Time.millis(8));
    slow.dequeue(0, NO_DROPS);
    slow.enqueue(packets.of(100), Time.millis(2));
    assertThat(slow.average()).isCloseTo(before * Math.pow(1 - w, 0.25), within(1e-12));
  }

  @Test
  void idleRule_aGivenIdlePacketTime_overridesTheLinksBandwidth() {
    double w = 0.1;
    RedQueue.Spec spec = neverDropping().weight(w).idlePacketTime(Time.millis(2)).build();
    RedQueue queue = filledThenDrained(spec, BANDWIDTH, 0);
    double before = queue.average();
    assertThat(queue.idlePacketTime()).isEqualTo(Time.millis(2));
    queue.dequeue(0, NO_DROPS);
    queue.enqueue(packets.of(100), Time.millis(6));
    assertThat(queue.average()).isCloseTo(before * Math.pow(1 - w, 3), within(1e-12));
  }

  @Test
  void idleRule_onAnUnlimitedLink_anyIdleTimeEmptiesTheAverage() {
    RedQueue queue = filledThenDrained(neverDropping().build(), 0, 0);
    assertThat(queue.average()).isPositive();
    assertThat(queue.idlePacketTime()).isZero();
    queue.dequeue(0, NO_DROPS);
    queue.enqueue(packets.of(100), 1);
    assertThat(queue.average()).isZero();
  }

  @Test
  void idleRule_anArrivalTheLinkDrops_agesTheIdleTimeOnce() {
    // Weight 0.5, max 2: the filling leaves 3 packets queued and an average of nearly 3; a
    // quarter of a mean-packet time (100 us) ages it to 2.52, still above max, so the arrival is
    // dropped and the link stays idle. The next arrival, 100 us later, ages only those 100 us.
    double w = 0.5;
    RedQueue.Spec spec =
        RedQueue.Spec.builder()
            .minThreshold(1)
            .maxThreshold(2)
            .maxP(0.1)
            .limit(5000)
            .weight(w)
            .build();
    RedQueue queue = filledThenDrained(spec, BANDWIDTH, 0);
    double before = queue.average();
    assertThat(before).isGreaterThan(2.99);
    queue.dequeue(0, NO_DROPS);
    assertThat(queue.enqueue(packets.of(100), Time.micros(100))).isEqualTo(DropCause.AQM);
    assertThat(queue.average()).isCloseTo(before * Math.pow(w, 0.25), within(1e-12));
    assertThat(queue.enqueue(packets.of(100), Time.micros(200))).isEqualTo(DropCause.AQM);
    assertThat(queue.average()).isCloseTo(before * Math.pow(w, 0.5), within(1e-12));
  }

  @Test
  void idleRule_whileTheLastPacketIsOnTheWire_anArrivalIsAnOrdinaryEmptySample() {
    double w = 0.1;
    RedQueue queue = filledThenDrained(neverDropping().weight(w).build(), BANDWIDTH, 0);
    double before = queue.average();
    // The transmitter has not yet asked again: the link is busy, however long ago it last did.
    queue.enqueue(packets.of(100), Time.millis(100));
    assertThat(queue.average()).isCloseTo((1 - w) * before, within(1e-12));
  }

  @Test
  void idleRule_theIdleTimeStartsWhenTheTransmitterFirstFindsTheQueueEmpty() {
    double w = 0.1;
    RedQueue queue = filledThenDrained(neverDropping().weight(w).build(), BANDWIDTH, 0);
    double before = queue.average();
    queue.dequeue(Time.millis(1), NO_DROPS);
    queue.dequeue(Time.millis(3), NO_DROPS); // asked again while idle (a link going down)
    queue.enqueue(packets.of(100), Time.millis(5));
    assertThat(queue.average()).isCloseTo(before * Math.pow(1 - w, 10), within(1e-12));
  }

  @Test
  void stalledAverage_aboveMax_fallsBelowMaxWithinOneRetransmissionTimeout() {
    // Two flows filled the 50-packet queue, then it drained; the senders wait for their 200 ms
    // RTO. The first retransmission ages the average over 200 ms, 500 mean-packet times, and
    // is not dropped as certain: without idle ageing the average would stay above max.
    RedQueue.Spec spec =
        RedQueue.Spec.builder().minThreshold(5).maxThreshold(15).maxP(0.02).limit(50).build();
    RedQueue queue = red(spec);
    long t = 0;
    while (queue.average() < 20) {
      queue.enqueue(packets.of(1500), t);
      if (queue.packets() >= 50) {
        queue.dequeue(t, NO_DROPS);
      }
      t += Time.micros(10);
    }
    while (queue.packets() > 0) {
      queue.dequeue(t, NO_DROPS);
    }
    queue.dequeue(t, NO_DROPS);
    double before = queue.average();
    queue.enqueue(packets.of(1500), t + Time.millis(200));
    assertThat(queue.average())
        .isCloseTo(before * Math.pow(1 - RedQueue.Spec.DEFAULT_WEIGHT, 500), within(1e-9))
        .isLessThan(15);
  }

  @Test
  void byteMode_averagesTheQueueInBytes() {
    double w = 0.5;
    RedQueue queue =
        red(
            RedQueue.Spec.builder()
                .byteMode(true)
                .minThreshold(100_000)
                .maxThreshold(200_000)
                .maxP(0.1)
                .limit(1_000_000)
                .weight(w)
                .build());
    queue.enqueue(packets.of(1000), 0);
    queue.enqueue(packets.of(500), 0);
    queue.enqueue(packets.of(100), 0);
    // Samples 0, 1000 and 1500 bytes.
    assertThat(queue.average())
        .isCloseTo(((0 * w) * (1 - w) + 1000 * w) * (1 - w) + 1500 * w, within(1e-9));
    assertThat(queue.bytes()).isEqualTo(1600);
  }

  /** Offers {@code arrivals} packets to a queue held at {@code level} packets; counts drops. */
  private int[] dropsAtLevel(RedQueue queue, int level, int arrivals) {
    while (queue.packets() < level) {
      queue.enqueue(packets.of(100), 0);
    }
    int[] gapsSeen = new int[arrivals + 1];
    int drops = 0;
    int sinceDrop = 0;
    for (int i = 0; i < arrivals; i++) {
      sinceDrop++;
      DropCause cause = queue.enqueue(packets.of(100), 0);
      if (cause == null) {
        queue.dequeue(0, NO_DROPS);
      } else {
        assertThat(cause).isEqualTo(DropCause.AQM);
        drops++;
        gapsSeen[sinceDrop]++;
        sinceDrop = 0;
      }
      assertThat(queue.packets()).isEqualTo(level);
    }
    gapsSeen[0] = drops;
    return gapsSeen;
  }

  @Test
  void instantaneousRed_dropsNothingBelowMin_someBetween_everythingAtMax() {
    RedQueue.Spec spec = instantaneous().build();
    assertThat(dropsAtLevel(red(spec), 9, 10_000)[0]).isZero();
    assertThat(dropsAtLevel(red(spec), 20, 10_000)[0]).isBetween(1, 9_999);
    assertThat(dropsAtLevel(red(spec), 30, 10_000)[0]).isEqualTo(10_000);
    // Gentle: from max to twice max the probability rises from maxP to 1.
    int gentle = dropsAtLevel(red(spec.toBuilder().gentle(true).build()), 45, 10_000)[0];
    assertThat(gentle).isBetween(1, 9_999);
    assertThat(dropsAtLevel(red(spec.toBuilder().gentle(true).build()), 60, 1000)[0])
        .isEqualTo(1000);
  }

  @Test
  void gapsBetweenEarlyDrops_areUniformFromOneToOneOverPb() {
    // Held at 20 packets between thresholds 10 and 30 with max p 0.1: pb = 0.05, and Floyd and
    // Jacobson's count makes the number of arrivals from one drop to the next uniform on 1..20.
    RedQueue queue = red(instantaneous().build());
    int[] gaps = dropsAtLevel(queue, 20, 200_000);
    int drops = gaps[0];
    double sum = 0;
    for (int gap = 1; gap < gaps.length; gap++) {
      if (gap > 20) {
        assertThat(gaps[gap]).as("gaps of %s arrivals", gap).isZero();
      }
      sum += (double) gap * gaps[gap];
    }
    for (int gap = 1; gap <= 20; gap++) {
      Theory.assertBinomial("gaps of " + gap, gaps[gap], drops, 1.0 / 20);
    }
    Theory.assertNear("mean gap", sum / drops, 10.5, Math.sqrt((20.0 * 20 - 1) / 12 / drops));
  }

  @Test
  void aPacketPassingRedAtTheHardLimit_isDroppedAsQueueOverflow() {
    RedQueue queue =
        red(RedQueue.Spec.builder().minThreshold(100).maxThreshold(200).maxP(0.1).limit(5).build());
    for (int i = 0; i < 5; i++) {
      assertThat(queue.enqueue(packets.of(100), 0)).isNull();
    }
    assertThat(queue.enqueue(packets.of(100), 0)).isEqualTo(DropCause.QUEUE);
    RedQueue bytes =
        red(
            RedQueue.Spec.builder()
                .byteMode(true)
                .minThreshold(100_000)
                .maxThreshold(200_000)
                .maxP(0.1)
                .limit(1000)
                .build());
    assertThat(bytes.enqueue(packets.of(600), 0)).isNull();
    assertThat(bytes.enqueue(packets.of(401), 0)).isEqualTo(DropCause.QUEUE);
    assertThat(bytes.enqueue(packets.of(400), 0)).isNull();
  }

  @Test
  void onAnOverloadedLink_redDropsEarly_beforeTheQueueFills() {
    // 10 Mbit/s: a 128-byte packet takes 102.4 us; one every 82 us is 1.25 times the rate.
    LinkConfig config =
        LinkConfig.builder()
            .bandwidth(10_000_000)
            .delay(Time.millis(10))
            .queue(
                RedQueue.Spec.builder()
                    .minThreshold(20)
                    .maxThreshold(60)
                    .maxP(0.1)
                    .limit(500)
                    .build())
            .build();
    int n = 40_000;
    LinkRun run = LinkRun.replayed(config, 42, n, Time.micros(82));
    LinkCounters counters = run.counters();
    assertThat(counters.dropped(DropCause.AQM)).isPositive();
    assertThat(counters.dropped(DropCause.QUEUE)).isZero();
    assertThat(counters.queueHighWater()).isLessThan(200);
    assertThat(counters.delivered() + counters.dropped(DropCause.AQM)).isEqualTo(n);
  }

  @Test
  void badRedParameters_areRejectedWithTheirValue() {
    assertThatThrownBy(
            () ->
                RedQueue.Spec.builder()
                    .minThreshold(50)
                    .maxThreshold(20)
                    .maxP(0.1)
                    .limit(100)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RED min threshold must be below the max threshold, got min 50.0 and max 20.0");
    assertThatThrownBy(
            () ->
                RedQueue.Spec.builder()
                    .minThreshold(5)
                    .maxThreshold(20)
                    .maxP(1.5)
                    .limit(100)
                    .build())
        .hasMessage("RED max probability must be within (0, 1], got 1.5");
    assertThatThrownBy(
            () ->
                RedQueue.Spec.builder()
                    .minThreshold(5)
                    .maxThreshold(20)
                    .maxP(0.1)
                    .limit(100)
                    .weight(0)
                    .build())
        .hasMessage("RED weight must be within (0, 1], got 0.0");
    assertThatThrownBy(() -> QueueDiscipline.named("red", Map.of("min", "30", "max", "10")))
        .hasMessage("RED min threshold must be below the max threshold, got min 30.0 and max 10.0");
  }

  @Test
  void builder_givenOnlyTheThresholds_holdsTheDocumentedDefaults() {
    RedQueue.Spec spec = RedQueue.Spec.builder().minThreshold(5).maxThreshold(15).build();
    assertThat(spec)
        .isEqualTo(
            new RedQueue.Spec(false, 5, 15, 0.02, 0.002, false, 1000, 0, 500, 1500, false, false));
    assertThat(spec.toBuilder().build()).isEqualTo(spec);
    assertThat(spec.toBuilder().gentle(true).build().gentle()).isTrue();
  }

  @Test
  void builder_withoutAThreshold_orInByteModeWithoutALimit_fails() {
    assertThatThrownBy(() -> RedQueue.Spec.builder().maxThreshold(15).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RED needs both thresholds, got min NaN and max 15.0");
    assertThatThrownBy(
            () -> RedQueue.Spec.builder().byteMode(true).minThreshold(5).maxThreshold(15).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RED in byte mode needs a limit in bytes");
  }

  @Test
  void redByName_readsItsParameters() {
    assertThat(QueueDiscipline.named("red", Map.of("min", "5", "max", "15")))
        .isEqualTo(RedQueue.Spec.builder().minThreshold(5).maxThreshold(15).build());
    assertThat(
            QueueDiscipline.named(
                "red",
                Map.of(
                    "mode",
                    "bytes",
                    "min",
                    "3000",
                    "max",
                    "9000",
                    "probability",
                    "0.1",
                    "weight",
                    "0.01",
                    "gentle",
                    "true",
                    "limit",
                    "60000",
                    "idlePacketTime",
                    "1.2ms",
                    "meanPacketSize",
                    "1000",
                    "maxPacketSize",
                    "9000")))
        .isEqualTo(
            RedQueue.Spec.builder()
                .byteMode(true)
                .minThreshold(3000)
                .maxThreshold(9000)
                .maxP(0.1)
                .limit(60_000)
                .weight(0.01)
                .gentle(true)
                .idlePacketTime(Time.micros(1200))
                .meanPacketSize(1000)
                .maxPacketSize(9000)
                .build());
    assertThatThrownBy(() -> QueueDiscipline.named("red", Map.of("max", "15")))
        .hasMessage("red needs parameter 'min'");
    assertThatThrownBy(
            () -> QueueDiscipline.named("red", Map.of("mode", "bytes", "min", "1", "max", "2")))
        .hasMessage("red needs parameter 'limit'");
    assertThatThrownBy(
            () -> QueueDiscipline.named("red", Map.of("mode", "bits", "min", "1", "max", "2")))
        .hasMessage("red parameter 'mode': 'bits' is not one of packets, bytes");
  }

  @Test
  void redPacketsLeaveInFifoOrder() {
    RedQueue queue =
        red(
            RedQueue.Spec.builder()
                .minThreshold(100)
                .maxThreshold(200)
                .maxP(0.1)
                .limit(1000)
                .build());
    Packet first = packets.of(100);
    Packet second = packets.of(200);
    queue.enqueue(first, 0);
    queue.enqueue(second, 0);
    assertThat(queue.dequeue(0, NO_DROPS)).isSameAs(first);
    assertThat(queue.dequeue(0, NO_DROPS)).isSameAs(second);
    assertThat(queue.dequeue(0, NO_DROPS)).isNull();
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void aLinkTakenDownWhileSending_isIdle_soRedAgesItsAverageOverTheTimeDown() {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(7));
    Host client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
    Host server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
    List<Long> delivered = new ArrayList<>();
    server.register(TestPayload.PROTOCOL, packet -> delivered.add(sim.now()));
    // Weight 0.01 and max 1.2: a burst of 200 packets at once leaves an average of about 12,
    // far above max, with the link still sending; it goes down, then up a second later.
    RedQueue.Spec red =
        RedQueue.Spec.builder()
            .minThreshold(1)
            .maxThreshold(1.2)
            .maxP(1.0)
            .weight(0.01)
            .limit(1000)
            .build();
    Link link =
        net.connect(
            client,
            server,
            LinkConfig.builder().bandwidth(8_000_000).delay(Time.millis(1)).queue(red).build(),
            LinkConfig.ideal());
    net.computeRoutes();
    for (int i = 0; i < 200; i++) {
      client.send(server.address(), TestPayload.of("burst" + i, 972), null);
    }
    sim.scheduleAt(Time.micros(500), () -> link.aToB().setUp(false));
    sim.scheduleAt(Time.seconds(1), () -> link.aToB().setUp(true));
    sim.scheduleAt(
        Time.seconds(2), () -> client.send(server.address(), TestPayload.of("after", 972), null));
    sim.run();

    // A second down is 2000 mean-packet times (500 us at 8 Mbit/s): the average is near 0, and
    // the packet passes. Had the down link not counted as idle, the average would have been
    // sampled once (12 * 0.99) and the packet dropped as certain.
    assertThat(delivered).containsExactly(Time.seconds(2) + Time.millis(2));
  }

  // --- ECN (RFC 3168 5) and Adaptive RED -------------------------------------------------------

  /**
   * Instantaneous RED (weight 1) from 0 to 2 packets with max_p 1: the first arrival passes, and
   * the second (average 1, pb 0.5, one packet since the last signal) is signalled at random, with
   * certainty by Floyd and Jacobson's count.
   */
  private static final RedQueue.Spec SIGNALS_THE_SECOND =
      RedQueue.Spec.builder()
          .minThreshold(0)
          .maxThreshold(2)
          .maxP(1.0)
          .weight(1.0)
          .limit(100)
          .build();

  /** Instantaneous RED between 1 and 2 packets: the third arrival finds the average at max. */
  private static final RedQueue.Spec CERTAIN_AT_TWO =
      RedQueue.Spec.builder()
          .minThreshold(1)
          .maxThreshold(2)
          .maxP(1.0)
          .weight(1.0)
          .limit(100)
          .build();

  @Test
  void withEcn_anEctPacketRedWouldDropAtRandom_isMarkedCeAndQueued() {
    RedQueue queue = red(SIGNALS_THE_SECOND.toBuilder().ecn(true).build());
    queue.enqueue(packets.of(100, Ecn.ECT_0), 0);
    Packet second = packets.of(100, Ecn.ECT_0);

    assertThat(queue.enqueue(second, 0)).isNull();

    assertThat(second.ecn()).isEqualTo(Ecn.CE);
    assertThat(second.takeNewMark()).isTrue();
    assertThat(queue.packets()).isEqualTo(2);
  }

  @Test
  void withEcn_aNotEctPacket_isStillDropped() {
    RedQueue queue = red(SIGNALS_THE_SECOND.toBuilder().ecn(true).build());
    queue.enqueue(packets.of(100, Ecn.ECT_0), 0);
    Packet plain = packets.of(100);

    assertThat(queue.enqueue(plain, 0)).isEqualTo(DropCause.AQM);

    assertThat(plain.ecn()).isEqualTo(Ecn.NOT_ECT);
    assertThat(plain.takeNewMark()).isFalse();
  }

  @Test
  void withoutEcn_anEctPacket_isDropped() {
    RedQueue queue = red(SIGNALS_THE_SECOND);
    queue.enqueue(packets.of(100, Ecn.ECT_0), 0);
    Packet ect = packets.of(100, Ecn.ECT_0);

    assertThat(queue.enqueue(ect, 0)).isEqualTo(DropCause.AQM);

    assertThat(ect.ecn()).isEqualTo(Ecn.ECT_0);
  }

  @Test
  void withEcn_aCertainDropAtMax_staysADrop() {
    RedQueue queue = red(CERTAIN_AT_TWO.toBuilder().ecn(true).build());
    queue.enqueue(packets.of(100, Ecn.ECT_0), 0);
    queue.enqueue(packets.of(100, Ecn.ECT_0), 0);
    Packet third = packets.of(100, Ecn.ECT_0);

    assertThat(queue.enqueue(third, 0)).isEqualTo(DropCause.AQM);

    assertThat(third.ecn()).isEqualTo(Ecn.ECT_0);
  }

  @Test
  void withEcn_aMarkedPacket_stillCountsAgainstTheHardLimit() {
    RedQueue queue =
        red(
            RedQueue.Spec.builder()
                .minThreshold(0)
                .maxThreshold(2)
                .maxP(1.0)
                .weight(1.0)
                .limit(1)
                .ecn(true)
                .build());
    assertThat(queue.enqueue(packets.of(100, Ecn.ECT_0), 0)).isNull();

    assertThat(queue.enqueue(packets.of(100, Ecn.ECT_0), 0)).isEqualTo(DropCause.QUEUE);
  }

  @Test
  void adaptive_raisesMaxPByAQuarter_whileTheAverageIsAboveItsTargetRange() {
    // Thresholds 5 and 15: the target range is 9 to 11. Twelve packets wait, none leave.
    RedQueue queue =
        red(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .weight(1)
                .adaptive(true)
                .build());
    while (queue.packets() < 12) {
      queue.enqueue(packets.of(100), 0);
    }
    assertThat(queue.maxP()).isEqualTo(0.02);

    queue.enqueue(packets.of(100), Time.millis(499));
    assertThat(queue.maxP()).as("not before 500 ms").isEqualTo(0.02);
    queue.enqueue(packets.of(100), Time.millis(500));
    assertThat(queue.maxP()).isCloseTo(0.02 + 0.005, within(1e-12));
    queue.enqueue(packets.of(100), Time.millis(800));
    assertThat(queue.maxP()).as("once per 500 ms").isCloseTo(0.025, within(1e-12));
    queue.enqueue(packets.of(100), Time.millis(1000));
    assertThat(queue.maxP()).isCloseTo(0.025 + 0.025 / 4, within(1e-12));
  }

  @Test
  void adaptive_lowersMaxPByTheFactorNineTenths_whileTheAverageIsBelowItsTargetRange() {
    RedQueue queue =
        red(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .maxP(0.1)
                .limit(1000)
                .weight(1)
                .adaptive(true)
                .build());
    for (int i = 0; i < 3; i++) {
      queue.enqueue(packets.of(100), 0);
    }

    queue.enqueue(packets.of(100), Time.millis(500)); // average 3, below 9
    assertThat(queue.maxP()).isCloseTo(0.09, within(1e-12));
    queue.enqueue(packets.of(100), Time.millis(1000));
    assertThat(queue.maxP()).isCloseTo(0.081, within(1e-12));
  }

  @Test
  void adaptive_keepsMaxPWithinItsBounds() {
    // At most 0.5 before an increase, at least 0.01 before a decrease.
    RedQueue high =
        red(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .maxP(0.5)
                .limit(1000)
                .weight(1)
                .adaptive(true)
                .build());
    while (high.packets() < 14) {
      high.enqueue(packets.of(100), 0);
    }
    high.enqueue(packets.of(100), Time.millis(500));
    assertThat(high.maxP()).isCloseTo(0.51, within(1e-12));
    high.enqueue(packets.of(100), Time.millis(1000));
    assertThat(high.maxP()).as("above 0.5: no further increase").isCloseTo(0.51, within(1e-12));

    RedQueue low =
        red(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .maxP(0.01)
                .limit(1000)
                .adaptive(true)
                .build());
    low.enqueue(packets.of(100), Time.millis(500));
    assertThat(low.maxP()).isCloseTo(0.009, within(1e-12));
    low.enqueue(packets.of(100), Time.millis(1000));
    assertThat(low.maxP()).as("below 0.01: no further decrease").isCloseTo(0.009, within(1e-12));
  }

  @Test
  void registry_readsEcnAndAdaptive() {
    assertThat(
            QueueDiscipline.named(
                "red", Map.of("min", "5", "max", "15", "ecn", "true", "adaptive", "true")))
        .isEqualTo(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .ecn(true)
                .adaptive(true)
                .build());
    assertThat(QueueDiscipline.named("codel", Map.of("ecn", "true")))
        .isEqualTo(
            new CoDelQueue.Spec(
                CoDelQueue.Spec.DEFAULT_TARGET, CoDelQueue.Spec.DEFAULT_INTERVAL, 1000, true));
  }
}
