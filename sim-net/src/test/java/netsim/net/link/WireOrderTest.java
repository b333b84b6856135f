package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netsim.core.Labelled;
import netsim.core.LadderEventQueue;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import netsim.net.packet.PacketIds;
import org.junit.jupiter.api.Test;

/**
 * Packets on the wire that arrive in the order sent share one arrival action and wait in the
 * direction's {@link WireFifo}; the others get an action of their own. These tests pin that every
 * packet still lands at its own arrival time, in time order, that a direction going down still
 * loses exactly the packets on the wire, and that a tie-shuffled simulator still permutes same-time
 * arrivals.
 */
class WireOrderTest {
  private static final String ARRIVAL = "link/a->b/arrive";

  /** One direction a->b driven directly, with every landing and drop logged. */
  private static final class Wire {
    final Simulator sim;
    final LinkDirection direction;
    final TestPackets packets = new TestPackets();
    final List<String> log = new ArrayList<>();
    final List<Runnable> arrivalActions = new ArrayList<>();
    long[] decidedArrival = new long[16];
    long[] landedAt = new long[16];
    final List<Long> landingOrder = new ArrayList<>();

    Wire(Simulator sim, LinkConfig config) {
      this.sim = sim;
      this.direction =
          new LinkDirection(
              sim,
              new RandomStreams(15),
              new PacketIds(),
              0,
              "l",
              "a->b",
              (packet, from) -> landed(packet),
              new Events(),
              new LinkDecisions() {
                @Override
                public void propagated(
                    LinkDirection direction, Packet packet, long delay, boolean reordered) {
                  decide(packet, sim.now() + delay);
                }
              },
              config);
      sim.addListener(
          (time, sequence, action) -> {
            if (Labelled.of(action).equals(ARRIVAL)) {
              arrivalActions.add(action);
            }
          });
    }

    static Wire over(LinkConfig config) {
      return new Wire(new Simulator(), config);
    }

    /** Sends {@code count} packets at {@code time}, in one event. */
    Wire sendAt(long time, int count) {
      sim.scheduleAt(
          time,
          () -> {
            for (int i = 0; i < count; i++) {
              direction.send(packets.of(128));
            }
          });
      return this;
    }

    Wire at(long time, Runnable action) {
      sim.scheduleAt(time, action);
      return this;
    }

    Wire run() {
      sim.run();
      return this;
    }

    private void decide(Packet packet, long arrival) {
      int seq = (int) packet.payload().sequenceNumber();
      if (seq >= decidedArrival.length) {
        decidedArrival = Arrays.copyOf(decidedArrival, 2 * seq);
        landedAt = Arrays.copyOf(landedAt, 2 * seq);
      }
      decidedArrival[seq] = arrival;
    }

    private void landed(Packet packet) {
      long seq = packet.payload().sequenceNumber();
      landedAt[(int) seq] = sim.now();
      landingOrder.add(seq);
      log.add("land " + seq + " at " + sim.now());
    }

    private final class Events implements LinkEvents {
      @Override
      public void enqueued(LinkDirection direction, Packet packet) {}

      @Override
      public void transmitted(LinkDirection direction, Packet packet) {}

      @Override
      public void delivered(LinkDirection direction, Packet packet) {}

      @Override
      public void duplicated(LinkDirection direction, Packet original, Packet copy) {}

      @Override
      public void dropped(LinkDirection direction, Packet packet, DropCause cause) {
        log.add(
            "drop "
                + packet.payload().sequenceNumber()
                + " at "
                + sim.now()
                + " "
                + cause.traceName());
      }

      @Override
      public void ruleTook(FaultChain chain, FaultRule rule, Packet packet) {}
    }
  }

  @Test
  void jitterThatMayReorder_andNetemReorder_landEachPacketAtItsOwnTime_inTimeOrder() {
    LinkConfig overtaking =
        LinkConfig.builder()
            .bandwidth(1_000_000_000L)
            .delay(Time.millis(10))
            .jitter(new Jitter.Uniform(Time.millis(2)))
            .jitterReorders(true)
            .reorder(0.1, 0)
            .build();
    Wire wire = Wire.over(overtaking);
    int count = 1000;
    for (int i = 0; i < count; i++) {
      wire.sendAt(i * Time.micros(100), 1);
    }
    wire.run();

    assertThat(wire.landingOrder).hasSize(count);
    assertThat(wire.landingOrder).doesNotHaveDuplicates();
    assertThat(wire.landingOrder).as("packets overtook one another").isNotEqualTo(sorted(wire));
    long previous = 0;
    for (long seq : wire.landingOrder) {
      int i = (int) seq;
      assertThat(wire.landedAt[i]).as("landing of packet %s", i).isEqualTo(wire.decidedArrival[i]);
      assertThat(wire.landedAt[i]).isGreaterThanOrEqualTo(previous);
      previous = wire.landedAt[i];
    }
    long shared = wire.arrivalActions.stream().filter(a -> a == wire.arrivalActions.get(0)).count();
    assertThat(shared)
        .as("packets that arrived after the one before them shared the one action")
        .isGreaterThan(count / 10)
        .isLessThan(count);
  }

  @Test
  void jitterThatKeepsOrder_landsEveryPacketThroughOneReusedAction() {
    LinkConfig fifoJitter =
        LinkConfig.builder()
            .bandwidth(1_000_000_000L)
            .delay(Time.millis(1))
            .jitter(new Jitter.Normal(Time.micros(100)))
            .build();
    Wire wire = Wire.over(fifoJitter);
    int count = 500;
    for (int i = 0; i < count; i++) {
      wire.sendAt(i * Time.micros(10), 1);
    }
    wire.run();

    assertThat(wire.landingOrder).hasSize(count).isSorted();
    for (int i = 0; i < count; i++) {
      assertThat(wire.landedAt[i]).as("landing of packet %s", i).isEqualTo(wire.decidedArrival[i]);
    }
    assertThat(wire.arrivalActions).hasSize(count);
    assertThat(wire.arrivalActions)
        .allSatisfy(a -> assertThat(a).isSameAs(wire.arrivalActions.get(0)));
  }

  @Test
  void goingDown_losesThePacketsOnTheWireAtTheirArrival_butNotThoseSentAfterComingBackUp() {
    LinkConfig slow = LinkConfig.builder().delay(Time.millis(10)).build();
    Wire wire = Wire.over(slow);
    for (int i = 0; i < 10; i++) {
      wire.sendAt(Time.millis(i), 1);
    }
    wire.at(Time.micros(4500), () -> wire.direction.setUp(false));
    wire.at(Time.micros(5500), () -> wire.direction.setUp(true));
    wire.run();

    assertThat(wire.log)
        .containsExactly(
            "drop 5 at 5000000 down",
            "drop 0 at 10000000 down",
            "drop 1 at 11000000 down",
            "drop 2 at 12000000 down",
            "drop 3 at 13000000 down",
            "drop 4 at 14000000 down",
            "land 6 at 16000000",
            "land 7 at 17000000",
            "land 8 at 18000000",
            "land 9 at 19000000");
  }

  @Test
  void sameTimeArrivals_landInTheOrderSent() {
    Wire wire = Wire.over(LinkConfig.builder().delay(Time.millis(1)).build());
    wire.sendAt(0, 8).run();

    assertThat(wire.landingOrder).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(wire.arrivalActions)
        .allSatisfy(a -> assertThat(a).isSameAs(wire.arrivalActions.get(0)));
  }

  @Test
  void tieShuffledSimulator_stillPermutesSameTimeArrivals() {
    Simulator shuffled =
        Simulator.withTieShuffle(new LadderEventQueue(), new RandomStreams(3).get("ties"));
    Wire wire = new Wire(shuffled, LinkConfig.builder().delay(Time.millis(1)).build());
    wire.sendAt(0, 8).run();

    assertThat(wire.landingOrder).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(wire.landingOrder).as("shuffled, not in the order sent").isNotEqualTo(sorted(wire));
    for (int i = 0; i < 8; i++) {
      assertThat(wire.landedAt[i]).isEqualTo(Time.millis(1));
    }
  }

  private static List<Long> sorted(Wire wire) {
    List<Long> sorted = new ArrayList<>(wire.landingOrder);
    sorted.sort(null);
    return sorted;
  }
}
