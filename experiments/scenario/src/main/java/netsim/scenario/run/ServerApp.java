package netsim.scenario.run;

import java.util.List;
import netsim.scenario.config.ListenerSettings;
import netsim.tcp.TcpListener;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;

/**
 * A server: listens from its start time, and again after its host restarts; each accepted
 * connection gets a {@link ConnectionApp} with the listener's settings.
 */
final class ServerApp {
  private final ListenerSettings settings;
  private final Activity activity;

  /** Where the application reports its own calls: its host's TCP observer. */
  private final TcpObserver events;

  private final long seed;
  private final List<AppRecord> records;
  private final TcpStack stack;
  private TcpListener listener;
  private boolean started;

  ServerApp(
      ListenerSettings settings,
      TcpStack stack,
      Activity activity,
      TcpObserver events,
      long seed,
      List<AppRecord> records) {
    this.settings = settings;
    this.stack = stack;
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.records = records;
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
              ConnectionApp app =
                  new ConnectionApp(
                      activity, events, stack.node(), "server", seed, settings.app(), () -> {});
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
