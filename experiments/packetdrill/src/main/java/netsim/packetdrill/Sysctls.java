package netsim.packetdrill;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import netsim.core.Time;
import netsim.tcp.EcnMode;
import netsim.tcp.HostProfile;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;

/**
 * The well-known Linux ({@code net.ipv4.tcp_*}) and FreeBSD ({@code net.inet.tcp.*}) TCP knobs that
 * scripts set, each mapped onto the endpoint's {@link TcpConfig} where the model has the setting,
 * or said to have no effect (turning off what the model does not do), or not modelled, with the
 * reason. Sources: Linux's {@code Documentation/networking/ip-sysctl.rst}, FreeBSD's {@code
 * tcp(4)}. A knob not in the table is unknown and reported as such.
 */
final class Sysctls {
  private Sysctls() {}

  /** How a knob reads its value. */
  @FunctionalInterface
  private interface Knob {
    ShellEffect set(String setting, String value);
  }

  private static final Map<String, Knob> KNOBS = knobs();

  /** The names of the known knobs, sorted (for the docs). */
  static Iterable<String> names() {
    return KNOBS.keySet();
  }

  /**
   * What setting {@code name} to {@code value} does. The name may be written {@code
   * net.ipv4.tcp_sack}, {@code net/ipv4/tcp_sack} or {@code /proc/sys/net/ipv4/tcp_sack}.
   */
  static ShellEffect set(String name, String value) {
    String key = name.startsWith("/proc/sys/") ? name.substring("/proc/sys/".length()) : name;
    key = key.replace('/', '.');
    String setting = key + "=" + value;
    Knob knob = KNOBS.get(key);
    if (knob == null) {
      return ShellEffect.unknown(setting);
    }
    try {
      return knob.set(setting, value);
    } catch (NumberFormatException | ArithmeticException e) {
      return ShellEffect.notModelled(setting, "the value " + value + " is out of range");
    }
  }

  private static Map<String, Knob> knobs() {
    Map<String, Knob> knobs = new TreeMap<>();
    // --- Linux (ip-sysctl.rst) ---
    knobs.put("net.ipv4.tcp_timestamps", flag("tcp.timestamps", TcpConfig.Builder::timestamps));
    knobs.put("net.ipv4.tcp_sack", flag("tcp.sackPermitted", TcpConfig.Builder::sackPermitted));
    knobs.put(
        "net.ipv4.tcp_window_scaling",
        (s, v) ->
            ShellEffect.applied(
                s,
                "tcp.windowScaling = " + (number(v) != 0),
                b -> windowScaling(b, number(v) != 0)));
    knobs.put("net.ipv4.tcp_rfc1337", flag("tcp.rfc1337", TcpConfig.Builder::rfc1337));
    knobs.put("net.ipv4.tcp_congestion_control", Sysctls::congestionControl);
    knobs.put("net.ipv4.tcp_syn_retries", count("tcp.synRetries", TcpConfig.Builder::synRetries));
    knobs.put(
        "net.ipv4.tcp_synack_retries",
        count("tcp.synAckRetries", TcpConfig.Builder::synAckRetries));
    knobs.put("net.ipv4.tcp_retries2", count("tcp.maxRetries", TcpConfig.Builder::maxRetries));
    knobs.put(
        "net.ipv4.tcp_keepalive_time",
        duration("tcp.keepaliveIdle", Time.SECOND, TcpConfig.Builder::keepaliveIdle));
    knobs.put(
        "net.ipv4.tcp_keepalive_intvl",
        duration("tcp.keepaliveInterval", Time.SECOND, TcpConfig.Builder::keepaliveInterval));
    knobs.put(
        "net.ipv4.tcp_keepalive_probes",
        count("tcp.keepaliveProbes", TcpConfig.Builder::keepaliveProbes));
    knobs.put("net.ipv4.tcp_wmem", Sysctls::sendBuffer);
    String noTso =
        "netsim sends segments of one MSS; only PSH follows Linux's TSO chunks, sized without"
            + " deferral";
    knobs.put(
        "net.ipv4.tcp_min_tso_segs",
        count("tcp.minTsoSegments", TcpConfig.Builder::minTsoSegments));
    knobs.put("net.ipv4.tcp_tso_win_divisor", (s, v) -> ShellEffect.noEffect(s, noTso));
    String noPacing = "pacing ratios matter only with pacing, which netsim does not do";
    knobs.put("net.ipv4.tcp_pacing_ss_ratio", (s, v) -> ShellEffect.noEffect(s, noPacing));
    knobs.put("net.ipv4.tcp_pacing_ca_ratio", (s, v) -> ShellEffect.noEffect(s, noPacing));
    knobs.put(
        "net.ipv4.tcp_fack",
        (s, v) -> ShellEffect.noEffect(s, "FACK was removed from Linux 4.15; it does nothing"));
    knobs.put(
        "net.ipv4.tcp_no_metrics_save",
        (s, v) -> ShellEffect.noEffect(s, "the model keeps no per-destination metrics"));
    knobs.put("net.ipv4.tcp_early_retrans", Sysctls::earlyRetransmit);
    knobs.put("net.ipv4.tcp_recovery", Sysctls::recovery);
    knobs.put("net.ipv4.tcp_frto", offOnly("F-RTO (RFC 5682)", "0"));
    knobs.put("net.ipv4.tcp_dsack", flag("tcp.dsack", TcpConfig.Builder::dsack));
    knobs.put("net.ipv4.tcp_ecn", Sysctls::ecn);
    knobs.put("net.ipv4.tcp_fastopen", offOnly("TCP Fast Open (RFC 7413)", "0"));
    for (String fastOpen :
        new String[] {"key", "blackhole_timeout_sec", "cookies"}) { // settings of Fast Open
      knobs.put(
          "net.ipv4.tcp_fastopen_" + fastOpen,
          (s, v) -> ShellEffect.notModelled(s, "TCP Fast Open (RFC 7413) is not modelled"));
    }
    knobs.put(
        "net.ipv4.tcp_notsent_lowat",
        offOnly("TCP_NOTSENT_LOWAT (a limit on unsent bytes)", "4294967295", "-1"));
    knobs.put(
        "net.ipv4.tcp_slow_start_after_idle",
        flag("tcp.slowStartAfterIdle", TcpConfig.Builder::slowStartAfterIdle));
    knobs.put(
        "net.ipv4.tcp_mtu_probing",
        offOnly("packetization-layer path MTU discovery (RFC 4821)", "0"));
    knobs.put(
        "net.ipv4.tcp_base_mss",
        (s, v) ->
            ShellEffect.noEffect(
                s, "matters only to path MTU probing (RFC 4821), which the model does not do"));
    knobs.put(
        "net.ipv4.tcp_challenge_ack_limit",
        (s, v) ->
            ShellEffect.notModelled(
                s,
                "Linux limits challenge ACKs per host and second; the model per connection"
                    + " (tcp.challengeAckInterval)"));
    knobs.put(
        "net.ipv4.tcp_fin_timeout",
        (s, v) -> ShellEffect.notModelled(s, "the FIN-WAIT-2 timeout is not modelled"));
    knobs.put("tcp_cubic.parameters.hystart_detect", Sysctls::hyStartDetect);
    // --- FreeBSD (tcp(4)) ---
    knobs.put("net.inet.tcp.rfc1323", Sysctls::rfc1323);
    knobs.put(
        "net.inet.tcp.sack.enable", flag("tcp.sackPermitted", TcpConfig.Builder::sackPermitted));
    knobs.put("net.inet.tcp.delayed_ack", flag("tcp.delayedAck", TcpConfig.Builder::delayedAck));
    knobs.put(
        "net.inet.tcp.delacktime",
        duration("tcp.delayedAckTimeout", Time.MILLISECOND, TcpConfig.Builder::delayedAckTimeout));
    knobs.put(
        "net.inet.tcp.rexmit_min",
        duration("tcp.minRto", Time.MILLISECOND, TcpConfig.Builder::minRto));
    knobs.put(
        "net.inet.tcp.rexmit_initial",
        duration("tcp.initialRto", Time.MILLISECOND, TcpConfig.Builder::initialRto));
    knobs.put("net.inet.tcp.msl", duration("tcp.msl", Time.MILLISECOND, TcpConfig.Builder::msl));
    knobs.put(
        "net.inet.tcp.keepidle",
        duration("tcp.keepaliveIdle", Time.MILLISECOND, TcpConfig.Builder::keepaliveIdle));
    knobs.put(
        "net.inet.tcp.keepintvl",
        duration("tcp.keepaliveInterval", Time.MILLISECOND, TcpConfig.Builder::keepaliveInterval));
    knobs.put(
        "net.inet.tcp.keepcnt", count("tcp.keepaliveProbes", TcpConfig.Builder::keepaliveProbes));
    knobs.put(
        "net.inet.tcp.initcwnd_segments",
        count("tcp.initialWindow", TcpConfig.Builder::initialWindow));
    knobs.put("net.inet.tcp.cc.algorithm", Sysctls::congestionControl);
    knobs.put("net.inet.tcp.insecure_rst", flag("tcp.insecureRst", TcpConfig.Builder::insecureRst));
    knobs.put("net.inet.tcp.insecure_syn", flag("tcp.insecureSyn", TcpConfig.Builder::insecureSyn));
    knobs.put(
        "net.inet.tcp.recvspace", count("tcp.receiveBuffer", TcpConfig.Builder::receiveBuffer));
    knobs.put("net.inet.tcp.sendspace", count("tcp.sendBuffer", TcpConfig.Builder::sendBuffer));
    knobs.put(
        "kern.ipc.maxsockbuf",
        (s, v) ->
            number(v) == HostProfile.FREEBSD.receiveBuffer()
                ? ShellEffect.noEffect(
                    s, "FreeBSD's default, the largest buffer of the freebsd profile")
                : ShellEffect.notModelled(
                    s, "the largest socket buffer is the profile's, 2 MiB (FreeBSD's default)"));
    knobs.put(
        "net.inet.tcp.hostcache.purgenow",
        (s, v) -> ShellEffect.noEffect(s, "the model keeps no per-destination metrics"));
    knobs.put("net.inet.tcp.ecn.enable", Sysctls::ecn);
    knobs.put(
        "net.inet.tcp.nolocaltimewait", offOnly("skipping TIME-WAIT for local connections", "0"));
    knobs.put("net.inet.tcp.blackhole", offOnly("dropping segments to closed ports", "0"));
    knobs.put("net.inet.tcp.drop_synfin", flag("tcp.dropSynFin", TcpConfig.Builder::dropSynFin));
    knobs.put(
        "net.inet.tcp.mssdflt",
        (s, v) ->
            number(v) == TcpConnection.DEFAULT_PEER_MSS
                ? ShellEffect.noEffect(s, "the model's default peer MSS is 536 too")
                : ShellEffect.notModelled(
                    s, "the model's MSS for a peer that announces none is fixed at 536"));
    return knobs;
  }

  /** A value the model would use as is: on when not 0. */
  private static Knob flag(String field, FlagSetter setter) {
    return (s, v) -> {
      boolean on = number(v) != 0;
      return ShellEffect.applied(s, field + " = " + on, b -> setter.set(b, on));
    };
  }

  /** A count (retries, segments). */
  private static Knob count(String field, IntSetter setter) {
    return (s, v) -> {
      int count = Math.toIntExact(number(v));
      return ShellEffect.applied(s, field + " = " + count, b -> setter.set(b, count));
    };
  }

  /** A duration in {@code unit}s. */
  private static Knob duration(String field, long unit, LongSetter setter) {
    return (s, v) -> {
      long nanos = Math.multiplyExact(number(v), unit);
      return ShellEffect.applied(s, field + " = " + Time.format(nanos), b -> setter.set(b, nanos));
    };
  }

  /**
   * A feature the model does not have: the values that turn it off change nothing; any other value
   * is not modelled.
   */
  private static Knob offOnly(String feature, String... offValues) {
    return (s, v) -> {
      for (String off : offValues) {
        if (off.equals(v) || (isNumber(off) && isNumber(v) && number(off) == number(v))) {
          return ShellEffect.noEffect(s, "turns off " + feature + ", which the model does not do");
        }
      }
      return ShellEffect.notModelled(s, feature + " is not modelled");
    };
  }

  /**
   * Linux's {@code tcp_ecn} and FreeBSD's {@code ecn.enable}: 0 off, 1 ask and accept, 2 accept
   * only (both stacks' default); Linux's 3 and up (AccECN) are not modelled.
   */
  private static ShellEffect ecn(String setting, String value) {
    long mode = number(value);
    if (mode < 0 || mode > 2) {
      return ShellEffect.notModelled(setting, "ECN modes other than 0, 1 and 2 (AccECN)");
    }
    EcnMode ecn = EcnMode.ofSysctl((int) mode);
    return ShellEffect.applied(setting, "tcp.ecn = " + ecn.configName(), b -> b.ecn(ecn));
  }

  /**
   * tcp_cubic's {@code hystart_detect}: 3 (both tests, Linux's default) is the linux profile's
   * HyStart ({@code HostProfile.hyStartDetect}); other values are not modelled.
   */
  private static ShellEffect hyStartDetect(String setting, String value) {
    if (number(value) == HostProfile.LINUX.hyStartDetect()) {
      return ShellEffect.noEffect(
          setting, "Linux's default: the linux profile's CUBIC runs both HyStart tests");
    }
    return ShellEffect.notModelled(setting, "HyStart with only some of its tests");
  }

  private static ShellEffect congestionControl(String setting, String value) {
    String name = value.toLowerCase(Locale.ROOT);
    if (!name.equals("cubic") && !name.equals("reno") && !name.equals("newreno")) {
      return ShellEffect.notModelled(
          setting, "congestion control " + value + " (the model has reno, newreno and cubic)");
    }
    return ShellEffect.applied(
        setting, "tcp.congestionControl = " + name, b -> b.congestionControl(name));
  }

  /**
   * Linux's {@code tcp_recovery}: 1 (the default, bit 0x1) is RACK loss detection, the linux
   * profile's {@code rack-tlp}; 0 leaves RFC 6675's duplicate counting, with PRR in recovery
   * ({@code prr}). Its other bits (0x2 no reordering window, 0x4 a static one) are not modelled.
   */
  private static ShellEffect recovery(String setting, String value) {
    long bits = number(value);
    if (bits == 0 || bits == 1) {
      String recovery = bits == 1 ? "rack-tlp" : "prr";
      return ShellEffect.applied(
          setting, "tcp.sackRecovery = " + recovery, b -> b.sackRecovery(recovery));
    }
    return ShellEffect.notModelled(
        setting, "tcp_recovery is modelled as 0 (no RACK) or 1 (RACK-TLP), not its other bits");
  }

  /**
   * Linux's {@code tcp_early_retrans}: 3 (the default) and 4 send tail loss probes, as {@code
   * rack-tlp} does; 0 turns them off, which the model can do only with RACK ({@code
   * tcp_recovery=0}); 1 and 2 are the early retransmit of RFC 5827, not modelled.
   */
  private static ShellEffect earlyRetransmit(String setting, String value) {
    long mode = number(value);
    if (mode == 3 || mode == 4) {
      return ShellEffect.noEffect(setting, "tail loss probes, as sackRecovery rack-tlp sends");
    }
    return ShellEffect.notModelled(
        setting,
        mode == 0
            ? "RACK without tail loss probes is not modelled (tcp_recovery=0 turns both off)"
            : "early retransmit (RFC 5827) is not modelled");
  }

  /** {@code tcp_wmem = "min default max"}: the default is a new socket's send buffer. */
  private static ShellEffect sendBuffer(String setting, String value) {
    String[] sizes = value.strip().split("\\s+");
    if (sizes.length != 3) {
      return ShellEffect.notModelled(setting, "tcp_wmem needs three sizes: min default max");
    }
    int size = Math.toIntExact(number(sizes[1]));
    return ShellEffect.applied(
        setting,
        "tcp.sendBuffer = " + size + " (Linux counts buffer memory, the model payload bytes)",
        b -> b.sendBuffer(size));
  }

  /** FreeBSD's {@code rfc1323}: 0 neither option, 1 both, 2 window scaling only, 3 timestamps. */
  private static ShellEffect rfc1323(String setting, String value) {
    long mode = number(value);
    if (mode < 0 || mode > 3) {
      return ShellEffect.notModelled(setting, "rfc1323 is 0, 1, 2 or 3");
    }
    boolean scaling = mode == 1 || mode == 2;
    boolean timestamps = mode == 1 || mode == 3;
    return ShellEffect.applied(
        setting,
        "tcp.windowScaling = " + scaling + ", tcp.timestamps = " + timestamps,
        b -> windowScaling(b, scaling).timestamps(timestamps));
  }

  /** Window scaling off caps the receive buffer at the 65535 bytes an unscaled window can say. */
  private static TcpConfig.Builder windowScaling(TcpConfig.Builder builder, boolean on) {
    if (!on) {
      int buffer = builder.build().receiveBuffer();
      builder.receiveBuffer(Math.min(buffer, 0xFFFF));
    }
    return builder.windowScaling(on);
  }

  private static boolean isNumber(String text) {
    try {
      number(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A decimal or {@code 0x} hex number, as sysctl reads it. */
  static long number(String text) {
    String value = text.strip();
    if (value.startsWith("0x") || value.startsWith("0X")) {
      return Long.parseLong(value.substring(2), 16);
    }
    return Long.parseLong(value);
  }

  @FunctionalInterface
  private interface FlagSetter {
    void set(TcpConfig.Builder builder, boolean value);
  }

  @FunctionalInterface
  private interface IntSetter {
    void set(TcpConfig.Builder builder, int value);
  }

  @FunctionalInterface
  private interface LongSetter {
    void set(TcpConfig.Builder builder, long value);
  }
}
