package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

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
    @JsonIgnore String entry) {

  static Builder builder() {
    return new Builder();
  }

  /** This client named {@code value}. */
  ClientSettings named(String value) {
    return new ClientSettings(
        host,
        remoteHost,
        remotePort,
        at,
        localPort,
        connections,
        pause,
        app,
        requests,
        flows,
        value,
        entry);
  }

  /** This client with its application, requests, flows and entry path. */
  ClientSettings with(
      AppSettings appValue,
      @Nullable RequestSettings requestsValue,
      @Nullable FlowSettings flowsValue,
      @Nullable String entryValue) {
    return new ClientSettings(
        host,
        remoteHost,
        remotePort,
        at,
        localPort,
        connections,
        pause,
        appValue,
        requestsValue,
        flowsValue,
        name,
        entryValue);
  }

  /** Collects the keys of the client table ({@code ClientTable}). */
  static final class Builder {
    private String host;
    private String remoteHost;
    private int remotePort;
    private long at;
    private int localPort;
    private int connections;
    private long pause;
    private String name;

    Builder host(String value) {
      host = value;
      return this;
    }

    Builder remote(String hostValue, int port) {
      remoteHost = hostValue;
      remotePort = port;
      return this;
    }

    Builder at(long value) {
      at = value;
      return this;
    }

    Builder localPort(int value) {
      localPort = value;
      return this;
    }

    Builder connections(int value) {
      connections = value;
      return this;
    }

    Builder pause(long value) {
      pause = value;
      return this;
    }

    Builder name(String value) {
      name = value;
      return this;
    }

    /** The client, its application, requests, flows and entry given later ({@link #with}). */
    ClientSettings build() {
      return new ClientSettings(
          host,
          remoteHost,
          remotePort,
          at,
          localPort,
          connections,
          pause,
          AppSettings.builder().build(),
          null,
          null,
          name,
          null);
    }
  }
}
