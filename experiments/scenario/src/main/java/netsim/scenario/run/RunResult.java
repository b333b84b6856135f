package netsim.scenario.run;

import java.util.List;
import java.util.Map;
import netsim.net.fault.FaultChain;
import netsim.net.link.Link;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.RunIndex;
import netsim.tcp.TcpStack;

/**
 * What a run produced: its connections, the TCP stacks and links in their final state, the
 * applications' records and the fault chains, for the outputs and the invariants. Not its events:
 * the run's sinks saw them as they happened ({@link Experiment}).
 *
 * @param end the virtual time the run ended
 * @param stopReason why it ended, in words
 * @param index the names behind the ids of its events
 * @param connections every connection of every host, host by host, in order of creation
 * @param datagramFlows every UDP source's flow, in config order
 */
public record RunResult(
    ExperimentConfig config,
    long end,
    String stopReason,
    RunIndex index,
    List<ConnectionReport> connections,
    Map<String, TcpStack> stacks,
    Map<String, Link> links,
    List<AppRecord> apps,
    List<Experiment.ServerAppView> listeners,
    List<FaultChain> chains,
    List<DatagramFlow> datagramFlows) {}
