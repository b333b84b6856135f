package netsim.report.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.LinkChange;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * Reads {@code trace.jsonl} back into {@link TraceEvent}s, the inverse of {@link TraceWriter}: each
 * event read writes the same line again. The names in the file make the trace's own {@link
 * RunIndex}, ids given in order of first appearance.
 */
public final class TraceReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunIndex index = new RunIndex();

  /** A trace read from a file: its events in order, and the names behind their ids. */
  public record Trace(RunIndex index, List<TraceEvent> events) {}

  /**
   * Reads a whole trace file into memory (for tests and small traces).
   *
   * @throws IOException if the file cannot be read or a line is not a trace event (named by its
   *     line number)
   */
  public static Trace read(Path file) throws IOException {
    List<TraceEvent> events = new ArrayList<>();
    RunIndex index = stream(file, events::add);
    return new Trace(index, events);
  }

  /**
   * Streams the events of {@code file} into {@code sink} as they are read, one line at a time:
   * first {@link EventSink#start} with the trace's index (which names each id by the time an event
   * carries it), then each event of a kind the sink wants. There is no run to {@link EventSink#end}
   * with.
   *
   * @throws IOException as {@link #read} does
   */
  public static RunIndex stream(Path file, EventSink sink) throws IOException {
    TraceReader reader = new TraceReader();
    sink.start(reader.index);
    Set<EventKind> kinds = sink.kinds();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        TraceEvent event;
        try {
          event = reader.event(JSON.readTree(line));
        } catch (IOException | RuntimeException e) {
          throw new IOException(file + ":" + number + ": not a trace event: " + e.getMessage(), e);
        }
        if (kinds.contains(event.kind())) {
          sink.accept(event);
        }
      }
    }
    return reader.index;
  }

  /** One event from its JSON object. */
  private TraceEvent event(JsonNode e) {
    long t = need(e, "t").asLong();
    EventKind kind = named(EventKind.values(), EventKind::traceName, text(e, "ev"), "event kind");
    return switch (kind) {
      case SEND, RECV, DROP, MARK -> {
        Wire w = wire(e);
        String state = optional(e, "state");
        String ecn = optional(e, "ecn");
        yield new TraceEvent.Packet(
            t,
            kind,
            w.node(),
            w.link(),
            w.pkt(),
            w.src(),
            w.srcPort(),
            w.dst(),
            w.dstPort(),
            TcpFlags.parse(text(e, "flags")),
            need(e, "seq").asLong(),
            e.has("ack") ? e.get("ack").asLong() : -1,
            w.len(),
            state == null ? null : TcpState.valueOf(state),
            w.cause(),
            ecn == null ? Ecn.NOT_ECT : named(Ecn.values(), Ecn::traceName, ecn, "ECN field"));
      }
      case UDP_SEND, UDP_RECV, UDP_DROP -> {
        Wire w = wire(e);
        yield new TraceEvent.Datagram(
            t,
            kind,
            w.node(),
            w.link(),
            w.pkt(),
            w.src(),
            w.srcPort(),
            w.dst(),
            w.dstPort(),
            w.len(),
            need(e, "seq").asLong(),
            w.cause());
      }
      case DUP ->
          new TraceEvent.Duplicate(
              t,
              index.links().intern(text(e, "link")),
              need(e, "pkt").asLong(),
              need(e, "copy").asLong());
      case RULE ->
          new TraceEvent.Rule(
              t,
              index.chains().intern(text(e, "at")),
              index.rules().intern(text(e, "rule")),
              named(
                  FaultAction.Verb.values(),
                  FaultAction.Verb::traceName,
                  text(e, "action"),
                  "action"),
              need(e, "pkt").asLong(),
              TcpFlags.parse(text(e, "flags")),
              need(e, "seq").asLong(),
              need(e, "len").asInt());
      case STATE -> {
        String cause = text(e, "cause");
        boolean rcv = cause.startsWith("rcv ") && !cause.contains("(");
        yield new TraceEvent.State(
            t,
            node(e, "node"),
            conn(text(e, "conn")),
            TcpState.valueOf(text(e, "from")),
            TcpState.valueOf(text(e, "to")),
            rcv
                ? StateCause.RCV
                : named(StateCause.values(), c -> c.traceName(0), cause, "state cause"),
            rcv ? TcpFlags.parse(cause.substring(4)) : 0);
      }
      case APP ->
          new TraceEvent.App(
              t,
              node(e, "node"),
              conn(text(e, "conn")),
              named(AppEvent.values(), AppEvent::traceName, text(e, "event"), "app event"),
              e.has("bytes") ? e.get("bytes").asLong() : 0);
      case RTX ->
          new TraceEvent.Retransmit(
              t,
              node(e, "node"),
              conn(text(e, "conn")),
              TcpFlags.parse(text(e, "flags")),
              need(e, "seq").asLong(),
              need(e, "len").asInt(),
              named(
                  RetransmitReason.values(),
                  RetransmitReason::traceName,
                  text(e, "reason"),
                  "retransmit reason"));
      case CC ->
          new TraceEvent.Congestion(
              t,
              node(e, "node"),
              conn(text(e, "conn")),
              need(e, "cwnd").asLong(),
              longOr(e, "ssthresh", TraceEvent.NONE),
              longOr(e, "srtt", TraceEvent.NONE),
              need(e, "rto").asLong(),
              need(e, "inflight").asLong());
      case LINK ->
          new TraceEvent.Link(
              t,
              index.links().intern(text(e, "dir")),
              named(LinkChange.values(), LinkChange::traceName, text(e, "what"), "link change"));
      case HOST ->
          new TraceEvent.Host(
              t,
              node(e, "node"),
              named(HostChange.values(), HostChange::traceName, text(e, "what"), "host change"));
    };
  }

  /** The fields a TCP segment's and a UDP datagram's lines share. */
  private record Wire(
      int node,
      int link,
      long pkt,
      int src,
      int srcPort,
      int dst,
      int dstPort,
      int len,
      DropCause cause) {}

  private Wire wire(JsonNode e) {
    String[] src = text(e, "src").split(":");
    String[] dst = text(e, "dst").split(":");
    String cause = optional(e, "cause");
    return new Wire(
        node(e, "node"),
        e.has("link") ? index.links().intern(text(e, "link")) : -1,
        need(e, "pkt").asLong(),
        Ipv4Address.parse(src[0]).bits(),
        Integer.parseInt(src[1]),
        Ipv4Address.parse(dst[0]).bits(),
        Integer.parseInt(dst[1]),
        need(e, "len").asInt(),
        cause == null
            ? null
            : named(DropCause.values(), DropCause::traceName, cause, "drop cause"));
  }

  private int node(JsonNode e, String key) {
    return index.nodes().intern(text(e, key));
  }

  /** "10.0.0.1:49152-10.0.0.2:80". */
  private static FourTuple conn(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("not a connection: '" + text + "'");
    }
    return new FourTuple(endpoint(text.substring(0, dash)), endpoint(text.substring(dash + 1)));
  }

  private static Endpoint endpoint(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not an endpoint: '" + text + "'");
    }
    return new Endpoint(
        Ipv4Address.parse(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
  }

  /** The constant of {@code values} whose trace text is {@code text}. */
  private static <E extends Enum<E>> E named(
      E[] values, Function<E, String> name, String text, String what) {
    for (E value : values) {
      if (name.apply(value).equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + text + "'");
  }

  private static long longOr(JsonNode e, String key, long absent) {
    return e.has(key) ? e.get(key).asLong() : absent;
  }

  private static JsonNode need(JsonNode e, String key) {
    JsonNode value = e.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + key + "'");
    }
    return value;
  }

  private static String text(JsonNode e, String key) {
    return need(e, key).asText();
  }

  private static String optional(JsonNode e, String key) {
    JsonNode value = e.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
