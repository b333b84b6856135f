package netsim.scenario.run;

import java.util.LinkedHashMap;
import java.util.Map;
import netsim.scenario.config.RequestSettings;
import netsim.tcp.FourTuple;
import org.jspecify.annotations.Nullable;

/**
 * What each request/response client's connection asks of its listener, from the moment it is opened
 * until the listener accepts it: the request carries it, as an RPC header would, so a listener
 * needs no settings of its own to answer.
 */
final class PendingRequests {
  private final Map<FourTuple, RequestSettings> byServerView = new LinkedHashMap<>();

  /** The client opened {@code connection} (its own view) to exchange {@code requests}. */
  void expect(FourTuple connection, RequestSettings requests) {
    byServerView.put(
        new FourTuple(/* local= */ connection.remote(), /* remote= */ connection.local()),
        requests);
  }

  /** What the listener's new connection {@code child} (its view) is to answer, or null. */
  @Nullable RequestSettings take(FourTuple child) {
    return byServerView.remove(child);
  }
}
