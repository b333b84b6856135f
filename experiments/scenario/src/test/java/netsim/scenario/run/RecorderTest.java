package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.TcpObserver;
import org.junit.jupiter.api.Test;

/**
 * The recorder hands each event to the sinks that want its kind, and builds none that no one wants.
 */
class RecorderTest {
  /** A transfer with a loss (a retransmission) and a partition (link events). */
  private static final String RUN =
      """
      name: recorder
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms, loss: 0.05}
      partitions:
        - {at: 3s, until: 4s, sides: [[client], [server]]}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 20KB, close: done}
      """;

  /** Keeps what it receives, and when it was started and ended. */
  private static final class Sink implements EventSink {
    final Set<EventKind> kinds;
    final List<TraceEvent> events = new ArrayList<>();
    RunIndex started;
    RunResult ended;

    Sink(Set<EventKind> kinds) {
      this.kinds = kinds;
    }

    @Override
    public Set<EventKind> kinds() {
      return kinds;
    }

    @Override
    public void start(RunIndex index) {
      assertThat(events).as("started before the first event").isEmpty();
      started = index;
    }

    @Override
    public void accept(TraceEvent event) {
      assertThat(ended).as("no event after the end").isNull();
      events.add(event);
    }

    @Override
    public void end(RunResult result) {
      ended = result;
    }
  }

  @Test
  void aKindNoSinkWants_isNotBuilt_itsInputIsNotEvenRead() {
    Recorder recorder = new Recorder(new RunIndex());
    recorder.add(new Sink(EnumSet.of(EventKind.STATE)));
    recorder.start();
    assertThat(recorder.wants(EventKind.SEND)).isFalse();
    assertThat(recorder.wants(EventKind.STATE)).isTrue();
    // Building a send event would read the packet and the host: here both are null.
    recorder.onSend(0, null, null);
    recorder.onDrop(0, null, null, null, null);
    recorder.tcp(0).onCongestion(0, null);
    recorder.tcp(0).onRetransmit(0, null, null, null);
  }

  @Test
  void aKindSomeSinkWants_isBuilt_fromItsInput() {
    Recorder recorder = new Recorder(new RunIndex());
    Sink sends = new Sink(EnumSet.of(EventKind.SEND));
    recorder.add(sends);
    recorder.start();
    assertThatThrownBy(() -> recorder.onSend(0, null, null))
        .isInstanceOf(NullPointerException.class);
    TcpObserver tcp = recorder.tcp(3);
    tcp.onAppEvent(5, null, AppEvent.DATA, 10);
    assertThat(sends.events).isEmpty();
  }

  @Test
  void eachSink_receivesExactlyTheEventsOfItsKinds_inTheRunsOrder() {
    Sink states = new Sink(EnumSet.of(EventKind.STATE));
    Sink packetsAndLinks =
        new Sink(EnumSet.of(EventKind.SEND, EventKind.DROP, EventKind.RTX, EventKind.LINK));
    List<TraceEvent> all =
        RecordedRun.of(ConfigLoader.load("recorder.yaml", RUN, List.of()), states, packetsAndLinks)
            .events();
    assertThat(states.events)
        .isNotEmpty()
        .isEqualTo(all.stream().filter(e -> e.kind() == EventKind.STATE).toList());
    assertThat(packetsAndLinks.events)
        .isEqualTo(all.stream().filter(e -> packetsAndLinks.kinds.contains(e.kind())).toList());
    assertThat(packetsAndLinks.events)
        .extracting(TraceEvent::kind)
        .contains(EventKind.SEND, EventKind.DROP, EventKind.RTX, EventKind.LINK);
  }

  @Test
  void sinks_areStartedWithTheRunsIndex_beforeTheFirstEvent_andEndedWithItsResult() {
    Sink sink = new Sink(EnumSet.of(EventKind.STATE, EventKind.HOST));
    RunResult result =
        new Experiment(ConfigLoader.load("recorder.yaml", RUN, List.of()), sink).run();
    assertThat(sink.started).isSameAs(result.index());
    assertThat(sink.ended).isSameAs(result);
    assertThat(result.index().node(0)).isEqualTo("client");
    assertThat(result.index().node(1)).isEqualTo("server");
    assertThat(result.index().link(0)).isEqualTo("client->server");
    assertThat(result.index().link(1)).isEqualTo("server->client");
    // The listener's OPEN happens while the run is built: the sink has it.
    assertThat(sink.events.get(0)).isInstanceOf(TraceEvent.State.class);
    assertThat(((TraceEvent.State) sink.events.get(0)).isListener()).isTrue();
  }

  @Test
  void packetEvents_reachASinkOfFields_asTheValuesAnotherSinkAccepts_oneValuePerEventAtMost() {
    Sink values = new Sink(EnumSet.of(EventKind.SEND, EventKind.RECV));
    Sink sameValues = new Sink(EnumSet.of(EventKind.SEND, EventKind.RECV));
    List<TraceEvent.Packet> copied = new ArrayList<>();
    EventSink fields =
        new EventSink() {
          @Override
          public void accept(TraceEvent event) {
            throw new AssertionError("a packet event as a value: " + event);
          }

          @Override
          public void packet(PacketFields event) {
            copied.add(
                new TraceEvent.Packet(
                    event.t(),
                    event.kind(),
                    event.node(),
                    event.link(),
                    event.pkt(),
                    event.src(),
                    event.srcPort(),
                    event.dst(),
                    event.dstPort(),
                    event.flags(),
                    event.seq(),
                    event.ack(),
                    event.len(),
                    event.state(),
                    event.cause(),
                    event.ecn()));
          }

          @Override
          public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.SEND, EventKind.RECV);
          }
        };
    new Experiment(ConfigLoader.load("recorder.yaml", RUN, List.of()), values, fields, sameValues)
        .run();
    assertThat(copied).isNotEmpty().isEqualTo(values.events);
    for (int i = 0; i < values.events.size(); i++) {
      assertThat(sameValues.events.get(i)).isSameAs(values.events.get(i));
    }
  }

  @Test
  void congestionAndApplicationEvents_reachASinkOfFields_asTheValuesAnotherSinkAccepts() {
    Set<EventKind> kinds = EnumSet.of(EventKind.CC, EventKind.APP);
    Sink values = new Sink(kinds);
    Sink sameValues = new Sink(kinds);
    List<TraceEvent> copied = new ArrayList<>();
    EventSink fields =
        new EventSink() {
          @Override
          public void accept(TraceEvent event) {
            throw new AssertionError("a congestion or application event as a value: " + event);
          }

          @Override
          public void congestion(CongestionFields c) {
            copied.add(
                new TraceEvent.Congestion(
                    c.t(),
                    c.node(),
                    c.conn(),
                    c.cwnd(),
                    c.ssthresh(),
                    c.srtt(),
                    c.rto(),
                    c.inflight()));
          }

          @Override
          public void application(ApplicationFields a) {
            copied.add(new TraceEvent.App(a.t(), a.node(), a.conn(), a.event(), a.bytes()));
          }

          @Override
          public Set<EventKind> kinds() {
            return kinds;
          }
        };
    new Experiment(ConfigLoader.load("recorder.yaml", RUN, List.of()), values, fields, sameValues)
        .run();
    assertThat(copied).isEqualTo(values.events);
    assertThat(copied)
        .extracting(TraceEvent::kind)
        .contains(EventKind.CC, EventKind.APP)
        .containsOnly(EventKind.CC, EventKind.APP);
    assertThat(copied)
        .filteredOn(e -> e instanceof TraceEvent.Congestion c && c.ssthresh() != TraceEvent.NONE)
        .as("a loss sets ssthresh")
        .isNotEmpty();
    for (int i = 0; i < values.events.size(); i++) {
      assertThat(sameValues.events.get(i)).isSameAs(values.events.get(i));
    }
  }
}
