package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.RecordedRun;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * What the ladder keeps of a run as it goes: its first segments and what happened around them up to
 * the cut, and a count of the rest; a dropped segment ends at the host it was heading for.
 */
class LadderSinkTest {
  private static final int A = Ipv4Address.parse("10.0.0.1").bits();
  private static final int B = Ipv4Address.parse("10.0.0.2").bits();

  @Test
  void keepsOnlyTheFirstMaxSegments() {
    LadderSink ladder = new LadderSink(20);
    List<TraceEvent> events =
        RecordedRun.of(
                ConfigLoader.load(
                    "bulk-transfer.yaml",
                    Scenarios.CATALOGUE.get("bulk-transfer").text(),
                    List.of()),
                ladder)
            .events();

    List<TraceEvent.Packet> sends =
        events.stream()
            .filter(e -> e.kind() == EventKind.SEND)
            .map(e -> (TraceEvent.Packet) e)
            .toList();
    assertThat(sends).hasSizeGreaterThan(700);
    long cutAt = sends.get(20).t();
    assertThat(ladder.arrows()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
    assertThat(ladder.arrows())
        .allSatisfy(a -> assertThat(sends.subList(0, 20)).contains(a.send()))
        .allSatisfy(a -> assertThat(a.endT()).isLessThanOrEqualTo(cutAt));
    assertThat(ladder.states()).isNotEmpty().allMatch(s -> s.t() <= cutAt);
    assertThat(ladder.undrawn()).isEqualTo(sends.size() - 20);
    assertThat(LadderSvg.render("bulk-transfer", List.of("client", "server"), ladder))
        .contains((sends.size() - 20) + " more segments not drawn");
  }

  @Test
  void droppedArrowToAHostSeenLater_endsAtThatHost() {
    RunIndex index = new RunIndex();
    int a = index.nodes().intern("a");
    int router = index.nodes().intern("router");
    int b = index.nodes().intern("b");
    LadderSink ladder = new LadderSink(10);
    ladder.start(index);
    // a's SYN to b is lost at the router before b has sent or received anything ...
    ladder.accept(segment(0, EventKind.SEND, a, 1, A, 5000, B, 80, TcpFlags.SYN, null));
    ladder.accept(segment(5, EventKind.DROP, router, 1, A, 5000, B, 80, 0, DropCause.LOSS));
    // ... and only then does b show its address, sending to a.
    ladder.accept(segment(9, EventKind.SEND, b, 2, B, 80, A, 5000, TcpFlags.RST, null));
    ladder.accept(segment(14, EventKind.RECV, a, 2, B, 80, A, 5000, TcpFlags.RST, null));

    assertThat(ladder.arrows()).hasSize(2);
    LadderSink.Arrow lost = ladder.arrows().get(0);
    assertThat(lost.dropped()).isTrue();
    assertThat(lost.dropCause()).isEqualTo("loss");
    assertThat(ladder.end(lost)).isEqualTo(b);
    assertThat(ladder.end(ladder.arrows().get(1))).isEqualTo(a);
    String svg = LadderSvg.render("t", List.of("a", "b"), ladder);
    assertThat(svg).contains("class=\"cross\"", ">loss</text>", ">SYN seq=0</text>");
  }

  @Test
  void droppedArrowToAnAddressNoHostShows_isNotDrawn() {
    RunIndex index = new RunIndex();
    int a = index.nodes().intern("a");
    LadderSink ladder = new LadderSink(10);
    ladder.start(index);
    ladder.accept(segment(0, EventKind.SEND, a, 1, A, 5000, B, 80, TcpFlags.SYN, null));
    ladder.accept(segment(5, EventKind.DROP, a, 1, A, 5000, B, 80, 0, DropCause.NO_ROUTE));

    assertThat(ladder.end(ladder.arrows().get(0))).isEqualTo(-1);
    assertThat(LadderSvg.render("t", List.of("a", "b"), ladder)).doesNotContain("class=\"cross\"");
  }

  private static TraceEvent.Packet segment(
      long t,
      EventKind kind,
      int node,
      long pkt,
      int src,
      int srcPort,
      int dst,
      int dstPort,
      int flags,
      DropCause cause) {
    return new TraceEvent.Packet(
        t,
        kind,
        node,
        -1,
        pkt,
        src,
        srcPort,
        dst,
        dstPort,
        flags,
        1000,
        -1,
        0,
        kind == EventKind.SEND ? TcpState.SYN_SENT : null,
        cause,
        Ecn.NOT_ECT);
  }
}
