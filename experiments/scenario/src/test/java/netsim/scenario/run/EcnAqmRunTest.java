package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Packet;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * ECN from the file: hosts with {@code tcp: {ecn: on}} through a bottleneck whose queue has {@code
 * ecn: true} get marks where they would get drops (RFC 3168), for every AQM discipline; the link
 * direction counts them, and a run repeats exactly.
 */
class EcnAqmRunTest {
  private static final String DUMBBELL =
      """
      stop: {at: 10s}
      tcp: {ecn: %s, receiveBuffer: 1MiB}
      nodes:
        - {name: s1, address: 10.0.0.1}
        - {name: s2, address: 10.0.0.2, tcp: {congestionControl: cubic}}
        - {name: r1, kind: router}
        - {name: r2, kind: router}
        - {name: d1, address: 10.0.1.1}
        - {name: d2, address: 10.0.1.2}
      links:
        - {a: s1, b: r1, bandwidth: 100Mbps, delay: 1ms}
        - {a: s2, b: r1, bandwidth: 100Mbps, delay: 1ms}
        - name: bottleneck
          a: r1
          b: r2
          bandwidth: 10Mbps
          delay: 10ms
          queue: %s
        - {a: r2, b: d1, delay: 1ms}
        - {a: r2, b: d2, delay: 1ms}
      listeners:
        - {host: d1, port: 80}
        - {host: d2, port: 80}
      clients:
        - {host: s1, connect: "d1:80", send: 100MB}
        - {host: s2, connect: "d2:80", send: 100MB}
      invariants: {allClosed: false}
      """;

  /**
   * What the bottleneck's forward queue did: marks, AQM drops (and those of ECN-capable packets),
   * queue drops, the marks the link counted, and the events.
   */
  private record Signals(
      long marks,
      long aqmDrops,
      long ectAqmDrops,
      long queueDrops,
      long counted,
      List<String> log) {}

  private static Signals run(String ecn, String queue) {
    ExperimentConfig config =
        ConfigLoader.load("ecn.yaml", DUMBBELL.formatted(ecn, queue), List.of("seed=3"));
    Experiment experiment = new Experiment(config);
    long[] seen = new long[4];
    List<String> log = new ArrayList<>();
    experiment.observe(
        new PacketObserver() {
          @Override
          public void onMark(long time, Node node, LinkDirection link, Packet packet) {
            assertThat(link.name()).isEqualTo("r1->r2");
            assertThat(node.name()).isEqualTo("r1");
            assertThat(packet.ecn()).isEqualTo(Ecn.CE);
            seen[0]++;
            log.add(time + " mark " + packet.id());
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            if (link != null && link.name().equals("r1->r2")) {
              seen[cause == DropCause.AQM ? 1 : 2]++;
              if (cause == DropCause.AQM && packet.ecn().isCapable()) {
                seen[3]++;
              }
              log.add(time + " drop " + packet.id() + " " + cause);
            }
          }
        });
    experiment.run();
    long counted = experiment.links().get("bottleneck").aToB().counters().marked();
    return new Signals(seen[0], seen[1], seen[3], seen[2], counted, log);
  }

  @Test
  void ecnHostsThroughMarkingQueues_getMarksInsteadOfAqmDrops() {
    for (String queue :
        List.of(
            "{kind: red, packets: 50, min: 5, max: 15, ecn: true}",
            "{kind: red, packets: 50, min: 5, max: 15, gentle: true, adaptive: true, ecn: true}",
            "{kind: codel, ecn: true}",
            "{kind: fq-codel, ecn: true}")) {
      Signals marked = run("on", queue);
      assertThat(marked.marks()).as("marks by %s", queue).isPositive();
      assertThat(marked.counted()).as("counted by the link").isEqualTo(marked.marks());
      if (queue.contains("codel")) {
        // CoDel marks every ECN-capable packet it would drop: what it still drops is Not-ECT,
        // SYNs and retransmissions (RFC 3168 6.1.5). RED still drops at or above max.
        assertThat(marked.ectAqmDrops()).as("ECN-capable packets dropped by %s", queue).isZero();
      }
      Signals plain = run("passive", queue);
      assertThat(marked.aqmDrops())
          .as("AQM drops by %s with ECN, against %s without", queue, plain.aqmDrops())
          .isLessThan(plain.aqmDrops());
      assertThat(run("on", queue)).as("repeatable").isEqualTo(marked);
    }
  }

  @Test
  void pieMarks_whileItsProbabilityIsLow() {
    Signals marked = run("on", "{kind: pie, ecn: true}");
    assertThat(marked.marks()).isPositive();
    assertThat(marked.counted()).isEqualTo(marked.marks());
    // Not "fewer drops than without ECN": above 10% PIE drops ECN-capable packets too (RFC 8033
    // 5.1), and flows that lose nothing keep the queue, and so the probability, higher; which run
    // drops more depends on the flows' dynamics (it flipped when RTTM changed the RTO).
    assertThat(run("passive", "{kind: pie, ecn: true}").marks()).isZero();
  }

  @Test
  void hostsWithoutEcn_throughAMarkingQueue_areDroppedAsBefore() {
    Signals plain = run("passive", "{kind: codel, ecn: true}");
    assertThat(plain.marks()).isZero();
    assertThat(plain.aqmDrops()).isPositive();
  }
}
