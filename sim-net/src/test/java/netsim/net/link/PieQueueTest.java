package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Ecn;
import org.junit.jupiter.api.Test;

class PieQueueTest {
  private static final long MS = Time.MILLISECOND;
  private static final DropSink NO_DROPS =
      (packet, cause) -> {
        throw new AssertionError("PIE drops only on arrival, not " + packet);
      };
  private final TestPackets packets = new TestPackets();

  private static PieQueue pie(PieQueue.Spec spec) {
    return (PieQueue) spec.create(new RandomStreams(3).get("queue"), () -> 0);
  }

  @Test
  void theUpdate_addsAlphaTimesTheDistanceFromTargetAndBetaTimesTheChange_scaledWhenSmall() {
    PieQueue queue = pie(PieQueue.Spec.builder().build());
    queue.enqueue(packets.of(1000), 0);
    assertThat(queue.dequeue(30 * MS, NO_DROPS)).isNotNull(); // waited 30 ms
    assertThat(queue.dropProbability()).as("the ticks at 15 and 30 ms saw a calm queue").isZero();

    queue.dequeue(45 * MS, NO_DROPS); // the tick at 45 ms: qdelay 30 ms, qdelay_old 0
    // p = 0.125 (0.030 - 0.015) + 1.25 (0.030 - 0), divided by 2048 below a probability of 1e-6.
    assertThat(queue.dropProbability()).isCloseTo((0.001875 + 0.0375) / 2048, within(1e-15));

    queue.dequeue(60 * MS, NO_DROPS); // qdelay 0 (found empty), qdelay_old 30 ms: back to 0
    assertThat(queue.dropProbability()).isZero();
  }

  /** An unresponsive flow at twice the link's rate for 3 s: what PIE did with it. */
  private record Overload(
      int earlyDropsInFirst150ms, List<Long> lastSecondSojourns, double lastSecondDropFraction) {}

  private Overload overload(PieQueue.Spec spec, Ecn ecn) {
    PieQueue queue = pie(spec);
    java.util.ArrayDeque<Long> times = new java.util.ArrayDeque<>();
    int early = 0;
    int offeredLast = 0;
    int droppedLast = 0;
    List<Long> sojourns = new ArrayList<>();
    // 1000-byte packets arrive every 0.4 ms (20 Mbit/s); the link sends one per 0.8 ms.
    for (long t = 0; t <= Time.seconds(3); t += Time.micros(400)) {
      DropCause cause = queue.enqueue(packets.of(1000, ecn), t);
      if (cause == null) {
        times.add(t);
      } else if (cause == DropCause.AQM && t < 150 * MS) {
        early++;
      }
      if (t > Time.seconds(2)) {
        offeredLast++;
        if (cause != null) {
          droppedLast++;
        }
      }
      if (t % Time.micros(800) == 0 && queue.dequeue(t, NO_DROPS) != null) {
        long waited = t - times.remove();
        if (t > Time.seconds(2)) {
          sojourns.add(waited);
        }
      }
    }
    Collections.sort(sojourns);
    return new Overload(early, sojourns, (double) droppedLast / offeredLast);
  }

  @Test
  void underAnUnresponsiveOverload_pieLetsTheFirstBurstIn_thenHoldsTheDelayNearTarget() {
    Overload o = overload(PieQueue.Spec.builder().build(), Ecn.NOT_ECT);
    assertThat(o.earlyDropsInFirst150ms()).as("burst allowance").isZero();
    long median = o.lastSecondSojourns().get(o.lastSecondSojourns().size() / 2);
    assertThat(median).isBetween(5 * MS, 30 * MS);
    // Half the packets must go for the link to keep up.
    assertThat(o.lastSecondDropFraction()).isCloseTo(0.5, within(0.05));
    assertThat(overload(PieQueue.Spec.builder().build(), Ecn.NOT_ECT))
        .as("repeatable")
        .isEqualTo(o);
  }

  @Test
  void withEcn_aboveTenPercent_pieDropsEvenEctPackets() {
    PieQueue.Spec ecn = PieQueue.Spec.builder().ecn(true).build();
    // The overload needs a probability near 0.5: marks alone (which let packets in) cannot hold
    // it, so PIE drops (RFC 8033 5.1) and the delay stays near target as without ECN.
    Overload o = overload(ecn, Ecn.ECT_0);
    assertThat(o.lastSecondDropFraction()).isCloseTo(0.5, within(0.05));
  }

  @Test
  void underAResponsiveEcnFlow_pieMarksInsteadOfDropping_nearItsTarget() {
    PieQueue.Spec spec = PieQueue.Spec.builder().ecn(true).build();
    long[] signals = new long[2];
    List<Long> sojourns = CoDelQueueTest.sojournsOfAResponsiveFlow(spec, true, signals);
    // Marks while the probability is at most 10%; above it (the start's overshoot) PIE drops.
    assertThat(signals[1]).as("CE marks").isPositive();
    assertThat(signals[0]).as("AQM drops").isLessThanOrEqualTo(signals[1] / 10);
    assertThat(sojourns.size()).isGreaterThan((int) (0.7 * 1250 * 30));
    assertThat(CoDelQueueTest.percentile(sojourns, 0.5))
        .isLessThan(2 * PieQueue.Spec.DEFAULT_TARGET);
  }

  @Test
  void underAResponsiveFlow_pieHoldsTheDelayNearTarget() {
    List<Long> pie = CoDelQueueTest.sojournsOfAResponsiveFlow(PieQueue.Spec.builder().build());
    // One Reno-like flow with a 40 ms round trip over a 15 ms target: the queue cannot cover the
    // halving, so the link is busy about three quarters of the time (CoDel's 5 ms target with its
    // 100 ms interval drops less often).
    assertThat(pie.size()).isGreaterThan((int) (0.7 * 1250 * 30));
    assertThat(CoDelQueueTest.percentile(pie, 0.5)).isLessThan(2 * PieQueue.Spec.DEFAULT_TARGET);
    assertThat(CoDelQueueTest.percentile(pie, 0.9)).isLessThan(4 * PieQueue.Spec.DEFAULT_TARGET);
  }

  @Test
  void atTheHardLimit_anArrivalIsDroppedAsQueue() {
    PieQueue queue = pie(PieQueue.Spec.builder().limitPackets(2).build());
    assertThat(queue.enqueue(packets.of(100), 0)).isNull();
    assertThat(queue.enqueue(packets.of(100), 0)).isNull();
    assertThat(queue.enqueue(packets.of(100), 0)).isEqualTo(DropCause.QUEUE);
    assertThat(queue.packets()).isEqualTo(2);
    assertThat(queue.bytes()).isEqualTo(200);
  }

  @Test
  void pieByName_readsItsParameters() {
    assertThat(QueueDiscipline.named("pie", Map.of())).isEqualTo(PieQueue.Spec.builder().build());
    assertThat(
            QueueDiscipline.named(
                "pie",
                Map.of(
                    "target", "20ms",
                    "updateInterval", "30ms",
                    "alpha", "0.25",
                    "beta", "2.5",
                    "maxBurst", "0",
                    "ecn", "true",
                    "limit", "50")))
        .isEqualTo(
            PieQueue.Spec.builder()
                .target(20 * MS)
                .updateInterval(30 * MS)
                .alpha(0.25)
                .beta(2.5)
                .maxBurst(0)
                .limitPackets(50)
                .ecn(true)
                .build());
    assertThatThrownBy(() -> QueueDiscipline.named("pie", Map.of("target", "0ms")))
        .hasMessage("PIE target must be positive, got 0s");
  }
}
