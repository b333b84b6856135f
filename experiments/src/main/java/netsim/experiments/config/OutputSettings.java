package netsim.experiments.config;

/** Which output files a run writes, and how many segments the ladder diagram draws at most. */
public record OutputSettings(boolean trace, boolean pcap, boolean summary, boolean ladder,
    int ladderMaxSegments) {}
