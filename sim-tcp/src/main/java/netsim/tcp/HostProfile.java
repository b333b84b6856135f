package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Locale;
import netsim.core.Time;

/**
 * What is a host's choice rather than TCP's rule, as one row of values per stack: {@link #RFC} (the
 * default, the RFCs' own values), {@link #LINUX} and {@link #FREEBSD}. A {@link TcpConfig} is built
 * from one ({@link TcpConfig.Builder#profile}): its tunable values become the configuration's
 * defaults (a run or a sysctl may still change each), and its rules (PSH placement, quick-ACK mode,
 * RST with ACK on abort) are read by the connection. Each difference and its source is listed in
 * {@code docs/tcp.md}.
 *
 * @param name "rfc", "linux" or "freebsd"
 * @param initialWindow the initial congestion window in segments, or 0 for RFC 5681 3.1's
 *     min(4*SMSS, max(2*SMSS, 4380 bytes)) (Linux and FreeBSD: 10, RFC 6928)
 * @param minRto the lower bound of the RTO (RFC 6298 2.4: 1 s; Linux TCP_RTO_MIN: 200 ms; FreeBSD
 *     net.inet.tcp.rexmit_min: 30 ms)
 * @param maxRto the upper bound of the RTO (RFC 6298 2.5: at least 60 s; Linux TCP_RTO_MAX: 120 s)
 * @param delayedAck whether ACKs of in-order data may wait (RFC 9293 3.8.6.3)
 * @param delayedAckTimeout the longest an ACK waits (Linux TCP_DELACK_MIN and FreeBSD
 *     net.inet.tcp.delacktime: 40 ms)
 * @param maxQuickAcks Linux's quick-ACK mode: at most this many ACKs sent at once, without delay,
 *     when data starts to flow and after out-of-order data (Linux TCP_MAX_QUICKACKS: 16); 0 for
 *     none
 * @param push where PSH goes
 * @param receiveBuffer the receive buffer, which sets the window scale offered (RFC 7323 2.3)
 * @param sackPermitted whether SACK-permitted is offered (RFC 2018)
 * @param sackRecovery the loss recovery when both ends use SACK, a name of {@link SackRecoveries}:
 *     RFC 6675's own for rfc; "rack-tlp" (RFC 8985 with RFC 6937's PRR) for Linux, whose
 *     tcp_recovery is RACK loss detection and tcp_early_retrans TLP since 4.18, with PRR in
 *     recovery; "prr" (RFC 6675 with PRR-SSRB) for FreeBSD, whose default stack recovers by RFC
 *     6675 with net.inet.tcp.do_prr=1 and do_prr_conservative=0
 * @param probeTimeoutSlack what RACK-TLP's probe timeout adds to 2 SRTT when more than one segment
 *     is in flight: 0 for RFC 8985 7.2's own PTO; Linux's tcp_schedule_loss_probe adds
 *     TCP_TIMEOUT_MIN, 2 ms (with one segment in flight both add 200 ms, RFC 8985's WCDelAckT and
 *     Linux's TCP_RTO_MIN)
 * @param challengeAckInterval the least time between two challenge ACKs (RFC 5961 7; Linux: about
 *     one per 500 ms), 0 for no limit
 * @param rstAckOnAbort whether an ABORT's reset carries an ACK of RCV.NXT (Linux's
 *     tcp_send_active_reset and FreeBSD's tcp_drop send RST,ACK; RFC 9293 3.10.5's reset is {@code
 *     <SEQ=SND.NXT><CTL=RST>})
 * @param rfc1337 whether a RST in TIME-WAIT is ignored (FreeBSD; Linux's tcp_rfc1337 is 0)
 * @param acceptSynInTimeWait whether a newer SYN ends TIME-WAIT (RFC 6191's idea, Linux and
 *     FreeBSD)
 * @param socketBufferFactor what {@code getsockopt(SO_SNDBUF/SO_RCVBUF)} reports for a size set
 *     with {@code setsockopt}, as a multiple of it (Linux doubles it, socket(7))
 * @param dropAckOfUnsentData whether a segment acknowledging data not yet sent is dropped without a
 *     reply and without taking its timestamp (Linux's tcp_ack: "discard this segment"); RFC 9293
 *     3.10.7.4 answers it with an ACK
 * @param windowUpdateWhenDoubled whether reading sends a window update only when the window offered
 *     at least doubles (Linux's tcp_cleanup_rbuf); otherwise whenever receiver SWS avoidance lets
 *     it grow (RFC 9293 3.8.6.2.2)
 * @param linuxSlowStart whether slow start follows Linux (tcp_slow_start and tcp_is_cwnd_limited):
 *     cwnd grows by all it acknowledges, and only while below twice the largest flight of the
 *     current window; otherwise RFC 5681 3.1: by at most one SMSS per ACK, always
 * @param ecn whether ECN is asked for or accepted (RFC 3168 6.1.1): off for rfc (RFC 3168 leaves it
 *     to the host); passive for Linux (net.ipv4.tcp_ecn=2, ip-sysctl.rst: "Enable ECN when
 *     requested by incoming connections but do not request ECN on outgoing connections") and for
 *     FreeBSD (net.inet.tcp.ecn.enable=2 since FreeBSD 11, tcp(4))
 */
public record HostProfile(
    String name,
    int initialWindow,
    long minRto,
    long maxRto,
    boolean delayedAck,
    long delayedAckTimeout,
    int maxQuickAcks,
    Push push,
    int receiveBuffer,
    boolean sackPermitted,
    String sackRecovery,
    long probeTimeoutSlack,
    long challengeAckInterval,
    boolean rstAckOnAbort,
    boolean rfc1337,
    boolean acceptSynInTimeWait,
    int socketBufferFactor,
    boolean dropAckOfUnsentData,
    boolean windowUpdateWhenDoubled,
    boolean linuxSlowStart,
    EcnMode ecn) {

  /** Which data segments carry PSH. */
  public enum Push {
    /**
     * The segment that empties the send buffer (RFC 9293 3.9.1's "the last buffer", as FreeBSD's
     * tcp_output does).
     */
    BUFFER_EMPTY,
    /** The segment that carries the last byte of each write (Linux's tcp_push / tcp_mark_push). */
    EACH_WRITE
  }

  /** The RFCs' values: the default. */
  public static final HostProfile RFC =
      new HostProfile(
          "rfc",
          0,
          Time.seconds(1),
          Time.seconds(60),
          false,
          Time.millis(200),
          0,
          Push.BUFFER_EMPTY,
          64 * 1024,
          false,
          "rfc6675",
          0,
          0,
          false,
          false,
          false,
          1,
          false,
          false,
          false,
          EcnMode.OFF);

  /** Linux 6.x with default sysctls. */
  public static final HostProfile LINUX =
      new HostProfile(
          "linux",
          10,
          Time.millis(200),
          Time.seconds(120),
          true,
          Time.millis(40),
          16,
          Push.EACH_WRITE,
          6 * 1024 * 1024,
          true,
          "rack-tlp",
          Time.millis(2),
          Time.millis(500),
          true,
          false,
          true,
          2,
          true,
          true,
          true,
          EcnMode.PASSIVE);

  /** FreeBSD 14.x with default sysctls. */
  public static final HostProfile FREEBSD =
      new HostProfile(
          "freebsd",
          10,
          Time.millis(30),
          Time.seconds(60),
          true,
          Time.millis(40),
          0,
          Push.BUFFER_EMPTY,
          2 * 1024 * 1024,
          true,
          "prr",
          0,
          0,
          true,
          true,
          true,
          1,
          false,
          false,
          false,
          EcnMode.PASSIVE);

  public HostProfile {
    checkNotNull(name, "name");
    checkNotNull(push, "push");
    checkNotNull(ecn, "ecn");
    SackRecoveries.check(sackRecovery);
    checkArgument(
        probeTimeoutSlack >= 0, "probe timeout slack must not be negative: %s", probeTimeoutSlack);
    checkArgument(maxQuickAcks >= 0, "quick ACK count must not be negative: %s", maxQuickAcks);
    checkArgument(
        socketBufferFactor >= 1, "socket buffer factor must be at least 1: %s", socketBufferFactor);
  }

  /** The profiles {@link #named} knows, the default first. */
  public static List<HostProfile> all() {
    return List.of(RFC, LINUX, FREEBSD);
  }

  /**
   * The profile called {@code name} (in any case).
   *
   * @throws IllegalArgumentException naming the known profiles
   */
  public static HostProfile named(String name) {
    for (HostProfile profile : all()) {
      if (profile.name.equals(name.toLowerCase(Locale.ROOT))) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '" + name + "' (known: rfc, linux, freebsd)");
  }
}
