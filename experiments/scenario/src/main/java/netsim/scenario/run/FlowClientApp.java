package netsim.scenario.run;

import java.util.List;
import netsim.scenario.config.AppSettings;
import netsim.scenario.config.ClientSettings;
import netsim.scenario.config.FlowSettings;
import netsim.scenario.traffic.Distribution;
import netsim.tcp.Endpoint;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A client of finite flows (docs/config.md, "flows"): flows arrive as a Poisson process from its
 * start (the first one gap after it), each a connection of its own, from an ephemeral port, that
 * writes a size drawn for it and closes as the client's settings say; they overlap freely. The k-th
 * is reported as flow {@code NAME#k}. Gaps and sizes come from two streams of their own, {@code
 * flow-arrivals/NAME} and {@code flow-sizes/NAME}, so changing the sizes moves no arrival.
 */
final class FlowClientApp {
  private final ClientSettings settings;
  private final FlowSettings flows;
  private final TcpStack stack;
  private final Endpoint remote;
  private final Activity activity;
  private final TcpObserver events;
  private final long seed;
  private final List<AppRecord> records;
  private final Distribution.Sampler gaps;
  private final Distribution.Sampler sizes;
  private int made;
  private boolean stopped;

  FlowClientApp(
      ClientSettings settings,
      TcpStack stack,
      Endpoint remote,
      Activity activity,
      TcpObserver events,
      long seed,
      List<AppRecord> records,
      UniformRandomProvider arrivals,
      UniformRandomProvider sizeDraws) {
    this.settings = settings;
    this.flows = settings.flows();
    this.stack = stack;
    this.remote = remote;
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.records = records;
    this.gaps = new Distribution.Exponential(flows.interval()).sampler(arrivals);
    this.sizes = flows.size().sampler(sizeDraws);
  }

  void start() {
    activity.begin(); // until the last flow has arrived
    activity.at(netsim.core.Time.after(settings.at(), gaps.next()), this::arrive);
  }

  private void arrive() {
    if (stopped) {
      return;
    }
    made++;
    if (made == flows.count()) {
      activity.end();
    } else {
      activity.after(gaps.next(), this::arrive);
    }
    AppSettings base = settings.app();
    AppSettings app =
        new AppSettings(
            sizes.next(),
            base.sendAt(),
            base.close(),
            base.closeDelay(),
            base.closeHow(),
            base.abort());
    ConnectionApp connection =
        new ConnectionApp(activity, events, stack.node(), "client", seed, app, () -> {});
    connection.record().flow = settings.name() + "#" + made;
    records.add(connection.record());
    connection.open(stack, 0, remote);
  }

  /** The host crashed: no more flows arrive (those open vanish with the host's stack). */
  void stop() {
    if (activity.simulator().now() < settings.at()) {
      return; // it has not started: it runs then
    }
    if (!stopped && made < flows.count()) {
      activity.end();
    }
    stopped = true;
  }

  String host() {
    return settings.host();
  }
}
