package netsim.packetdrill;

import java.util.Map;
import java.util.TreeMap;
import netsim.core.Time;
import netsim.tcp.FlightCounts;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpState;

/**
 * Linux's {@code struct tcp_info} of the connection under test, as far as the model shows it, for
 * the {@code tcpi_*} names of {@code %{ }%} assertions; and the constants those assertions compare
 * with ({@code TCP_ESTABLISHED}, {@code TCP_CA_Open}, {@code TCP_INFINITE_SSTHRESH}, ...). A field
 * the model does not keep is {@link #notModelled not modelled}, with the reason, and a script that
 * reads it is unsupported: no value is made up.
 *
 * <p>Linux counts the congestion window and ssthresh in segments; the model counts bytes, so the
 * view divides by the sender's MSS (rounding down), {@link netsim.tcp.TcpInfo#sendMss()}.
 *
 * <p>FreeBSD's {@code struct tcp_info} numbers {@code tcpi_state} as its {@code tcp_fsm.h} does
 * (TCPS_CLOSED 0 to TCPS_TIME_WAIT 10), and its scripts name those numbers {@code TCPI_CLOSED} ...
 * {@code TCPI_TIME_WAIT} ({@code TCPI_SYN_RECEIVED}); the view knows both sets of names and gives
 * {@code tcpi_state} in the numbering of the host it stands for.
 *
 * @param connection the connection, or null when there is none (every field but {@code tcpi_state}
 *     is then an error)
 * @param freebsdStates whether {@code tcpi_state} is in FreeBSD's numbering (the freebsd profile),
 *     else Linux's
 * @param now the virtual time of the reading, for the fields that are ages
 */
record TcpInfoView(TcpConnection connection, boolean freebsdStates, long now) {

  /** Linux's value of ssthresh before any loss, also what tcp_info reports for "no limit". */
  static final long INFINITE_SSTHRESH = 0x7fff_ffffL;

  /** The fields the view has, with what each is in the model. */
  static final Map<String, String> MODELLED =
      Map.ofEntries(
          Map.entry(
              "tcpi_state",
              "the connection's state, in Linux's numbering (FreeBSD's with the freebsd profile)"),
          Map.entry("tcpi_snd_cwnd", "the congestion window in segments"),
          Map.entry("tcpi_snd_ssthresh", "ssthresh in segments (0x7fffffff before any loss)"),
          Map.entry("tcpi_rtt", "the smoothed RTT in microseconds (0 before the first sample)"),
          Map.entry("tcpi_rto", "the retransmission timeout in microseconds, backoff included"),
          Map.entry(
              "tcpi_rttvar",
              "the RTT variation in microseconds (Linux's mdev with the linux profile)"),
          Map.entry("tcpi_backoff", "retransmission timeouts since the last RTT sample"),
          Map.entry(
              "tcpi_probes",
              "zero-window probes since the last ACK that was not old, keep-alive probes since"
                  + " the peer was last heard from"),
          Map.entry("tcpi_snd_mss", "the sender's MSS"),
          Map.entry("tcpi_advmss", "the MSS the endpoint announces"),
          Map.entry("tcpi_unacked", "the bytes in flight in segments, rounded up"),
          Map.entry(
              "tcpi_ca_state",
              "Loss after a timeout, Recovery in fast recovery, CWR while reducing for an ECN"
                  + " echo, Disorder while segments are SACKed, lost or resent, else Open (needs"
                  + " RACK-TLP's counts)"),
          Map.entry("tcpi_sacked", "segments SACKed (RACK-TLP)"),
          Map.entry("tcpi_lost", "segments deemed lost, also once resent (RACK-TLP)"),
          Map.entry("tcpi_retrans", "segments resent and not delivered or lost again (RACK-TLP)"),
          Map.entry("tcpi_reordering", "the reordering degree in segments (RACK-TLP)"),
          Map.entry("tcpi_reord_seen", "ACKs that showed reordering (RACK-TLP)"),
          Map.entry(
              "tcpi_busy_time",
              "microseconds data was queued or in flight (Linux's tcp_chrono_start/stop)"),
          Map.entry(
              "tcpi_rwnd_limited",
              "microseconds new data waited for the peer's window (Linux's chrono statistics)"),
          Map.entry(
              "tcpi_last_data_recv",
              "milliseconds since data last arrived in order, or since the connection was"
                  + " established"));

  /** The fields Linux has and the model does not keep, with the reason. */
  private static final Map<String, String> NOT_MODELLED = notModelledFields();

  private static Map<String, String> notModelledFields() {
    Map<String, String> fields = new TreeMap<>();
    fields.put(
        "tcpi_delivered", "Linux counts the segments delivered; the model counts bytes delivered");
    fields.put(
        "tcpi_options", "the negotiated options are not all observable (window scale 0, SYN data)");
    fields.put(
        "tcpi_sndbuf_limited",
        "Linux's send-buffer-limited time needs its buffer accounting (skb truesize), which the"
            + " model does not keep");
    fields.put("tcpi_min_rtt", "the windowed minimum RTT is not kept");
    fields.put("tcpi_rcv_mss", "Linux's estimate of the peer's MSS is not modelled");
    return fields;
  }

  /** FreeBSD's states in the order of tcp_fsm.h's TCPS_* numbers, as its scripts name them. */
  private static final String[] FREEBSD_STATES = {
    "TCPI_CLOSED",
    "TCPI_LISTEN",
    "TCPI_SYN_SENT",
    "TCPI_SYN_RECEIVED",
    "TCPI_ESTABLISHED",
    "TCPI_CLOSE_WAIT",
    "TCPI_FIN_WAIT_1",
    "TCPI_CLOSING",
    "TCPI_LAST_ACK",
    "TCPI_FIN_WAIT_2",
    "TCPI_TIME_WAIT"
  };

  /** Linux's (and FreeBSD's) names for the numbers {@code tcp_info} holds. */
  private static final Map<String, Long> CONSTANTS = constants();

  private static Map<String, Long> constants() {
    Map<String, Long> constants = new TreeMap<>();
    String[] states = {
      "TCP_ESTABLISHED",
      "TCP_SYN_SENT",
      "TCP_SYN_RECV",
      "TCP_FIN_WAIT1",
      "TCP_FIN_WAIT2",
      "TCP_TIME_WAIT",
      "TCP_CLOSE",
      "TCP_CLOSE_WAIT",
      "TCP_LAST_ACK",
      "TCP_LISTEN",
      "TCP_CLOSING"
    };
    for (int i = 0; i < states.length; i++) {
      constants.put(states[i], i + 1L);
    }
    String[] caStates = {"TCP_CA_Open", "TCP_CA_Disorder", "TCP_CA_CWR", "TCP_CA_Recovery"};
    for (int i = 0; i < caStates.length; i++) {
      constants.put(caStates[i], (long) i);
    }
    constants.put("TCP_CA_Loss", 4L);
    String[] options = {
      "TCPI_OPT_TIMESTAMPS",
      "TCPI_OPT_SACK",
      "TCPI_OPT_WSCALE",
      "TCPI_OPT_ECN",
      "TCPI_OPT_ECN_SEEN",
      "TCPI_OPT_SYN_DATA"
    };
    for (int i = 0; i < options.length; i++) {
      constants.put(options[i], 1L << i);
    }
    constants.put("TCP_INFINITE_SSTHRESH", INFINITE_SSTHRESH);
    for (int i = 0; i < FREEBSD_STATES.length; i++) {
      constants.put(FREEBSD_STATES[i], (long) i);
    }
    return constants;
  }

  /** Whether {@code name} is a constant the view knows. */
  static boolean isConstant(String name) {
    return CONSTANTS.containsKey(name);
  }

  static long constant(String name) {
    return CONSTANTS.get(name);
  }

  /**
   * Why the view cannot give {@code name}, a {@code tcpi_*} field: "tcp_info field tcpi_lost not
   * modelled (...)"; or null when it can.
   */
  static String notModelled(String name) {
    if (MODELLED.containsKey(name)) {
      return null;
    }
    String why = NOT_MODELLED.getOrDefault(name, "netsim's tcp_info view does not have it");
    return "tcp_info field " + name + " not modelled (" + why + ")";
  }

  /**
   * The value of a modelled field.
   *
   * @throws IllegalStateException when there is no connection and the field is not tcpi_state
   */
  long field(String name) {
    if (name.equals("tcpi_state")) {
      if (freebsdStates) {
        return connection == null ? 0 : freebsdState(connection.state());
      }
      return connection == null ? CONSTANTS.get("TCP_CLOSE") : linuxState(connection.state());
    }
    if (connection == null) {
      throw new IllegalStateException("no connection to read " + name + " from");
    }
    int mss = connection.info().sendMss();
    return switch (name) {
      case "tcpi_snd_cwnd" ->
          connection.info().cwnd() == Long.MAX_VALUE
              ? connection.config().initialWindowBytes(mss) / mss
              : connection.info().cwnd() / mss;
      case "tcpi_snd_ssthresh" -> Math.min(connection.info().ssthresh() / mss, INFINITE_SSTHRESH);
      case "tcpi_rtt" -> Math.max(0, connection.info().srtt() / Time.MICROSECOND);
      case "tcpi_rto" -> connection.info().rto() / Time.MICROSECOND;
      case "tcpi_rttvar" -> connection.info().rttvar() / Time.MICROSECOND;
      case "tcpi_backoff" -> connection.info().rtoBackoffs();
      case "tcpi_probes" -> connection.info().probesUnanswered();
      case "tcpi_snd_mss" -> mss;
      case "tcpi_advmss" -> connection.config().mss();
      case "tcpi_unacked" -> (connection.info().bytesInFlight() + mss - 1) / mss;
      case "tcpi_ca_state" -> caState(counts(name));
      case "tcpi_sacked" -> counts(name).sacked();
      case "tcpi_lost" -> counts(name).lost();
      case "tcpi_retrans" -> counts(name).retransmitted();
      case "tcpi_reordering" -> counts(name).reordering();
      case "tcpi_reord_seen" -> counts(name).reorderingEvents();
      case "tcpi_last_data_recv" -> lastDataReceived();
      case "tcpi_busy_time" -> connection.info().busyTime() / Time.MICROSECOND;
      case "tcpi_rwnd_limited" -> connection.info().windowLimitedTime() / Time.MICROSECOND;
      default -> throw new IllegalArgumentException(notModelled(name));
    };
  }

  /**
   * Linux's tcpi_last_data_recv: the milliseconds since icsk_ack.lrcvtime, when data last arrived
   * in order or the connection was established (0 before then).
   */
  private long lastDataReceived() {
    long at = connection.info().lastDataReceivedAt();
    return at < 0 ? 0 : (now - at) / Time.MILLISECOND;
  }

  /**
   * What loss recovery counts, for {@code name}.
   *
   * @throws IllegalStateException when the connection's loss recovery keeps no counts (only
   *     RACK-TLP does: the linux profile's, with SACK)
   */
  private FlightCounts counts(String name) {
    FlightCounts counts = connection.info().flightCounts();
    if (counts == null) {
      throw new IllegalStateException(
          name + " needs a loss recovery that counts segments (RACK-TLP, with SACK)");
    }
    return counts;
  }

  /**
   * Linux's congestion state (tcp_set_ca_state): Loss after a timeout, Recovery in fast recovery,
   * CWR while reducing for an ECN echo (tcp_enter_cwr), Disorder while segments are SACKed, lost or
   * resent (tcp_try_keep_open), else Open.
   */
  private long caState(FlightCounts counts) {
    String state;
    if (connection.info().inTimeoutRecovery()) {
      state = "TCP_CA_Loss";
    } else if (connection.info().inRecovery()) {
      state = "TCP_CA_Recovery";
    } else if (connection.info().inCongestionWindowReduction()) {
      state = "TCP_CA_CWR";
    } else if (counts.sacked() + counts.lost() + counts.retransmitted() > 0) {
      state = "TCP_CA_Disorder";
    } else {
      state = "TCP_CA_Open";
    }
    return CONSTANTS.get(state);
  }

  /**
   * FreeBSD's number for a state (tcp_fsm.h: TCPS_CLOSED 0 ... TCPS_TIME_WAIT 10): the model's
   * states bear FreeBSD's names.
   */
  private static long freebsdState(TcpState state) {
    return CONSTANTS.get("TCPI_" + state.name());
  }

  /**
   * Linux's number for a state. A connection in TIME-WAIT shows TCP_CLOSE, as Linux's socket does
   * once a TIME-WAIT mini-socket has taken its place.
   */
  private static long linuxState(TcpState state) {
    String name =
        switch (state) {
          case ESTABLISHED -> "TCP_ESTABLISHED";
          case SYN_SENT -> "TCP_SYN_SENT";
          case SYN_RECEIVED -> "TCP_SYN_RECV";
          case FIN_WAIT_1 -> "TCP_FIN_WAIT1";
          case FIN_WAIT_2 -> "TCP_FIN_WAIT2";
          case CLOSE_WAIT -> "TCP_CLOSE_WAIT";
          case LAST_ACK -> "TCP_LAST_ACK";
          case LISTEN -> "TCP_LISTEN";
          case CLOSING -> "TCP_CLOSING";
          case CLOSED, TIME_WAIT -> "TCP_CLOSE";
        };
    return CONSTANTS.get(name);
  }
}
