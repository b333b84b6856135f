package netsim.scenario.run;

import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.UdpSourceSettings;
import netsim.scenario.config.UdpTraffic;
import netsim.scenario.traffic.UdpPacing;
import netsim.scenario.traffic.UdpPacings;
import netsim.udp.UdpStack;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A UDP source (docs/config.md, "udpSources"): from its start until {@code until}, the run's end or
 * its host's crash, sends datagrams of {@code size} bytes at the times its kind's {@link UdpPacing}
 * gives ({@link UdpPacings#KINDS}). Its draws come from its own stream, {@code udp-source/NAME}, so
 * adding a source changes no other draw.
 */
final class UdpSourceApp {
  private final UdpSourceSettings settings;
  private final UdpTraffic traffic;
  private final UdpStack stack;
  private final Ipv4Address remote;
  private final int port;
  private final Activity activity;
  private final DatagramFlow flow;
  private final UdpPacing pacing;

  /** When the next datagram is due. */
  private long due;

  private long number;
  private boolean stopped;

  UdpSourceApp(
      UdpSourceSettings settings,
      UdpStack stack,
      Ipv4Address remote,
      int port,
      Activity activity,
      UniformRandomProvider random,
      DatagramFlow flow) {
    this.settings = settings;
    this.traffic = settings.traffic();
    this.stack = stack;
    this.remote = remote;
    this.port = port;
    this.activity = activity;
    this.flow = flow;
    this.pacing =
        UdpPacings.KINDS
            .get(traffic.kind())
            .create(traffic.rate(), traffic.size(), traffic.on(), traffic.off(), random);
  }

  void start() {
    due = pacing.first(settings.at());
    activity.at(due, this::send);
  }

  private void send() {
    if (stopped) {
      return;
    }
    stack.send(port, remote, settings.remotePort(), (int) traffic.size(), number++);
    flow.sent++;
    flow.sentBytes += traffic.size();
    due = pacing.next(due);
    if (traffic.until() < 0 || due < traffic.until()) {
      activity.at(due, this::send);
    }
  }

  /** The host crashed: no more datagrams. */
  void stop() {
    stopped = true;
    flow.stopped = true;
  }

  String host() {
    return settings.host();
  }
}
