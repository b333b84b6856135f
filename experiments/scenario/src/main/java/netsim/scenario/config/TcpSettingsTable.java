package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.Arrays;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.Section.Values;
import netsim.tcp.CongestionControls;
import netsim.tcp.EcnMode;
import netsim.tcp.HostProfile;
import netsim.tcp.SackRecoveries;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConfig.Builder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tcp} section (and a host's own {@code tcp:}), bound straight into sim-tcp's {@link
 * TcpConfig.Builder}: one row per key. Adding a TCP setting is its {@code TcpConfig} field and
 * setter, and one row here (the checks then ask for its line in {@code reference.yaml} and {@code
 * docs/config.md}). Two options are COUNTERFACTUAL, departing from the RFCs on purpose to show what
 * the real rules prevent: {@code counterfactual.twoWayHandshake} and {@code
 * counterfactual.zeroTimeWait} (a TIME-WAIT of 0).
 */
final class TcpSettingsTable {
  /** The values of {@code ecn}: "off", "on", "passive". */
  private static final List<String> ECN_MODES =
      Arrays.stream(EcnMode.values()).map(EcnMode::configName).toList();

  /**
   * The host profile (rfc, linux, freebsd): first, since it sets the defaults of the keys after it
   * that are not given beside it ({@link #bind}).
   */
  static final Setting<TcpConfig, Builder, String> PROFILE =
      Setting.of(
          "profile",
          TcpSettingsTable::profile,
          (b, name) -> b.profile(HostProfile.named(name)),
          c -> c.profile().name());

  static final Setting<TcpConfig, Builder, Integer> MSS =
      Setting.of("mss", n -> (int) n.integer(64, 65495), Builder::mss, TcpConfig::mss);
  static final Setting<TcpConfig, Builder, Long> MSL =
      Setting.of("msl", ConfigNode::duration, Builder::msl, TcpConfig::msl);
  static final Setting<TcpConfig, Builder, Long> INITIAL_RTO =
      Setting.of(
          "initialRto", ConfigBinder::positiveDuration, Builder::initialRto, TcpConfig::initialRto);
  static final Setting<TcpConfig, Builder, Long> MIN_RTO =
      Setting.of("minRto", ConfigBinder::positiveDuration, Builder::minRto, TcpConfig::minRto);
  static final Setting<TcpConfig, Builder, Long> MAX_RTO =
      Setting.of("maxRto", ConfigBinder::positiveDuration, Builder::maxRto, TcpConfig::maxRto);
  static final Setting<TcpConfig, Builder, Long> CLOCK_GRANULARITY =
      Setting.of(
          "clockGranularity",
          ConfigNode::duration,
          Builder::clockGranularity,
          TcpConfig::clockGranularity);
  static final Setting<TcpConfig, Builder, Long> SEND_BUFFER =
      Setting.of(
          "sendBuffer",
          n -> n.size(1, 1L << 30),
          (b, v) -> b.sendBuffer(v.intValue()),
          c -> (long) c.sendBuffer());
  static final Setting<TcpConfig, Builder, Long> RECEIVE_BUFFER =
      Setting.of(
          "receiveBuffer",
          n -> n.size(1, 1L << 30),
          (b, v) -> b.receiveBuffer(v.intValue()),
          c -> (long) c.receiveBuffer());
  static final Setting<TcpConfig, Builder, Boolean> WINDOW_SCALING =
      Setting.of(
          "windowScaling", ConfigNode::bool, Builder::windowScaling, TcpConfig::windowScaling);
  static final Setting<TcpConfig, Builder, Boolean> ZERO_TIME_WAIT =
      Setting.of(
          "zeroTimeWait",
          ConfigNode::bool,
          (b, zero) -> b.timeWait(zero ? 0 : -1),
          c -> c.timeWait() == 0);

  /** The counterfactual options, the nested mapping {@code counterfactual}. */
  static final Section<TcpConfig, Builder> COUNTERFACTUAL =
      Section.of(
          TcpConfig::builder,
          Builder::build,
          List.of(
              Setting.of(
                  "twoWayHandshake",
                  ConfigNode::bool,
                  Builder::twoWayHandshake,
                  TcpConfig::twoWayHandshake),
              ZERO_TIME_WAIT));

  /** The rows, in the order of reference.yaml (and of summary.json's {@code tcp}). */
  static final Section<TcpConfig, Builder> SECTION =
      Section.of(
              TcpConfig::builder,
              Builder::build,
              List.of(
                  PROFILE,
                  MSS,
                  MSL,
                  INITIAL_RTO,
                  MIN_RTO,
                  MAX_RTO,
                  CLOCK_GRANULARITY,
                  Setting.of(
                      "synRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::synRetries,
                      TcpConfig::synRetries),
                  Setting.of(
                      "synAckRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::synAckRetries,
                      TcpConfig::synAckRetries),
                  Setting.of(
                      "maxRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::maxRetries,
                      TcpConfig::maxRetries),
                  SEND_BUFFER,
                  RECEIVE_BUFFER,
                  WINDOW_SCALING,
                  Setting.of(
                      "timestamps", ConfigNode::bool, Builder::timestamps, TcpConfig::timestamps),
                  Setting.of(
                      "sack", ConfigNode::bool, Builder::sackPermitted, TcpConfig::sackPermitted),
                  Setting.of(
                      "sackRecovery",
                      TcpSettingsTable::sackRecovery,
                      Builder::sackRecovery,
                      TcpConfig::sackRecovery),
                  Setting.<TcpConfig, Builder, String>of(
                      "ecn",
                      TcpSettingsTable::ecnMode,
                      (b, mode) -> b.ecn(EcnMode.named(mode)),
                      c -> c.ecn().configName()),
                  Setting.of(
                      "challengeAcks",
                      ConfigNode::bool,
                      Builder::challengeAcks,
                      TcpConfig::challengeAcks),
                  Setting.of(
                      "challengeAckInterval",
                      ConfigNode::duration,
                      Builder::challengeAckInterval,
                      TcpConfig::challengeAckInterval),
                  Setting.of("rfc1337", ConfigNode::bool, Builder::rfc1337, TcpConfig::rfc1337),
                  Setting.of(
                      "acceptSynInTimeWait",
                      ConfigNode::bool,
                      Builder::acceptSynInTimeWait,
                      TcpConfig::acceptSynInTimeWait),
                  Setting.of(
                      "congestionControl",
                      TcpSettingsTable::congestionControl,
                      Builder::congestionControl,
                      TcpConfig::congestionControl),
                  Setting.of(
                      "initialWindow",
                      n -> (int) n.integer(0, 1000),
                      Builder::initialWindow,
                      TcpConfig::initialWindow),
                  Setting.of("nagle", ConfigNode::bool, Builder::nagle, TcpConfig::nagle),
                  Setting.of(
                      "delayedAck", ConfigNode::bool, Builder::delayedAck, TcpConfig::delayedAck),
                  Setting.of(
                      "delayedAckTimeout",
                      ConfigBinder::positiveDuration,
                      Builder::delayedAckTimeout,
                      TcpConfig::delayedAckTimeout),
                  Setting.of(
                      "keepalive", ConfigNode::bool, Builder::keepalive, TcpConfig::keepalive),
                  Setting.of(
                      "keepaliveIdle",
                      ConfigBinder::positiveDuration,
                      Builder::keepaliveIdle,
                      TcpConfig::keepaliveIdle),
                  Setting.of(
                      "keepaliveInterval",
                      ConfigBinder::positiveDuration,
                      Builder::keepaliveInterval,
                      TcpConfig::keepaliveInterval),
                  Setting.of(
                      "keepaliveProbes",
                      n -> (int) n.integer(1, 255),
                      Builder::keepaliveProbes,
                      TcpConfig::keepaliveProbes)))
          .withNested("counterfactual", COUNTERFACTUAL)
          .withCheckAfter("maxRto", TcpSettingsTable::maxRtoNotBelowMinRto)
          .withCheckAfter("windowScaling", TcpSettingsTable::receiveBufferFitsWindow);

  private static final String RTO_TOO_SMALL =
      "below 1ms, an RTO retransmits every segment whose round trip takes longer,"
          + " before its ACK can arrive (RFC 6298 2.4 asks for at least 1s; Linux uses 200ms)";

  private TcpSettingsTable() {}

  /**
   * The TCP parameters of {@code node} over {@code base} (null for the reference, which must give
   * every key), with warnings for values that defeat TCP's timers or buffers.
   */
  static TcpConfig bind(ConfigNode node, @Nullable TcpConfig base) {
    Values<TcpConfig> v = SECTION.read(node, base == null ? null : underProfile(node, base));
    warnBelow(v, v.get(INITIAL_RTO), Time.MILLISECOND, RTO_TOO_SMALL, INITIAL_RTO);
    warnBelow(v, v.get(MIN_RTO), Time.MILLISECOND, RTO_TOO_SMALL, MIN_RTO);
    warnBelow(
        v,
        v.get(CLOCK_GRANULARITY),
        Time.MICROSECOND,
        "a clock granularity below 1us is finer than"
            + " any TCP's timers (Linux and FreeBSD tick in 1ms): the RTO may fall to the round trip"
            + " itself (RFC 6298 2.3)",
        CLOCK_GRANULARITY);
    int mss = v.get(MSS);
    warnBelow(
        v,
        v.get(SEND_BUFFER),
        mss,
        "a send buffer smaller than one segment (mss "
            + mss
            + "): no segment carries more than "
            + v.get(SEND_BUFFER)
            + " bytes",
        SEND_BUFFER,
        MSS);
    warnBelow(
        v,
        v.get(RECEIVE_BUFFER),
        mss,
        "a receive buffer smaller than one segment (mss "
            + mss
            + "): the peer sends at most "
            + v.get(RECEIVE_BUFFER)
            + " bytes per window",
        RECEIVE_BUFFER,
        MSS);
    if (v.get(MSL) == 0 && !v.get(ZERO_TIME_WAIT)) {
      throw v.at(MSL)
          .error(
              "an MSL of 0 takes TIME-WAIT away,"
                  + " which is the counterfactual tcp.counterfactual.zeroTimeWait: set that to run it"
                  + " labelled COUNTERFACTUAL, or give a positive MSL (RFC 9293: 2min; Linux's"
                  + " TIME-WAIT of 60s is an MSL of 30s)");
    }
    try {
      return SECTION.build(v);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static void maxRtoNotBelowMinRto(Values<TcpConfig> v) {
    long minRto = v.get(MIN_RTO);
    long maxRto = v.get(MAX_RTO);
    if (maxRto < minRto) {
      throw v.at(MAX_RTO)
          .error("maxRto " + Time.format(maxRto) + " is below minRto " + Time.format(minRto));
    }
  }

  private static void receiveBufferFitsWindow(Values<TcpConfig> v) {
    long receiveBuffer = v.get(RECEIVE_BUFFER);
    if (!v.get(WINDOW_SCALING) && receiveBuffer > 0xFFFF) {
      throw v.at(RECEIVE_BUFFER)
          .error(
              "a receive buffer of "
                  + receiveBuffer
                  + " bytes needs windowScaling: true"
                  + " (at most 65535 bytes without it)");
    }
  }

  /**
   * {@code base}, or where {@code node} names a profile, {@code base} with that profile's values: a
   * key not given beside {@code profile} takes the profile's value, not the inherited one.
   */
  private static TcpConfig underProfile(ConfigNode node, TcpConfig base) {
    var fields = node.fields(SECTION.keys().toArray(String[]::new));
    if (!fields.has(PROFILE.key())) {
      return base;
    }
    String name = profile(fields.get(PROFILE.key()));
    return base.toBuilder().profile(HostProfile.named(name)).build();
  }

  private static String profile(ConfigNode n) {
    String name = n.text();
    for (HostProfile host : HostProfile.all()) {
      if (host.name().equals(name)) {
        return name;
      }
    }
    throw n.error(
        "unknown profile "
            + quote(name)
            + " (known: "
            + String.join(", ", HostProfile.all().stream().map(HostProfile::name).toList())
            + ")");
  }

  private static String congestionControl(ConfigNode n) {
    return oneOf(n, "congestion control", CongestionControls.NAMES);
  }

  /**
   * An ECN mode: "off", "on" or "passive"; YAML 1.1 reads a bare {@code off} or {@code on} as a
   * boolean, which means the same.
   */
  private static String ecnMode(ConfigNode n) {
    return switch (n.text()) {
      case "false" -> "off";
      case "true" -> "on";
      default -> oneOf(n, "ECN mode", ECN_MODES);
    };
  }

  private static String sackRecovery(ConfigNode n) {
    return oneOf(n, "SACK recovery", SackRecoveries.NAMES);
  }

  /** The node's text, which must be one of {@code names} (a registry's); else a located error. */
  private static String oneOf(ConfigNode n, String what, List<String> names) {
    String name = n.text();
    if (!names.contains(name)) {
      throw n.error(
          "unknown " + what + " " + quote(name) + " (known: " + String.join(", ", names) + ")");
    }
    return name;
  }

  /**
   * A warning when {@code value} is below {@code least} and one of {@code rows} was given here (a
   * value inherited was warned about where it was given), at the first row given.
   */
  @SafeVarargs
  private static void warnBelow(
      Values<TcpConfig> v,
      long value,
      long least,
      String why,
      Setting<TcpConfig, Builder, ?>... rows) {
    if (value >= least) {
      return;
    }
    for (Setting<TcpConfig, Builder, ?> row : rows) {
      if (v.given(row)) {
        v.at(row).warn(why);
        return;
      }
    }
  }
}
