package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Ecn;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

class FqCoDelQueueTest {
  private static final long MS = Time.MILLISECOND;
  private static final DropSink NO_DROPS =
      (packet, cause) -> {
        throw new AssertionError("dropped " + packet + " for " + cause);
      };
  private static final int BULK = 1000;
  private static final int SPARSE = 1001;
  private final TestPackets packets = new TestPackets();

  private static FqCoDelQueue fqCodel(FqCoDelQueue.Spec spec) {
    return (FqCoDelQueue) spec.create(new RandomStreams(5).get("queue"), () -> 0);
  }

  /** The default spec with another limit. */
  private static FqCoDelQueue.Spec limit(int packets) {
    return FqCoDelQueue.Spec.builder().limitPackets(packets).build();
  }

  @Test
  void theTwoTestFlows_hashToDifferentQueues() {
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().build());
    assertThat(queue.flowOf(packets.flow(BULK, 100, Ecn.NOT_ECT)))
        .isNotEqualTo(queue.flowOf(packets.flow(SPARSE, 100, Ecn.NOT_ECT)))
        .isEqualTo(queue.flowOf(packets.flow(BULK, 1500, Ecn.NOT_ECT)));
  }

  @Test
  void aSparseFlow_passesTheBulkFlowsStandingQueue() {
    // 200 bulk packets wait; a sparse packet arrives at 50 ms; one packet leaves per 1.2 ms (1500
    // bytes at 10 Mbit/s). FIFO would make it wait behind the whole backlog; FQ-CoDel serves it
    // as a new flow at the next dequeue.
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().build());
    for (int i = 0; i < 200; i++) {
      queue.enqueue(packets.flow(BULK, 1500, Ecn.NOT_ECT), 0, NO_DROPS);
    }
    Packet sparse = packets.flow(SPARSE, 100, Ecn.NOT_ECT);
    long arrivedAt = -1;
    long sentAt = -1;
    int sentBefore = 0;
    for (long t = Time.micros(1200); t <= Time.millis(240); t += Time.micros(1200)) {
      if (arrivedAt < 0 && t >= 50 * MS) {
        queue.enqueue(sparse, t, NO_DROPS);
        arrivedAt = t;
      }
      Packet next = queue.dequeue(t, (p, c) -> {});
      if (next == sparse) {
        sentAt = t;
      } else if (sentAt < 0 && arrivedAt >= 0) {
        sentBefore++;
      }
    }
    assertThat(sentAt).isEqualTo(arrivedAt);
    assertThat(sentBefore).as("bulk packets sent before it").isZero();
  }

  @Test
  void twoBulkFlows_shareTheLinkByTheQuantum() {
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().build());
    for (int i = 0; i < 100; i++) {
      queue.enqueue(packets.flow(BULK, 1000, Ecn.NOT_ECT), 0, NO_DROPS);
      queue.enqueue(packets.flow(SPARSE, 1000, Ecn.NOT_ECT), 0, NO_DROPS);
    }
    int fromBulk = 0;
    for (int i = 0; i < 60; i++) {
      Packet next = queue.dequeue(i * MS / 10, NO_DROPS);
      if (next.payload().sourcePort() == BULK) {
        fromBulk++;
      }
    }
    // A quantum of 1514 bytes: each flow sends one or two 1000-byte packets per round.
    assertThat(fromBulk).isBetween(29, 31);
    assertThat(queue.packets()).isEqualTo(140);
    assertThat(queue.bytes()).isEqualTo(140_000);
  }

  @Test
  void whenFull_theOldestPacketOfTheFattestFlowIsDropped_notTheArrival() {
    FqCoDelQueue queue = fqCodel(limit(10));
    List<Packet> bulk = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Packet p = packets.flow(BULK, 1000, Ecn.NOT_ECT);
      bulk.add(p);
      queue.enqueue(p, 0, NO_DROPS);
    }
    queue.enqueue(packets.flow(SPARSE, 100, Ecn.NOT_ECT), 0, NO_DROPS);
    List<Packet> dropped = new ArrayList<>();

    DropCause refused =
        queue.enqueue(
            packets.flow(SPARSE, 100, Ecn.NOT_ECT),
            MS,
            (p, cause) -> {
              assertThat(cause).isEqualTo(DropCause.QUEUE);
              dropped.add(p);
            });

    assertThat(refused).isNull();
    assertThat(dropped).containsExactly(bulk.get(0));
    assertThat(queue.packets()).isEqualTo(10);
    assertThat(queue.bytes()).isEqualTo(8 * 1000 + 2 * 100);
  }

  @Test
  void whenFull_anArrivalThatWouldBeItsFattestFlowsOldest_isRefused() {
    FqCoDelQueue queue = fqCodel(limit(1));
    queue.enqueue(packets.flow(BULK, 100, Ecn.NOT_ECT), 0, NO_DROPS);

    assertThat(queue.enqueue(packets.flow(SPARSE, 1500, Ecn.NOT_ECT), 0, NO_DROPS))
        .isEqualTo(DropCause.QUEUE);
  }

  @Test
  void eachFlowRunsItsOwnCodel_withEcnMarks() {
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().ecn(true).build());
    for (int i = 0; i < 400; i++) {
      queue.enqueue(packets.flow(BULK, 1000, Ecn.ECT_0), 0, NO_DROPS);
    }
    List<Long> markTimes = new ArrayList<>();
    for (long t = 1; t <= 340; t++) {
      if (queue.dequeue(t * MS, NO_DROPS).takeNewMark()) {
        markTimes.add(t);
      }
    }
    // One flow alone: CoDel's schedule (CoDelQueueTest).
    assertThat(markTimes).containsExactly(105L, 205L, 276L, 334L);
  }

  @Test
  void aFlowFoundEmpty_leavesTheLists_andAnEmptyQueueDequeuesNothing() {
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().build());
    Packet only = packets.flow(BULK, 100, Ecn.NOT_ECT);
    queue.enqueue(only, 0, NO_DROPS);
    assertThat(queue.dequeue(0, NO_DROPS)).isSameAs(only);
    assertThat(queue.dequeue(0, NO_DROPS)).isNull();
    assertThat(queue.dequeue(0, NO_DROPS)).isNull();
    assertThat(queue.packets()).isZero();
  }

  @Test
  void flush_dropsEveryPacketOfEveryFlow() {
    FqCoDelQueue queue = fqCodel(FqCoDelQueue.Spec.builder().build());
    for (int i = 0; i < 3; i++) {
      queue.enqueue(packets.flow(BULK, 100, Ecn.NOT_ECT), 0, NO_DROPS);
      queue.enqueue(packets.flow(SPARSE, 100, Ecn.NOT_ECT), 0, NO_DROPS);
    }
    List<Packet> dropped = new ArrayList<>();
    queue.flush((p, cause) -> dropped.add(p), DropCause.DOWN);
    assertThat(dropped).hasSize(6);
    assertThat(queue.packets()).isZero();
    assertThat(queue.bytes()).isZero();
    assertThat(queue.dequeue(0, NO_DROPS)).isNull();
  }

  @Test
  void underAResponsiveOverload_fqCodelKeepsTheSojournNearTarget_andTheRunRepeats() {
    List<Long> fq = CoDelQueueTest.sojournsOfAResponsiveFlow(FqCoDelQueue.Spec.builder().build());
    assertThat(CoDelQueueTest.sojournsOfAResponsiveFlow(FqCoDelQueue.Spec.builder().build()))
        .isEqualTo(fq);
    assertThat(fq.size()).isGreaterThan((int) (0.8 * 1250 * 30));
    assertThat(CoDelQueueTest.percentile(fq, 0.5))
        .isLessThanOrEqualTo(CoDelQueue.Spec.DEFAULT_TARGET);
  }

  @Test
  void fqCodelByName_readsItsParameters() {
    assertThat(QueueDiscipline.named("fq-codel", Map.of("limit", "10240")))
        .isEqualTo(FqCoDelQueue.Spec.builder().build());
    assertThat(
            QueueDiscipline.named(
                "fq-codel", Map.of("flows", "16", "quantum", "300", "ecn", "true", "limit", "100")))
        .isEqualTo(
            FqCoDelQueue.Spec.builder()
                .target(5 * MS)
                .interval(100 * MS)
                .limitPackets(100)
                .flows(16)
                .quantum(300)
                .ecn(true)
                .build());
    assertThatThrownBy(() -> FqCoDelQueue.Spec.builder().flows(0).build())
        .hasMessage("FQ-CoDel flows must be within 1-65536, got 0");
  }
}
