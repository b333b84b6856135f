package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A client: connects from {@code host} to {@code remoteHost:remotePort} at virtual time {@code at},
 * from {@code localPort} (0 = an ephemeral port), {@code connections} times in sequence, each
 * {@code pause} after the previous one reached CLOSED. A client entry with {@code count: N} is N of
 * these.
 *
 * @param name the name its flows are reported under: the entry's {@code name} (default {@code
 *     clientJ}, J counting entries from 1), with {@code .i} for the i-th of a {@code count}
 * @param requests request/response on each connection, or null (a client that gives no {@code
 *     requests})
 * @param flows finite flows with Poisson arrivals instead of {@code connections}, or null (a client
 *     that gives no {@code flows})
 * @param entry the field path of the entry it comes from, {@code clients[2]}, for messages
 */
public record ClientSettings(
    String host,
    String remoteHost,
    int remotePort,
    long at,
    int localPort,
    int connections,
    long pause,
    AppSettings app,
    @JsonInclude(JsonInclude.Include.NON_NULL) RequestSettings requests,
    @JsonInclude(JsonInclude.Include.NON_NULL) FlowSettings flows,
    // Not part of the effective config: summary.json's config shows what the run does.
    @JsonIgnore String name,
    @JsonIgnore String entry) {}
