package netsim.scenario.run;

import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.UdpSourceSettings;
import netsim.scenario.config.UdpTraffic;
import netsim.scenario.traffic.Distribution;
import netsim.udp.UdpStack;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A UDP source (docs/config.md, "udpSources"): from its start until {@code until}, the run's end or
 * its host's crash, sends datagrams of {@code size} bytes paced by its kind. {@code cbr}: the k-th
 * datagram at start + floor(k size 8 / rate) exactly, so the long-run rate is exact to the
 * nanosecond. {@code poisson}: gaps drawn exponential with mean size 8 / rate. {@code onoff}: an
 * on-period drawn from {@code on}, sending at the constant rate from its beginning, then an
 * off-period drawn from {@code off}, and so on. Its draws come from its own stream, {@code
 * udp-source/NAME}, so adding a source changes no other draw.
 */
final class UdpSourceApp {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final UdpSourceSettings settings;
  private final UdpTraffic traffic;
  private final UdpStack stack;
  private final Ipv4Address remote;
  private final int port;
  private final Activity activity;
  private final DatagramFlow flow;

  /** The gap between datagrams at the rate, size 8 / rate seconds, as whole ns plus a fraction. */
  private final long gap;

  private final long gapRemainder;
  private final Distribution.Sampler poissonGaps;
  private final Distribution.Sampler onPeriods;
  private final Distribution.Sampler offPeriods;

  /** When the next datagram is due, and the fraction of a nanosecond (over the rate) behind it. */
  private long due;

  private long fraction;

  /** When the current on-period ends (onoff only). */
  private long onEnds;

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
    long bitNanos = traffic.size() * 8 * NANOS_PER_SECOND;
    this.gap = bitNanos / traffic.rate();
    this.gapRemainder = bitNanos % traffic.rate();
    this.poissonGaps =
        traffic.kind().equals("poisson")
            ? new Distribution.Exponential((double) bitNanos / traffic.rate()).sampler(random)
            : null;
    this.onPeriods = traffic.kind().equals("onoff") ? traffic.on().sampler(random) : null;
    this.offPeriods = traffic.kind().equals("onoff") ? traffic.off().sampler(random) : null;
  }

  void start() {
    due = settings.at();
    if (onPeriods != null) {
      onEnds = due + onPeriods.next();
    }
    activity.at(due, this::send);
  }

  private void send() {
    if (stopped) {
      return;
    }
    stack.send(port, remote, settings.remotePort(), (int) traffic.size(), number++);
    flow.sent++;
    flow.sentBytes += traffic.size();
    advance();
    if (traffic.until() < 0 || due < traffic.until()) {
      activity.at(due, this::send);
    }
  }

  /** Moves {@link #due} to the next datagram's time. */
  private void advance() {
    if (poissonGaps != null) {
      due += poissonGaps.next();
      return;
    }
    due += gap;
    fraction += gapRemainder;
    if (fraction >= traffic.rate()) {
      due++;
      fraction -= traffic.rate();
    }
    if (onPeriods != null && due >= onEnds) {
      // The on-period is over: silent for an off-period, then the next one starts afresh.
      due = onEnds + offPeriods.next();
      fraction = 0;
      onEnds = due + onPeriods.next();
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
