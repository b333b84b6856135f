package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.report.files.WriteBehind;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * The trace made on the writer thread is byte for byte the trace the run's thread makes, across
 * batches, with names given while the run goes on; a write that fails reaches the run.
 */
class TraceBehindTest {
  private static final int A = Ipv4Address.parse("10.0.0.1").bits();
  private static final int B = Ipv4Address.parse("10.0.0.2").bits();

  /** A target that records what reaches it, and whether it was closed. */
  private static final class Target extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  private static RunIndex index() {
    RunIndex index = new RunIndex();
    index.nodes().put(0, "client");
    index.nodes().put(1, "server");
    index.links().put(0, "client->server");
    return index;
  }

  private static TraceEvent.Packet send(long t, long seq) {
    return new TraceEvent.Packet(
        t,
        EventKind.SEND,
        0,
        -1,
        seq,
        A,
        49152,
        B,
        80,
        TcpFlags.ACK,
        seq * 1000,
        1,
        1000,
        TcpState.ESTABLISHED,
        null,
        Ecn.NOT_ECT);
  }

  /**
   * 2.5 batches of sends, and every 1,000th event a rule event whose rule is named only then, as
   * the run names a rule when it first acts: the writer thread reads the name table while the run's
   * thread adds to it.
   */
  private static void feed(RunIndex index, List<TraceEvent> events, Consumer<TraceEvent> sink) {
    for (int n = 0; n < 5 * TraceBehind.BATCH / 2; n++) {
      TraceEvent event;
      if (n % 1000 == 999) {
        int chain = index.chains().intern("link/client->server");
        int rule = index.rules().intern("rule-" + n);
        event = new TraceEvent.Rule(n, chain, rule, FaultAction.Verb.DROP, n, TcpFlags.ACK, n, 0);
      } else {
        event = send(n, n);
      }
      events.add(event);
      sink.accept(event);
    }
  }

  @Test
  void eventsOverSeveralBatches_withNamesGivenMeanwhile_writeTheRunThreadsBytes()
      throws IOException {
    RunIndex index = index();
    WriteBehind behind = new WriteBehind();
    Target target = new Target();
    TraceBehind trace = new TraceBehind(behind, target);
    trace.start(index);
    List<TraceEvent> events = new ArrayList<>();
    feed(index, events, trace::accept);
    trace.end(null);
    behind.finish();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    TraceWriter alone = new TraceWriter(expected, index);
    for (TraceEvent event : events) {
      alone.write(event);
    }
    alone.flush();
    assertThat(events).hasSizeGreaterThan(2 * TraceBehind.BATCH);
    assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(target.toString(StandardCharsets.UTF_8)).contains("\"rule\":\"rule-9999\"");
    assertThat(target.closed).isTrue();
  }

  /**
   * The recorder's way: each packet event's fields filled in place into one {@link PacketFields},
   * over ten batches (so the writer thread gives batches back and they are filled again), with
   * drops, marks, ECN codepoints and sends without a state among them.
   */
  @Test
  void packetFieldsFilledInPlace_overRecycledBatches_writeTheRunThreadsBytes() throws IOException {
    RunIndex index = index();
    WriteBehind behind = new WriteBehind();
    Target target = new Target();
    TraceBehind trace = new TraceBehind(behind, target);
    trace.start(index);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    TraceWriter alone = new TraceWriter(expected, index);
    PacketFields fields = new PacketFields();
    int events = 10 * TraceBehind.BATCH + 17;
    for (int n = 0; n < events; n++) {
      EventKind kind = EventKind.values()[n % 4]; // send, recv, drop, mark
      fields.set(
          n,
          kind,
          n % 2,
          kind == EventKind.DROP || kind == EventKind.MARK ? 0 : -1,
          n,
          A,
          49152 + n % 7,
          B,
          80,
          n % 5 == 0 ? TcpFlags.SYN : TcpFlags.ACK | TcpFlags.PSH,
          (n * 1448L) & 0xFFFF_FFFFL,
          n % 5 == 0 ? -1 : 4_000_000_000L + n,
          n % 3 == 0 ? 0 : 1448,
          kind == EventKind.SEND && n % 8 != 0 ? TcpState.ESTABLISHED : null,
          kind == EventKind.DROP ? DropCause.values()[n % DropCause.values().length] : null,
          Ecn.values()[n % Ecn.values().length]);
      trace.packet(fields);
      alone.writePacket(fields);
    }
    trace.end(null);
    behind.finish();
    alone.flush();
    assertThat(EventKind.values()[3]).isEqualTo(EventKind.MARK);
    assertThat(target.toString(StandardCharsets.UTF_8).lines()).hasSize(events);
    assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
  }

  /**
   * The recorder's way for every kind it fills in place: packet, congestion and application events
   * from one {@link PacketFields}, {@link CongestionFields} and {@link ApplicationFields} each,
   * with state changes as values between them, over recycled batches.
   */
  @Test
  void allFieldsFilledInPlace_mixedWithValues_overRecycledBatches_writeTheRunThreadsBytes()
      throws IOException {
    RunIndex index = index();
    WriteBehind behind = new WriteBehind();
    Target target = new Target();
    TraceBehind trace = new TraceBehind(behind, target);
    trace.start(index);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    TraceWriter alone = new TraceWriter(expected, index);
    FourTuple conn =
        new FourTuple(
            new Endpoint(new Ipv4Address(A), 49152), new Endpoint(new Ipv4Address(B), 80));
    PacketFields packet = new PacketFields();
    CongestionFields congestion = new CongestionFields();
    ApplicationFields application = new ApplicationFields();
    int events = 6 * TraceBehind.BATCH + 5;
    for (int n = 0; n < events; n++) {
      switch (n % 5) {
        case 0, 1 -> {
          packet.set(
              n,
              EventKind.SEND,
              0,
              -1,
              n,
              A,
              49152,
              B,
              80,
              TcpFlags.ACK,
              n * 1448L,
              n,
              1448,
              TcpState.ESTABLISHED,
              null,
              Ecn.ECT_0);
          trace.packet(packet);
          alone.writePacket(packet);
        }
        case 2 -> {
          congestion.set(
              n,
              n % 2,
              conn,
              14480L + n,
              n % 4 == 0 ? TraceEvent.NONE : 65535 + n,
              n % 3 == 0 ? TraceEvent.NONE : 20_000_000L + n,
              200_000_000L,
              1448L * (n % 10));
          trace.congestion(congestion);
          alone.writeCongestion(congestion);
        }
        case 3 -> {
          application.set(
              n,
              1,
              conn,
              AppEvent.values()[n % AppEvent.values().length],
              n % 4 == 0 ? 0 : 1448L * n);
          trace.application(application);
          alone.writeApplication(application);
        }
        default -> {
          TraceEvent.State state =
              new TraceEvent.State(
                  n,
                  0,
                  conn,
                  TcpState.ESTABLISHED,
                  TcpState.FIN_WAIT_1,
                  netsim.tcp.StateCause.CLOSE,
                  0);
          trace.accept(state);
          alone.write(state);
        }
      }
    }
    trace.end(null);
    behind.finish();
    alone.flush();
    String text = target.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(events);
    assertThat(text).contains("\"ev\":\"cc\"", "\"ev\":\"app\"", "\"ssthresh\"", "\"srtt\"");
    assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void aTargetThatFails_failsTheRunAtALaterHandOver_withItsMessage() throws IOException {
    WriteBehind behind = new WriteBehind();
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    TraceBehind trace = new TraceBehind(behind, failing);
    trace.start(index());
    // The first batches' text fills the writer's buffer and fails on the writer thread; a later
    // hand-over, or the end, reports it.
    assertThatThrownBy(
            () -> {
              for (long n = 0; n < 100L * TraceBehind.BATCH; n++) {
                trace.accept(send(n, n));
              }
              trace.end(null);
            })
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("No space left on device");
    behind.close();
  }
}
