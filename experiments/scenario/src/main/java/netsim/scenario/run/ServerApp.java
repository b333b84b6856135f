package netsim.scenario.run;

import java.util.List;
import netsim.scenario.config.ListenerSettings;
import netsim.tcp.TcpListener;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;

/**
 * A server: listens from its start time, and again after its host restarts; each accepted
 * connection gets a {@link ConnectionApp} with the listener's settings, or, for a request/response
 * client's, one that answers its requests.
 */
final class ServerApp {
  private final ListenerSettings settings;
  private final Activity activity;

  /** Where the application reports its own calls: its host's TCP observer. */
  private final TcpObserver events;

  private final long seed;
  private final List<AppRecord> records;
  private final PendingRequests pending;
  private final TcpStack stack;
  private TcpListener listener;
  private boolean started;

  ServerApp(
      ListenerSettings settings,
      TcpStack stack,
      Activity activity,
      TcpObserver events,
      long seed,
      List<AppRecord> records,
      PendingRequests pending) {
    this.settings = settings;
    this.stack = stack;
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.records = records;
    this.pending = pending;
  }

  void start() {
    activity.at(settings.at(), this::listen);
  }

  private void listen() {
    started = true;
    listener =
        stack.listen(
            settings.port(),
            settings.backlog(),
            child -> {
              // A request/response client's connection is answered as its requests ask.
              ConnectionApp app =
                  new ConnectionApp(
                      activity,
                      events,
                      stack.node(),
                      "server",
                      seed,
                      settings.app(),
                      pending.take(child.tuple()),
                      () -> {});
              records.add(app.record());
              app.attach(child);
              return app;
            });
  }

  /** The host came back: listen again if it listened before the crash. */
  void restart() {
    if (started && (listener == null || !listener.isOpen())) {
      listen();
    }
  }

  TcpListener listener() {
    return listener;
  }

  String host() {
    return settings.host();
  }
}
