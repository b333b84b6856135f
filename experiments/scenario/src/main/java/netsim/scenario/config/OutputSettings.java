package netsim.scenario.config;

/**
 * Which output files a run writes, how many segments the ladder diagram draws at most, and whether
 * a run that carries data gets its time-sequence and cwnd plots.
 */
public record OutputSettings(
    boolean trace,
    boolean pcap,
    boolean summary,
    boolean ladder,
    int ladderMaxSegments,
    boolean plots) {}
