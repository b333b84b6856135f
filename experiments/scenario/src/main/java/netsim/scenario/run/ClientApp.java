package netsim.scenario.run;

import java.util.List;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ClientSettings;
import netsim.tcp.Endpoint;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;

/**
 * A client: makes its connections one after the other, each {@code pause} after the previous one
 * reached CLOSED (or its OPEN failed), and stops when its host crashes after it started.
 */
final class ClientApp {
  private final ClientSettings settings;
  private final TcpStack stack;
  private final Endpoint remote;
  private final Activity activity;

  /** Where the application reports its own calls: its host's TCP observer. */
  private final TcpObserver events;

  private final long seed;
  private final List<AppRecord> records;
  private final PendingRequests pending;
  private int made;
  private boolean stopped;

  ClientApp(
      ClientSettings settings,
      TcpStack stack,
      Ipv4Address remoteAddress,
      Activity activity,
      TcpObserver events,
      long seed,
      List<AppRecord> records,
      PendingRequests pending) {
    this.settings = settings;
    this.stack = stack;
    this.remote = new Endpoint(remoteAddress, settings.remotePort());
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.records = records;
    this.pending = pending;
  }

  void start() {
    activity.begin(); // until the last connection is made
    activity.at(settings.at(), this::connect);
  }

  private void connect() {
    if (stopped) {
      return;
    }
    made++;
    if (made == settings.connections()) {
      activity.end();
    }
    ConnectionApp app =
        new ConnectionApp(
            activity,
            events,
            stack.node(),
            "client",
            seed,
            settings.app(),
            settings.requests(),
            this::closed);
    app.record().flow =
        settings.connections() == 1 ? settings.name() : settings.name() + "#" + made;
    records.add(app.record());
    TcpConnection connection = app.open(stack, settings.localPort(), remote);
    if (connection != null && settings.requests() != null) {
      pending.expect(connection.tuple(), settings.requests());
    }
  }

  private void closed() {
    if (!stopped && made < settings.connections()) {
      activity.after(settings.pause(), this::connect);
    }
  }

  /**
   * The host crashed: a client that has started makes no more connections (its process died with
   * the host). A client whose start time is still to come is not affected: it runs then.
   */
  void stop() {
    if (made == 0) {
      return;
    }
    if (!stopped && made < settings.connections()) {
      activity.end();
    }
    stopped = true;
  }

  String host() {
    return settings.host();
  }
}
