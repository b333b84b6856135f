package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
 * TcpConfig.Builder}: one row per key, with its meaning. Adding a TCP setting is its {@code
 * TcpConfig} field and setter, and one row here: the key's lines in {@code reference.yaml} and
 * {@code docs/config.md} are generated from the rows ({@code SettingsTableTest}). Two options are
 * COUNTERFACTUAL, departing from the RFCs on purpose to show what the real rules prevent: {@code
 * counterfactual.twoWayHandshake} and {@code counterfactual.zeroTimeWait} (a TIME-WAIT of 0).
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
      row(
          "profile",
          TcpSettingsTable::profile,
          (b, name) -> b.profile(HostProfile.named(name)),
          c -> c.profile().name(),
          "host profile: `rfc`, `linux` or `freebsd` ([tcp.md](tcp.md), \"Host profiles\"): its"
              + " values become the defaults of the keys below not given beside it, and its rules"
              + " (PSH placement, quick-ACK mode, RST with ACK on abort, ...) apply. A node's `tcp:"
              + " {profile: linux}` makes that host a Linux one");

  static final Setting<TcpConfig, Builder, Integer> MSS =
      row(
          "mss",
          n -> (int) n.integer(64, 65495),
          Builder::mss,
          TcpConfig::mss,
          "maximum segment size we announce and send (64-65495)");
  static final Setting<TcpConfig, Builder, Long> MSL =
      duration(
          "msl",
          Readers.DURATION,
          Builder::msl,
          TcpConfig::msl,
          "maximum segment lifetime; TIME-WAIT lasts 2*MSL. Not 0: an MSL of 0 is the"
              + " `zeroTimeWait` counterfactual, and is refused unless that is set");
  static final Setting<TcpConfig, Builder, Long> INITIAL_RTO =
      duration(
          "initialRto",
          Readers.POSITIVE_DURATION,
          Builder::initialRto,
          TcpConfig::initialRto,
          "RTO before any RTT sample (RFC 6298 2.1)");
  static final Setting<TcpConfig, Builder, Long> MIN_RTO =
      duration(
          "minRto",
          Readers.POSITIVE_DURATION,
          Builder::minRto,
          TcpConfig::minRto,
          "lower bound of the RTO (RFC 6298 2.4; Linux uses 200ms)");
  static final Setting<TcpConfig, Builder, Long> MAX_RTO =
      duration(
          "maxRto",
          Readers.POSITIVE_DURATION,
          Builder::maxRto,
          TcpConfig::maxRto,
          "upper bound of the RTO (not below `minRto`)");
  static final Setting<TcpConfig, Builder, Long> CLOCK_GRANULARITY =
      duration(
          "clockGranularity",
          Readers.DURATION,
          Builder::clockGranularity,
          TcpConfig::clockGranularity,
          "G of RFC 6298");
  static final Setting<TcpConfig, Builder, Long> SEND_BUFFER =
      row(
              "sendBuffer",
              n -> n.size(1, 1L << 30),
              (b, v) -> b.sendBuffer(v.intValue()),
              c -> (long) c.sendBuffer(),
              "application bytes held until acknowledged")
          .shown(Units::formatSize);
  static final Setting<TcpConfig, Builder, Long> RECEIVE_BUFFER =
      row(
              "receiveBuffer",
              n -> n.size(1, 1L << 30),
              (b, v) -> b.receiveBuffer(v.intValue()),
              c -> (long) c.receiveBuffer(),
              "receive window offered (above 65535 bytes needs `windowScaling`)")
          .shown(Units::formatSize);
  static final Setting<TcpConfig, Builder, Boolean> WINDOW_SCALING =
      row(
          "windowScaling",
          Readers.FLAG,
          Builder::windowScaling,
          TcpConfig::windowScaling,
          "offer window scaling (RFC 7323)");
  static final Setting<TcpConfig, Builder, Boolean> ZERO_TIME_WAIT =
      row(
          "zeroTimeWait",
          Readers.FLAG,
          (b, zero) -> b.timeWait(zero ? 0 : -1),
          c -> c.timeWait() == 0,
          "**COUNTERFACTUAL**: TIME-WAIT lasts 0 instead of 2*MSL");

  /** The counterfactual options, the nested mapping {@code counterfactual}. */
  static final Section<TcpConfig, Builder> COUNTERFACTUAL =
      Section.of(
              TcpConfig::builder,
              Builder::build,
              List.of(
                  row(
                      "twoWayHandshake",
                      Readers.FLAG,
                      Builder::twoWayHandshake,
                      TcpConfig::twoWayHandshake,
                      "**COUNTERFACTUAL**: a listener goes straight to ESTABLISHED on a SYN (no"
                          + " third step)"),
                  ZERO_TIME_WAIT))
          .doc(
              "COUNTERFACTUAL options: they break TCP on purpose, to show what the real rules"
                  + " prevent. Runs that use them say so in summary.json and on stdout.");

  /**
   * The rows, in the order of reference.yaml (and of summary.json's {@code tcp}). Each row's key,
   * default and doc make its line in reference.yaml and docs/config.md ({@code SettingsTableTest}
   * writes them).
   */
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
                  row(
                      "synRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::synRetries,
                      TcpConfig::synRetries,
                      "SYN retransmissions before giving up"),
                  row(
                      "synAckRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::synAckRetries,
                      TcpConfig::synAckRetries,
                      "SYN-ACK retransmissions before a listener's child gives up and is"
                          + " released"),
                  row(
                      "maxRetries",
                      n -> (int) n.integer(0, 255),
                      Builder::maxRetries,
                      TcpConfig::maxRetries,
                      "retransmissions in a synchronized state before the connection is aborted"),
                  SEND_BUFFER,
                  RECEIVE_BUFFER,
                  WINDOW_SCALING,
                  row(
                      "timestamps",
                      Readers.FLAG,
                      Builder::timestamps,
                      TcpConfig::timestamps,
                      "offer timestamps (RFC 7323)"),
                  row(
                      "sack",
                      Readers.FLAG,
                      Builder::sackPermitted,
                      TcpConfig::sackPermitted,
                      "offer SACK-permitted (RFC 2018); when both ends offer it, ACKs carry SACK"
                          + " blocks and loss recovery is RFC 6675's (`docs/tcp.md`, SACK)"),
                  row(
                      "sackRecovery",
                      TcpSettingsTable::sackRecovery,
                      Builder::sackRecovery,
                      TcpConfig::sackRecovery,
                      "the loss recovery when both ends use SACK: `rfc6675` (RFC 6675, cwnd ="
                          + " ssthresh during recovery), `prr` (RFC 6675 with RFC 6937's"
                          + " Proportional Rate Reduction, PRR-SSRB), `prr-crb` (with PRR-CRB),"
                          + " `rack-tlp` (RFC 8985's RACK-TLP loss detection and tail loss probe,"
                          + " with PRR-SSRB); `docs/tcp.md`, SACK, PRR and RACK-TLP. The profile"
                          + " sets its default: `rack-tlp` for `linux`, `prr` for `freebsd` (a"
                          + " `sackRecovery` beside `profile` overrides it)"),
                  row(
                      "ecn",
                      TcpSettingsTable::ecnMode,
                      (b, mode) -> b.ecn(EcnMode.named(mode)),
                      c -> c.ecn().configName(),
                      "ECN (RFC 3168; [tcp.md](tcp.md), ECN): `off`, `on` (ask for it in the SYN"
                          + " and accept it) or `passive` (accept it when the peer's SYN asks, but"
                          + " do not ask). With ECN in use, new data goes out as ECT(0), the"
                          + " receiver echoes a CE mark with ECE until the sender's CWR, and the"
                          + " sender reduces its window once per window of data, as for a loss but"
                          + " without retransmitting. The profile sets its default: `passive` for"
                          + " `linux` (`net.ipv4.tcp_ecn=2`) and `freebsd`"
                          + " (`net.inet.tcp.ecn.enable=2`), `off` for `rfc`"),
                  row(
                      "challengeAcks",
                      Readers.FLAG,
                      Builder::challengeAcks,
                      TcpConfig::challengeAcks,
                      "RFC 5961 challenge ACKs; `false` restores RFC 793's RST and SYN rules"),
                  duration(
                      "challengeAckInterval",
                      Readers.DURATION,
                      Builder::challengeAckInterval,
                      TcpConfig::challengeAckInterval,
                      "least time between two challenge ACKs of one connection (0: no limit;"
                          + " Linux: 500ms)"),
                  row(
                      "insecureRst",
                      Readers.FLAG,
                      Builder::insecureRst,
                      TcpConfig::insecureRst,
                      "with `challengeAcks`, take RFC 793's rule for RST alone: a RST anywhere in"
                          + " the window resets the connection (FreeBSD's"
                          + " `net.inet.tcp.insecure_rst`)"),
                  row(
                      "insecureSyn",
                      Readers.FLAG,
                      Builder::insecureSyn,
                      TcpConfig::insecureSyn,
                      "with `challengeAcks`, take RFC 793's rule for SYN alone: a SYN in the"
                          + " window resets the connection (FreeBSD's"
                          + " `net.inet.tcp.insecure_syn`)"),
                  row(
                      "rfc1337",
                      Readers.FLAG,
                      Builder::rfc1337,
                      TcpConfig::rfc1337,
                      "ignore RST in TIME-WAIT (RFC 1337)"),
                  row(
                      "acceptSynInTimeWait",
                      Readers.FLAG,
                      Builder::acceptSynInTimeWait,
                      TcpConfig::acceptSynInTimeWait,
                      "a SYN above the old RCV.NXT ends TIME-WAIT early (as Linux does)"),
                  row(
                      "congestionControl",
                      TcpSettingsTable::congestionControl,
                      Builder::congestionControl,
                      TcpConfig::congestionControl,
                      "the congestion control: " + CongestionControls.described()),
                  row(
                      "initialWindow",
                      n -> (int) n.integer(0, 1000),
                      Builder::initialWindow,
                      TcpConfig::initialWindow,
                      "initial congestion window in segments; 0 = RFC 5681's rule"),
                  row(
                      "nagle",
                      Readers.FLAG,
                      Builder::nagle,
                      TcpConfig::nagle,
                      "Nagle's algorithm (RFC 9293 3.7.4)"),
                  row(
                      "delayedAck",
                      Readers.FLAG,
                      Builder::delayedAck,
                      TcpConfig::delayedAck,
                      "delayed ACKs (RFC 9293 3.8.6.3); off so that every segment is ACKed at"
                          + " once"),
                  duration(
                      "delayedAckTimeout",
                      Readers.POSITIVE_DURATION,
                      Builder::delayedAckTimeout,
                      TcpConfig::delayedAckTimeout,
                      "the longest an ACK is delayed (at most 500ms, RFC 1122 4.2.3.2)"),
                  row(
                      "keepalive",
                      Readers.FLAG,
                      Builder::keepalive,
                      TcpConfig::keepalive,
                      "keep-alive probes on an idle connection (RFC 9293 3.8.4)"),
                  duration(
                      "keepaliveIdle",
                      Readers.POSITIVE_DURATION,
                      Builder::keepaliveIdle,
                      TcpConfig::keepaliveIdle,
                      "idle time before the first probe"),
                  duration(
                      "keepaliveInterval",
                      Readers.POSITIVE_DURATION,
                      Builder::keepaliveInterval,
                      TcpConfig::keepaliveInterval,
                      "time between unanswered probes"),
                  row(
                      "keepaliveProbes",
                      n -> (int) n.integer(1, 255),
                      Builder::keepaliveProbes,
                      TcpConfig::keepaliveProbes,
                      "unanswered probes before the connection is dropped")))
          .withNested("counterfactual", COUNTERFACTUAL)
          .withCheckAfter("maxRto", TcpSettingsTable::maxRtoNotBelowMinRto)
          .withCheckAfter("windowScaling", TcpSettingsTable::receiveBufferFitsWindow);

  private static final String RTO_TOO_SMALL =
      "below 1ms, an RTO retransmits every segment whose round trip takes longer,"
          + " before its ACK can arrive (RFC 6298 2.4 asks for at least 1s; Linux uses 200ms)";

  private TcpSettingsTable() {}

  /**
   * The TCP parameters of {@code node} over {@code base}, with warnings for values that defeat
   * TCP's timers or buffers. The reference ({@code base} null) binds over sim-tcp's own defaults,
   * the one home of each default: reference.yaml shows them (generated from the rows), and a key it
   * does not show yet (a row just added) still has its value.
   */
  static TcpConfig bind(ConfigNode node, @Nullable TcpConfig base) {
    Values<TcpConfig> v =
        SECTION.read(node, underProfile(node, base == null ? TcpConfig.defaults() : base));
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

  /** A row of this table: its key, reader, setter, getter and meaning. */
  private static <T> Setting<TcpConfig, Builder, T> row(
      String key,
      Function<ConfigNode, T> read,
      BiConsumer<Builder, T> set,
      Function<TcpConfig, T> get,
      String doc) {
    return Setting.of(key, read, set, get).doc(doc);
  }

  /** A row whose value is a duration, written with its unit ({@code 200ms}). */
  private static Setting<TcpConfig, Builder, Long> duration(
      String key,
      Function<ConfigNode, Long> read,
      BiConsumer<Builder, Long> set,
      Function<TcpConfig, Long> get,
      String doc) {
    return row(key, read, set, get, doc).shown(Units::formatDuration);
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
