package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Time;
import netsim.net.Packet;
import netsim.net.packet.DropCause;
import org.junit.jupiter.api.Test;

class RedQueueTest {
  private static final QueueDiscipline.DropSink NO_DROPS =
      (packet, cause) -> {
        throw new AssertionError("RED drops only on arrival, not " + packet);
      };
  private final TestPackets packets = new TestPackets();

  private static RedQueue red(RedQueue.Spec spec) {
    return (RedQueue) spec.create(new RandomStreams(41).get("queue"));
  }

  @Test
  void average_followsTheEwmaOfTheQueueSizeSeenByEachArrival() {
    double w = 0.1;
    RedQueue queue = red(RedQueue.Spec.packets(1000, 2000, 0.1, 5000).withWeight(w));
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
    RedQueue queue =
        red(RedQueue.Spec.packets(1000, 2000, 0.1, 5000).withWeight(w).withIdlePacketTime(s));
    for (int k = 0; k < 20; k++) {
      queue.enqueue(packets.of(100), 0);
    }
    double before = queue.average();
    while (queue.packets() > 0) {
      queue.dequeue(Time.millis(5), NO_DROPS);
    }
    // Idle from 5 ms to 15 ms: ten small-packet times, ten empty samples.
    queue.enqueue(packets.of(100), Time.millis(15));
    assertThat(queue.average()).isCloseTo(before * Math.pow(1 - w, 10), within(1e-9));
  }

  @Test
  void byteMode_averagesTheQueueInBytes() {
    double w = 0.5;
    RedQueue queue = red(RedQueue.Spec.bytes(100_000, 200_000, 0.1, 1_000_000).withWeight(w));
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
    RedQueue.Spec spec = RedQueue.Spec.packets(10, 30, 0.1, 1000).withWeight(1);
    assertThat(dropsAtLevel(red(spec), 9, 10_000)[0]).isZero();
    assertThat(dropsAtLevel(red(spec), 20, 10_000)[0]).isBetween(1, 9_999);
    assertThat(dropsAtLevel(red(spec), 30, 10_000)[0]).isEqualTo(10_000);
    // Gentle: from max to twice max the probability rises from maxP to 1.
    int gentle = dropsAtLevel(red(spec.withGentle(true)), 45, 10_000)[0];
    assertThat(gentle).isBetween(1, 9_999);
    assertThat(dropsAtLevel(red(spec.withGentle(true)), 60, 1000)[0]).isEqualTo(1000);
  }

  @Test
  void gapsBetweenEarlyDrops_areUniformFromOneToOneOverPb() {
    // Held at 20 packets between thresholds 10 and 30 with max p 0.1: pb = 0.05, and Floyd and
    // Jacobson's count makes the number of arrivals from one drop to the next uniform on 1..20.
    RedQueue queue = red(RedQueue.Spec.packets(10, 30, 0.1, 1000).withWeight(1));
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
    RedQueue queue = red(RedQueue.Spec.packets(100, 200, 0.1, 5));
    for (int i = 0; i < 5; i++) {
      assertThat(queue.enqueue(packets.of(100), 0)).isNull();
    }
    assertThat(queue.enqueue(packets.of(100), 0)).isEqualTo(DropCause.QUEUE);
    RedQueue bytes = red(RedQueue.Spec.bytes(100_000, 200_000, 0.1, 1000));
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
            .queue(RedQueue.Spec.packets(20, 60, 0.1, 500))
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
    assertThatThrownBy(() -> RedQueue.Spec.packets(50, 20, 0.1, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RED min threshold must be below the max threshold, got min 50.0 and max 20.0");
    assertThatThrownBy(() -> RedQueue.Spec.packets(5, 20, 1.5, 100))
        .hasMessage("RED max probability must be within (0, 1], got 1.5");
    assertThatThrownBy(() -> RedQueue.Spec.packets(5, 20, 0.1, 100).withWeight(0))
        .hasMessage("RED weight must be within (0, 1], got 0.0");
    assertThatThrownBy(() -> QueueDiscipline.named("red", Map.of("min", "30", "max", "10")))
        .hasMessage("RED min threshold must be below the max threshold, got min 30.0 and max 10.0");
  }

  @Test
  void redByName_readsItsParameters() {
    assertThat(QueueDiscipline.named("red", Map.of("min", "5", "max", "15")))
        .isEqualTo(RedQueue.Spec.packets(5, 15, 0.02, 1000));
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
                    "idle-packet-time",
                    "1.2ms",
                    "max-packet",
                    "9000")))
        .isEqualTo(
            RedQueue.Spec.bytes(3000, 9000, 0.1, 60_000)
                .withWeight(0.01)
                .withGentle(true)
                .withIdlePacketTime(Time.micros(1200))
                .withMaxPacketSize(9000));
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
    RedQueue queue = red(RedQueue.Spec.packets(100, 200, 0.1, 1000));
    Packet first = packets.of(100);
    Packet second = packets.of(200);
    queue.enqueue(first, 0);
    queue.enqueue(second, 0);
    assertThat(queue.dequeue(0, NO_DROPS)).isSameAs(first);
    assertThat(queue.dequeue(0, NO_DROPS)).isSameAs(second);
    assertThat(queue.dequeue(0, NO_DROPS)).isNull();
    assertThat(queue.bytes()).isZero();
  }
}
