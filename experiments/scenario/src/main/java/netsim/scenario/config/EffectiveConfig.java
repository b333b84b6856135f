package netsim.scenario.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import netsim.scenario.config.AppSettings.Moment;
import org.jspecify.annotations.Nullable;

/**
 * The effective config as {@code summary.json} shows it and a sweep's config hash covers it: every
 * setting with its default filled in (durations in nanoseconds, rates in bit/s, sizes in bytes).
 * TCP parameters and link directions are written from their tables' rows, under the YAML keys;
 * every other part as its record's components, in their order, under their names (what a record
 * leaves out is marked on it with {@code @JsonIgnore} or {@code @JsonInclude}); rules' match,
 * selection and action, and distributions, as their text.
 *
 * <p>Written by hand rather than by Jackson's reflective serializers: building those for the
 * config's records took 0.1-0.3 s of CPU per process, for a tree a function of the config alone
 * (benchmarks/RESULTS.md, "Session 15, configuration and start-up CPU"). {@code
 * EffectiveConfigJacksonTest} holds the tree to the one Jackson makes of the same records, for
 * every built-in scenario and example.
 */
public final class EffectiveConfig {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EffectiveConfig() {}

  /** The tree of {@code config}. */
  public static ObjectNode tree(ExperimentConfig config) {
    ObjectNode o = NODES.objectNode();
    o.put("name", config.name());
    o.put("description", config.description());
    o.put("seed", config.seed());
    o.set("stop", stop(config.stop()));
    o.set("tcp", rows(TcpSettingsTable.SECTION, config.tcp()));
    o.set("nodes", list(config.nodes(), EffectiveConfig::node));
    o.set("links", list(config.links(), EffectiveConfig::link));
    o.set("changes", list(config.changes(), EffectiveConfig::change));
    o.set("partitions", list(config.partitions(), EffectiveConfig::partition));
    o.set("listeners", list(config.listeners(), EffectiveConfig::listener));
    o.set("clients", list(config.clients(), EffectiveConfig::client));
    o.set("rules", list(config.rules(), EffectiveConfig::rule));
    o.set("invariants", invariants(config.invariants()));
    o.set("outputs", outputs(config.outputs()));
    if (!config.udpSources().isEmpty()) {
      o.set("udpSources", list(config.udpSources(), EffectiveConfig::udpSource));
    }
    if (!config.udpSinks().isEmpty()) {
      o.set("udpSinks", list(config.udpSinks(), EffectiveConfig::udpSink));
    }
    o.put("counterfactual", config.isCounterfactual());
    return o;
  }

  private static ObjectNode stop(StopSettings stop) {
    ObjectNode o = NODES.objectNode();
    o.put("at", stop.at());
    o.put("whenAllClosed", stop.whenAllClosed());
    return o;
  }

  private static ObjectNode node(NodeSettings node) {
    ObjectNode o = NODES.objectNode();
    o.put("name", node.name());
    o.put("kind", node.kind().name());
    o.put("address", node.address());
    o.set("tcp", rows(TcpSettingsTable.SECTION, node.tcp()));
    o.put("crashAt", node.crashAt());
    o.put("restartAt", node.restartAt());
    return o;
  }

  private static ObjectNode link(LinkSettings link) {
    ObjectNode o = NODES.objectNode();
    o.put("name", link.name());
    o.put("a", link.a());
    o.put("b", link.b());
    o.set("aToB", direction(link.aToB()));
    o.set("bToA", direction(link.bToA()));
    return o;
  }

  private static ObjectNode change(ChangeSettings change) {
    ObjectNode o = NODES.objectNode();
    o.put("at", change.at());
    o.put("link", change.link());
    o.put("aToB", change.aToB());
    o.set("settings", direction(change.settings()));
    return o;
  }

  private static ObjectNode partition(PartitionSettings partition) {
    ObjectNode o = NODES.objectNode();
    o.put("at", partition.at());
    o.put("until", partition.until());
    ArrayNode sides = o.putArray("sides");
    for (List<String> side : partition.sides()) {
      ArrayNode names = sides.addArray();
      side.forEach(names::add);
    }
    return o;
  }

  private static ObjectNode listener(ListenerSettings listener) {
    ObjectNode o = NODES.objectNode();
    o.put("host", listener.host());
    o.put("port", listener.port());
    o.put("backlog", listener.backlog());
    o.put("at", listener.at());
    o.set("app", app(listener.app()));
    return o;
  }

  /** A client without its {@code name} and {@code entry} (how it is reported, not what it does). */
  private static ObjectNode client(ClientSettings client) {
    ObjectNode o = NODES.objectNode();
    o.put("host", client.host());
    o.put("remoteHost", client.remoteHost());
    o.put("remotePort", client.remotePort());
    o.put("at", client.at());
    o.put("localPort", client.localPort());
    o.put("connections", client.connections());
    o.put("pause", client.pause());
    o.set("app", app(client.app()));
    RequestSettings requests = client.requests();
    if (requests != null) {
      ObjectNode r = o.putObject("requests");
      r.put("count", requests.count());
      r.put("request", requests.request());
      r.put("response", requests.response());
      r.put("think", requests.think());
    }
    FlowSettings flows = client.flows();
    if (flows != null) {
      ObjectNode f = o.putObject("flows");
      f.put("count", flows.count());
      f.set("size", text(flows.size()));
      f.put("interval", flows.interval());
      f.put("load", flows.load());
      if (flows.link() != null) {
        f.put("link", flows.link());
      }
    }
    return o;
  }

  private static ObjectNode app(AppSettings app) {
    ObjectNode o = NODES.objectNode();
    o.put("send", app.send());
    o.set("sendAt", moment(app.sendAt()));
    o.set("close", moment(app.close()));
    o.put("closeDelay", app.closeDelay());
    o.put("closeHow", app.closeHow());
    o.set("abort", moment(app.abort()));
    return o;
  }

  private static ObjectNode moment(Moment moment) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", moment.kind().name());
    o.put("time", moment.time());
    return o;
  }

  private static ObjectNode rule(RuleSettings rule) {
    ObjectNode o = NODES.objectNode();
    o.put("name", rule.name());
    o.put("on", rule.on());
    o.put("link", rule.link());
    o.put("aToB", rule.aToB());
    o.put("node", rule.node());
    o.set("match", text(rule.match()));
    o.set("selection", text(rule.selection()));
    o.set("action", text(rule.action()));
    o.put("releaseAt", rule.releaseAt());
    o.put("continues", rule.continues());
    return o;
  }

  private static ObjectNode invariants(InvariantSettings invariants) {
    ObjectNode o = NODES.objectNode();
    o.put("dataIntact", invariants.dataIntact());
    o.put("allClosed", invariants.allClosed());
    o.put("noEmbryonic", invariants.noEmbryonic());
    return o;
  }

  /** The outputs; {@code interval} only where not 0, {@code capture} only where not empty. */
  private static ObjectNode outputs(OutputSettings outputs) {
    ObjectNode o = NODES.objectNode();
    o.put("trace", outputs.trace());
    o.put("pcap", outputs.pcap());
    o.put("summary", outputs.summary());
    o.put("ladder", outputs.ladder());
    o.put("ladderMaxSegments", outputs.ladderMaxSegments());
    o.put("plots", outputs.plots());
    if (outputs.interval() != 0) {
      o.put("interval", outputs.interval());
    }
    if (!outputs.capture().isEmpty()) {
      ArrayNode capture = o.putArray("capture");
      outputs.capture().forEach(capture::add);
    }
    return o;
  }

  /** A UDP source without its {@code name} and {@code entry}, as a client. */
  private static ObjectNode udpSource(UdpSourceSettings source) {
    ObjectNode o = NODES.objectNode();
    o.put("host", source.host());
    o.put("remoteHost", source.remoteHost());
    o.put("remotePort", source.remotePort());
    o.put("localPort", source.localPort());
    o.put("at", source.at());
    UdpTraffic traffic = source.traffic();
    ObjectNode t = o.putObject("traffic");
    t.put("kind", traffic.kind());
    t.put("rate", traffic.rate());
    t.put("size", traffic.size());
    t.put("until", traffic.until());
    t.set("on", text(traffic.on()));
    t.set("off", text(traffic.off()));
    return o;
  }

  private static ObjectNode udpSink(UdpSinkSettings sink) {
    ObjectNode o = NODES.objectNode();
    o.put("host", sink.host());
    o.put("port", sink.port());
    return o;
  }

  private static ObjectNode direction(LinkConfig direction) {
    return rows(LinkSettingsTable.SECTION, direction);
  }

  /** A value of a table's section as a mapping of its rows, nested mappings last. */
  private static <C> ObjectNode rows(Section<C, ?> section, C value) {
    ObjectNode o = NODES.objectNode();
    for (Setting<C, ?, ?> row : section.rows()) {
      o.set(row.key(), value(row.get().apply(value)));
    }
    for (Map.Entry<String, ? extends Section<C, ?>> nested : section.nested().entrySet()) {
      o.set(nested.getKey(), rows(nested.getValue(), value));
    }
    return o;
  }

  /**
   * A row's value: a number, flag or text as itself, a queue as its kind, limits and parameters, a
   * loss model as its name and parameters.
   *
   * @throws IllegalArgumentException for a value of another type: a row added with one writes it
   *     here
   */
  private static JsonNode value(@Nullable Object value) {
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof Integer i) {
      return NODES.numberNode(i.intValue());
    } else if (value instanceof Long l) {
      return NODES.numberNode(l.longValue());
    } else if (value instanceof Double d) {
      return NODES.numberNode(d.doubleValue());
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof LinkConfig.NamedQueue queue) {
      return queue(queue);
    } else if (value instanceof LossModel.Spec loss) {
      return loss(loss);
    }
    throw new IllegalArgumentException(
        "no effective-config form for a setting's value of " + value.getClass());
  }

  private static ObjectNode queue(LinkConfig.NamedQueue queue) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", queue.kind());
    o.put("packets", queue.packets());
    o.put("bytes", queue.bytes());
    ObjectNode parameters = o.putObject("parameters");
    queue.parameters().forEach(parameters::put);
    return o;
  }

  /** A loss model as its name and netem's four parameters (0 where the model has none). */
  private static ObjectNode loss(LossModel.Spec loss) {
    String model = "none";
    double[] p = new double[4];
    if (loss instanceof LossModel.Bernoulli b) {
      model = "bernoulli";
      p[0] = b.p();
    } else if (loss instanceof LossModel.GilbertElliott g) {
      model = "gilbert-elliott";
      p = new double[] {g.p(), g.r(), g.lossInBad(), g.lossInGood()};
    }
    ObjectNode o = NODES.objectNode();
    o.put("model", model);
    o.put("p", p[0]);
    o.put("r", p[1]);
    o.put("lossInBad", p[2]);
    o.put("lossInGood", p[3]);
    return o;
  }

  /** A match, selection, action or distribution as its text; null as null. */
  private static JsonNode text(@Nullable Object value) {
    return value == null ? NODES.nullNode() : NODES.textNode(value.toString());
  }

  private static <T> ArrayNode list(List<T> values, Function<T, ObjectNode> tree) {
    ArrayNode array = NODES.arrayNode(values.size());
    for (T value : values) {
      array.add(tree.apply(value));
    }
    return array;
  }
}
