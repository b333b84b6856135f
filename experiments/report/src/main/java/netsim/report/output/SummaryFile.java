package netsim.report.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.Link;
import netsim.net.link.LinkCounters;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.scenario.Version;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.ExpectedOutcome;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.TraceEvent;

/**
 * Makes {@code summary.json}, as a sink that counts the run's packet events as they happen: the
 * netsim version, the seed, the effective config (every default filled in; durations in
 * nanoseconds, rates in bit/s, sizes in bytes), counters per link direction and per connection,
 * fault rule counters, the invariant checks (violations, and the expected outcomes that are not
 * violations), and, given a {@link FlowMetrics}, the {@code flows} section (docs/outputs.md). Keys
 * keep a fixed order, so the file is byte-identical across runs. Nothing it keeps grows with the
 * run's length.
 */
public final class SummaryFile implements EventSink {
  /**
   * The JSON text's generators: the summary is a tree of Jackson's nodes written by {@link
   * #writeTree}, without an {@code ObjectMapper}, whose first one costs a process about 50-100 ms
   * of CPU for its reflective serializers (benchmarks/RESULTS.md, "Session 15, configuration and
   * start-up CPU"). Indented as Jackson's default pretty printer does.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Nodes of the tree. */
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private long packetEvents;

  /** The per-flow measurements written as its {@code flows} section, or null for none. */
  private final FlowMetrics flows;

  /** A summary that has counted no event yet, without a {@code flows} section. */
  public SummaryFile() {
    this(null);
  }

  /**
   * A summary with a {@code flows} section from {@code flows}, a sink of the same run (null for
   * none).
   */
  public SummaryFile(FlowMetrics flows) {
    this.flows = flows;
  }

  @Override
  public Set<EventKind> kinds() {
    return EnumSet.of(
        EventKind.SEND,
        EventKind.RECV,
        EventKind.DROP,
        EventKind.UDP_SEND,
        EventKind.UDP_RECV,
        EventKind.UDP_DROP);
  }

  @Override
  public void accept(TraceEvent event) {
    if (event instanceof TraceEvent.Packet || event instanceof TraceEvent.Datagram) {
      packetEvents++;
    }
  }

  @Override
  public void packet(PacketFields event) {
    packetEvents++;
  }

  /** The packet events (sends, arrivals, drops) counted so far. */
  public long packetEvents() {
    return packetEvents;
  }

  /**
   * The summary of the run that ended with {@code result}, as a JSON tree; {@code config} is the
   * run's effective config ({@link EffectiveConfig#tree} of {@code result.config()}).
   */
  public ObjectNode summary(
      RunResult result,
      List<ConnectionReport> connections,
      List<String> violations,
      JsonNode config) {
    ObjectNode root = NODES.objectNode();
    root.put("netsim", Version.get());
    root.put("experiment", result.config().name());
    root.put("seed", result.config().seed());
    ArrayNode counterfactual = root.putArray("counterfactual");
    for (String c : result.config().counterfactuals()) {
      counterfactual.add(c);
    }
    ObjectNode end = root.putObject("end");
    end.put("t", result.end());
    end.put("reason", result.stopReason());
    ObjectNode invariants = root.putObject("invariants");
    invariants.put("ok", violations.isEmpty());
    ArrayNode list = invariants.putArray("violations");
    violations.forEach(list::add);
    ArrayNode expected = invariants.putArray("expectedOutcomes");
    for (ExpectedOutcome e : Invariants.verdict(result, connections).expected()) {
      ObjectNode o = expected.addObject();
      o.put("node", e.node());
      o.put("conn", e.conn());
      o.put("outcome", e.kind().label());
      o.put("detail", e.detail());
    }

    ArrayNode conns = root.putArray("connections");
    for (ConnectionReport c : connections) {
      ObjectNode o = conns.addObject();
      o.put("node", c.node());
      o.put("conn", c.conn());
      o.put("role", c.role());
      o.put("finalState", c.finalState().name());
      ArrayNode states = o.putArray("states");
      c.states().forEach(state -> states.add(state.name()));
      o.put("bytesSent", c.bytesSent());
      o.put("bytesDelivered", c.bytesDelivered());
      o.put("retransmissions", c.retransmissions());
      o.put("openedAt", c.openedAt());
      o.put("establishedAt", c.establishedAt());
      if (c.establishedAt() >= 0 && c.openedAt() >= 0) {
        o.put("timeToEstablish", c.establishedAt() - c.openedAt());
      }
      o.put("closedAt", c.closedAt());
      if (c.closedAt() >= 0 && c.closingAt() >= 0) {
        o.put("timeToClose", c.closedAt() - c.closingAt());
      }
    }

    ArrayNode listeners = root.putArray("listeners");
    for (Experiment.ServerAppView view : result.listeners()) {
      if (view.listener() == null) {
        continue;
      }
      ObjectNode o = listeners.addObject();
      o.put("node", view.host());
      o.put("local", view.listener().local().toString());
      o.put("open", view.listener().isOpen());
      o.put("accepted", view.listener().accepted());
      o.put("embryonic", view.listener().embryonic());
      o.put("refusedForBacklog", view.listener().refusedForBacklog());
    }

    ObjectNode links = root.putObject("links");
    for (Map.Entry<String, Link> entry : result.links().entrySet()) {
      for (LinkDirection d : List.of(entry.getValue().aToB(), entry.getValue().bToA())) {
        links.set(d.name(), counters(d.counters()));
      }
    }

    ArrayNode rules = root.putArray("rules");
    for (FaultChain chain : result.chains()) {
      for (FaultRule rule : chain.rules()) {
        ObjectNode o = rules.addObject();
        o.put("at", chain.name());
        o.put("rule", rule.name());
        o.put("definition", rule.toString());
        o.put("matched", rule.matches());
        o.put("took", rule.taken());
        o.put("holding", rule.held());
      }
    }
    root.put("packetEvents", packetEvents);
    root.set("config", config);
    if (flows != null && flows.report() != null) {
      root.putPOJO("flows", flows.report());
    }
    return root;
  }

  /**
   * The {@code flows} section: Jain's index, every flow, every link direction's use. It is written
   * straight from the report as the file streams out, never built as a tree: a run of many short
   * connections has as many flows (the tree holds the report as a POJO node).
   */
  private static void flowsSection(FlowsReport report, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    ratio(gen, "jain", report.jain());
    gen.writeNumberField("from", report.from());
    gen.writeNumberField("until", report.until());
    gen.writeArrayFieldStart("flows");
    for (FlowsReport.Flow f : report.flows()) {
      gen.writeStartObject();
      gen.writeStringField("flow", f.name());
      gen.writeStringField("direction", f.direction());
      gen.writeStringField("sender", f.sender());
      gen.writeStringField("receiver", f.receiver());
      gen.writeStringField("conn", f.conn());
      gen.writeNumberField("start", f.start());
      gen.writeNumberField("bytes", f.bytes());
      gen.writeBooleanField("complete", f.complete());
      measured(gen, "fct", f.fct());
      gen.writeNumberField("goodput", f.goodput());
      measured(gen, "retransmissions", f.retransmissions());
      gen.writeObjectFieldStart("rtt");
      gen.writeNumberField("samples", f.rttSamples());
      measured(gen, "min", f.rttMin());
      measured(gen, "mean", f.rttMean());
      measured(gen, "p50", f.rttP50());
      measured(gen, "p99", f.rttP99());
      gen.writeEndObject();
      gen.writeObjectFieldStart("cwnd");
      measured(gen, "min", f.cwndMin());
      measured(gen, "mean", f.cwndMean());
      measured(gen, "max", f.cwndMax());
      gen.writeEndObject();
      if (f.isDatagrams()) {
        gen.writeObjectFieldStart("datagrams");
        gen.writeNumberField("sent", f.datagramsSent());
        gen.writeNumberField("received", f.datagramsReceived());
        ratio(gen, "loss", f.loss());
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeObjectFieldStart("links");
    for (FlowsReport.LinkUse use : report.links()) {
      gen.writeObjectFieldStart(use.direction());
      gen.writeNumberField("deliveredBytes", use.deliveredBytes());
      measured(gen, "capacityBytes", use.capacityBytes());
      ratio(gen, "utilization", use.utilization());
      gen.writeObjectFieldStart("dropped");
      for (Map.Entry<DropCause, Long> d : use.drops().entrySet()) {
        gen.writeNumberField(d.getKey().traceName(), d.getValue());
      }
      gen.writeEndObject();
      if (use.marked() > 0) {
        gen.writeNumberField("marked", use.marked()); // as in the links counters: ECN only
      }
      FlowsReport.QueueUse queue = use.queue();
      gen.writeObjectFieldStart("queue");
      ratio(gen, "mean", queue.mean());
      measured(gen, "p99", queue.p99());
      measured(gen, "max", queue.max());
      gen.writeEndObject();
      gen.writeObjectFieldStart("sojourn");
      gen.writeNumberField("packets", queue.sojourns());
      measured(gen, "mean", queue.sojournMean());
      measured(gen, "p50", queue.sojournP50());
      measured(gen, "p99", queue.sojournP99());
      measured(gen, "max", queue.sojournMax());
      gen.writeEndObject();
      gen.writeEndObject();
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  /** A measured value, or null when it was not measured. */
  private static void measured(JsonGenerator gen, String key, long value) throws IOException {
    if (value == FlowsReport.NONE) {
      gen.writeNullField(key);
    } else {
      gen.writeNumberField(key, value);
    }
  }

  /** A ratio with six decimals, or null when it is undefined (NaN). */
  private static void ratio(JsonGenerator gen, String key, double value) throws IOException {
    if (Double.isNaN(value)) {
      gen.writeNullField(key);
    } else {
      gen.writeNumberField(key, FlowsCsv.decimal(value));
    }
  }

  private static ObjectNode counters(LinkCounters c) {
    ObjectNode o = NODES.objectNode();
    o.put("offered", c.offered());
    o.put("offeredBytes", c.offeredBytes());
    o.put("delivered", c.delivered());
    o.put("deliveredBytes", c.deliveredBytes());
    o.put("duplicated", c.duplicated());
    o.put("reordered", c.reordered());
    o.put("corrupted", c.corrupted());
    o.put("queueHighWater", c.queueHighWater());
    o.put("queueHighWaterBytes", c.queueHighWaterBytes());
    if (c.marked() > 0) {
      o.put("marked", c.marked()); // only where an AQM marked: older summaries stay as they were
    }
    ObjectNode drops = o.putObject("dropped");
    for (Map.Entry<DropCause, Long> d : c.drops().entrySet()) {
      drops.put(d.getKey().traceName(), d.getValue());
    }
    return o;
  }

  /** Writes the JSON text with a final newline to {@code file}, streaming. */
  public static void write(ObjectNode summary, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeText(summary, out);
      out.write("\n");
    }
  }

  /** The JSON text with a final newline. */
  public static String text(ObjectNode summary) throws IOException {
    StringWriter out = new StringWriter();
    writeText(summary, out);
    return out + "\n";
  }

  private static void writeText(ObjectNode summary, Writer out) throws IOException {
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.setPrettyPrinter(new DefaultPrettyPrinter());
      writeTree(summary, gen);
    }
  }

  /**
   * Writes {@code node} and what it holds, as Jackson's own serialization of a tree does; the
   * {@code flows} report, a POJO node, by {@link #flowsSection}.
   *
   * @throws IllegalArgumentException for a node of a kind the summary never holds (binary, missing,
   *     another POJO)
   */
  private static void writeTree(JsonNode node, JsonGenerator gen) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        gen.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          gen.writeFieldName(field.getKey());
          writeTree(field.getValue(), gen);
        }
        gen.writeEndObject();
      }
      case ARRAY -> {
        gen.writeStartArray();
        for (JsonNode element : node) {
          writeTree(element, gen);
        }
        gen.writeEndArray();
      }
      case STRING -> gen.writeString(node.textValue());
      case BOOLEAN -> gen.writeBoolean(node.booleanValue());
      case NULL -> gen.writeNull();
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> gen.writeNumber(node.intValue());
          case LONG -> gen.writeNumber(node.longValue());
          case DOUBLE -> gen.writeNumber(node.doubleValue());
          case FLOAT -> gen.writeNumber(node.floatValue());
          case BIG_INTEGER -> gen.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> gen.writeNumber(node.decimalValue());
        }
      }
      case POJO -> {
        if (!(((POJONode) node).getPojo() instanceof FlowsReport report)) {
          throw new IllegalArgumentException("no JSON form for " + node);
        }
        flowsSection(report, gen);
      }
      default -> throw new IllegalArgumentException("no JSON form for a " + node.getNodeType());
    }
  }
}
