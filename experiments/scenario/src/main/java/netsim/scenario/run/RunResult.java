package netsim.scenario.run;

import java.util.List;
import java.util.Map;
import netsim.net.fault.FaultChain;
import netsim.net.link.Link;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpStack;

/**
 * What a run produced: its events in order, the TCP stacks and links in their final state, the
 * applications' records and the fault chains, for the outputs and the invariants.
 *
 * @param end the virtual time the run ended
 * @param stopReason why it ended, in words
 */
public record RunResult(
    ExperimentConfig config,
    long end,
    String stopReason,
    List<TraceEvent> events,
    Map<String, TcpStack> stacks,
    Map<String, Link> links,
    List<AppRecord> apps,
    List<Experiment.ServerAppView> listeners,
    List<FaultChain> chains) {}
