package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A UDP source: sends from {@code host} (port {@code localPort}, 0 = an ephemeral port) to the sink
 * at {@code remoteHost:remotePort}, from virtual time {@code at}, what {@code traffic} says. An
 * entry with {@code count: N} is N of these.
 *
 * @param name the name its flow is reported under: the entry's {@code name} (default {@code udpJ},
 *     J counting entries from 1), with {@code .i} for the i-th of a {@code count}
 * @param entry the field path of the entry it comes from, {@code udpSources[1]}, for messages
 */
public record UdpSourceSettings(
    String host,
    String remoteHost,
    int remotePort,
    int localPort,
    long at,
    UdpTraffic traffic,
    @JsonIgnore String name,
    @JsonIgnore String entry) {}
