package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import netsim.tcp.TcpConfig;
import org.jspecify.annotations.Nullable;

/**
 * A whole experiment, read from YAML once, checked, with every default filled in: the settings
 * objects the run is built from. No string paths reach the model.
 */
public record ExperimentConfig(
    String name,
    String description,
    long seed,
    StopSettings stop,
    TcpConfig tcp,
    List<NodeSettings> nodes,
    List<LinkSettings> links,
    List<ChangeSettings> changes,
    List<PartitionSettings> partitions,
    List<ListenerSettings> listeners,
    List<ClientSettings> clients,
    List<RuleSettings> rules,
    InvariantSettings invariants,
    OutputSettings outputs,
    // Left out of summary.json when empty: a run without UDP reads as before.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UdpSourceSettings> udpSources,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UdpSinkSettings> udpSinks) {

  /** The node called {@code name}, or null. */
  public @Nullable NodeSettings node(String nodeName) {
    for (NodeSettings node : nodes) {
      if (node.name().equals(nodeName)) {
        return node;
      }
    }
    return null;
  }

  /** Whether any host departs from the RFCs on purpose. */
  public boolean isCounterfactual() {
    return !counterfactuals().isEmpty();
  }

  /** "server: twoWayHandshake" for every counterfactual option in force, by host. */
  public List<String> counterfactuals() {
    List<String> found = new java.util.ArrayList<>();
    for (NodeSettings node : nodes) {
      if (node.kind() == NodeSettings.Kind.HOST) {
        TcpConfig c = node.tcp();
        if (c.twoWayHandshake()) {
          found.add(node.name() + ": twoWayHandshake");
        }
        if (c.timeWait() == 0) {
          found.add(node.name() + ": zeroTimeWait");
        }
      }
    }
    return found;
  }
}
