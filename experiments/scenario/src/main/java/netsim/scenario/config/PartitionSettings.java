package netsim.scenario.config;

import java.util.List;

/**
 * A network partition: at {@code at} every link with its two ends on different sides goes down,
 * both ways; at {@code until} (or never, -1) it comes back up.
 */
public record PartitionSettings(long at, long until, List<List<String>> sides) {}
