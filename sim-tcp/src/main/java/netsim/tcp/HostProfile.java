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
 * @param rtoRule how RTT samples make the RTO ({@link RtoRule})
 * @param paws how PAWS (RFC 7323 5) treats a segment whose timestamp is older than TS.Recent
 * @param finWait2Timeout how long a connection the application closed (not only shut down) waits in
 *     FIN-WAIT-2 for the peer's FIN before it is deleted, 0 for ever (RFC 9293); Linux
 *     tcp_fin_timeout: 60 s; FreeBSD: the idle time of TP_MAXIDLE, 8 keep-alive intervals of 75 s
 * @param finWait2CountsIdleTime whether that time runs from the last segment received, checked
 *     every keep-alive interval (FreeBSD's tcp_timer_2msl), rather than from entering FIN-WAIT-2
 *     (Linux)
 * @param linuxTimeWaitSyn Linux's rules for a SYN in TIME-WAIT (tcp_timewait_state_process): it
 *     starts a new incarnation also when only its timestamp is newer than TS.Recent (not when PAWS
 *     rejects it), and the new connection's ISN is the old SND.NXT + 65537; otherwise only a
 *     sequence number above RCV.NXT counts, and the ISN is RFC 6528's
 * @param resetOnDataAfterClose whether new data arriving after the application closed (in
 *     FIN-WAIT-1 or -2) is answered with a RST that ends the connection (RFC 9293 3.6's SHOULD;
 *     Linux's tcp_rcv_state_process, FreeBSD's tcp_input); otherwise it is acknowledged and
 *     discarded as RFC 9293 3.10.7.4 processes text in those states
 * @param closeDiscardsUnreadData whether close() while received data is still unread discards that
 *     data and closes as usual, with a FIN (FreeBSD's tcp_disconnect: "mark socket disconnecting
 *     and drop current input data; ... send segment to peer (with FIN)", {@code
 *     sbflush(&so->so_rcv)} and tcp_usrclosed); otherwise the connection is reset, as RFC 1122
 *     4.2.2.13 says a host SHOULD "to show that data was lost" (RFC 2525 2.17; Linux's tcp_close,
 *     data_was_unread). SO_LINGER with a zero timeout resets either way
 * @param rstReportedWhenClosing whether a RST that ends CLOSING or LAST-ACK reports "connection
 *     reset" to the user, as it does in ESTABLISHED (FreeBSD's tcp_input.c sets so_error to
 *     ECONNRESET in both, Linux's tcp_reset too); RFC 9293 3.10.7.4 only closes
 * @param abortResetsWhenClosing whether an ABORT in CLOSING or LAST-ACK resets the peer, as in the
 *     other states after a SYN arrived (FreeBSD's tcp_drop sends its RST in every state of
 *     TCPS_HAVERCVDSYN); RFC 9293 3.10.5 and Linux (tcp_need_reset) only "respond with ok" there
 * @param finRepeatedOnAck whether an acknowledgment sent while our FIN is unacknowledged carries
 *     the FIN again, at the FIN's sequence number (FreeBSD's tcp_output: FIN-WAIT-1, CLOSING and
 *     LAST-ACK send FIN with every segment, "if resending a FIN, be sure not to use a new sequence
 *     number"); a challenge ACK (tcp_respond) does not
 * @param finAfterFinIgnored whether a FIN after the peer's FIN leaves RCV.NXT where it is and gets
 *     no acknowledgment of its own (FreeBSD's tcp_input.c advances rcv_nxt only while no FIN was
 *     received); RFC 9293 3.10.7.4's eighth step advances RCV.NXT over it and acknowledges it
 * @param oldSegmentAckTaken whether a segment wholly below RCV.NXT, besides the acknowledgment it
 *     is owed, still has its ACK field processed (FreeBSD's tcp_input.c: "Send an ACK to
 *     resynchronize and drop any data. But keep on processing for RST or ACK."); RFC 9293 3.10.7.4
 *     drops it after the acknowledgment
 * @param receiveBufferFitsMss whether the receive buffer is rounded up to a multiple of the MSS
 *     once the connection has its buffers, never beyond this profile's {@link #receiveBuffer}
 *     (FreeBSD's tcp_mss: "roundup(bufsize, mss)", capped at kern.ipc.maxsockbuf)
 * @param receiveWindowIsBufferSpace whether, once the connection has its buffers, the receive
 *     window that segments are tested against is the free buffer space even where the window field
 *     cannot say so much (FreeBSD's tcp_input.c: "Receive window is amount of space in rcv queue,
 *     but not less than advertised window"); otherwise RCV.WND is what the window field offers
 * @param timeWaitNeedsAck whether TIME-WAIT drops a segment without ACK (and without RST)
 *     unanswered, wherever it falls (FreeBSD's tcp_twcheck: "Drop the segment if it does not
 *     contain an ACK"), a SYN at or below RCV.NXT included (one above it starts a new connection,
 *     {@link #acceptSynInTimeWait}); RFC 9293 3.10.7.4 answers one outside the window with an ACK,
 *     and RFC 5961 4.2 a SYN with a challenge ACK
 * @param timeWaitSynRestarts whether TIME-WAIT follows FreeBSD's tcp_twcheck for a SYN: one without
 *     ACK above RCV.NXT ends TIME-WAIT and is looked up again even when no listener takes it (then
 *     answered as in CLOSED: "If a new connection request is received while in TIME_WAIT, drop the
 *     old connection and start over if the sequence numbers are above the previous ones"); any
 *     other SYN, a SYN,ACK wherever it falls included, is acknowledged and never resets, whatever
 *     insecure_syn says (the suite's rcv-syn-ack-time-wait README, FreeBSD D36864); otherwise only
 *     a listener takes a new SYN (Linux's tcp_v4_rcv, TCP_TW_SYN; RFC 6191) and the synchronized
 *     states' SYN rule applies
 * @param simultaneousOpenTakesText whether a SYN without ACK that arrives in SYN-SENT (a
 *     simultaneous open) keeps its text until the handshake completes and then delivers it, and
 *     takes a FIN that comes without text at once (SYN,ACK acknowledging the SYN and the FIN, then
 *     CLOSE-WAIT), as FreeBSD's tcp_input does: the SYN-SENT case goes on to step6, where the text
 *     waits in the reassembly queue (tcp_reass presents nothing before ESTABLISHED) and the
 *     SYN-RECEIVED ACK branch's tcp_reass(tp, NULL) hands it up (its FIN is lost there, the return
 *     value being ignored); the FreeBSD suite's rcv-syn-syn-sent and rcv-syn-fin-syn-sent READMEs.
 *     Otherwise text and FIN are dropped: Linux's tcp_rcv_synsent_state_process discards the
 *     segment ("discard packet for sanity"), and rfc does not queue what RFC 9293 3.10.7.3 says to
 *     queue (a simplification)
 * @param windowScaleForLargestBuffer whether the window scale offered in a SYN or SYN,ACK is sized
 *     for {@link #receiveBuffer}, the largest a socket buffer may grow to, rather than for the
 *     connection's own receive buffer (RFC 7323 2.3): FreeBSD's tcp_connect and syncache_add take
 *     the smallest shift with {@code TCP_MAXWIN << shift >= sb_max} (kern.ipc.maxsockbuf, 2 MiB:
 *     6), whatever SO_RCVBUF says
 * @param congestionControl the congestion control a connection uses unless told otherwise, a name
 *     of {@link CongestionControls}: "newreno" (RFC 6582) for rfc and freebsd; "cubic" for Linux
 *     (net.ipv4.tcp_congestion_control's default since 2.6.19)
 * @param limitedTransmit whether, outside a recovery, what the peer holds beyond SND.UNA no longer
 *     counts against cwnd, so that new data goes on each duplicate ACK (RFC 3042 Limited Transmit,
 *     as RFC 5681 3.2 step 1 recommends): Linux's tcp_packets_in_flight leaves out SACKed segments,
 *     or without SACK one segment per duplicate ACK (tcp_add_reno_sack); and cwnd then grows by
 *     what an ACK delivered, not again by data it had already counted (tcp_ack's acked_sacked)
 * @param ecn whether ECN is asked for or accepted (RFC 3168 6.1.1): off for rfc (RFC 3168 leaves it
 *     to the host); passive for Linux (net.ipv4.tcp_ecn=2, ip-sysctl.rst: "Enable ECN when
 *     requested by incoming connections but do not request ECN on outgoing connections") and for
 *     FreeBSD (net.inet.tcp.ecn.enable=2 since FreeBSD 11, tcp(4))
 * @param sackWholeSegments whether a SACK block marks only the segments it covers whole (Linux's
 *     tcp_match_skb_to_sack: "SACKs cover only full MSSes"), where the loss recovery knows the
 *     segments in flight; otherwise each byte it covers (RFC 6675 4's Update())
 * @param rackRttOfLastDelivered whether RACK.rtt is the round trip of the last segment an ACK
 *     delivers, in the order Linux's tcp_ack walks them (SACKed first, then cumulatively
 *     acknowledged, each in sequence order: tcp_rack_advance sets rtt_us on every call); otherwise
 *     that of the most recently sent segment delivered (RFC 8985 6.2 step 2)
 * @param hyStartDetect which tests of Linux's HyStart end CUBIC's slow start early (tcp_cubic's
 *     hystart_detect, 3 by default: 1 the ACK train, 2 the delay increase); 0 for none, as RFC
 *     9438's CUBIC (other congestion controls ignore it)
 * @param emptyZeroWindowProbe whether a zero-window probe is a segment without data at SND.UNA - 1,
 *     which the peer must acknowledge (Linux's tcp_write_wakeup and tcp_xmit_probe_skb); otherwise
 *     it carries the next byte beyond the window (RFC 9293 3.8.6.1)
 * @param dsack whether a SACK receiver reports each duplicate segment once, in a D-SACK block ahead
 *     of the others (RFC 2883 4): on for rfc (the SACK variant includes RFC 2883), for
 *     Linux (net.ipv4.tcp_dsack=1, tcp_dsack_set) and for FreeBSD (tcp_sack.c's
 *     tcp_update_dsack_list, since FreeBSD 13)
 * @param undoSpuriousRecovery whether the sender undoes a congestion response that proved spurious
 *     (RFC 3708's D-SACK detection and RFC 3522's Eifel check with timestamps), as Linux's
 *     tcp_try_undo_recovery, tcp_try_undo_partial, tcp_try_undo_dsack and tcp_try_undo_loss do
 *     (RACK-TLP recovery only); off for rfc (RFC 3708 and RFC 3522 are Experimental, RFC 5681 and
 *     RFC 6675 keep the reduction) and for FreeBSD (its default stack's only undo is the "bad
 *     retransmit" window of one RTO after a timeout, not modelled)
 * @param cwndGrowsOnSackWhenReordered whether, once the reordering degree exceeds DupThresh (3,
 *     Linux's net.ipv4.tcp_reordering), an ACK that only SACKs new data grows cwnd by what it
 *     delivered, as Linux's tcp_may_raise_cwnd allows (FLAG_FORWARD_PROGRESS); otherwise only an
 *     ACK of new in-order data grows it (RFC 5681 3.1). RACK-TLP recovery only; Linux alone
 * @param linuxPrr whether PRR runs as Linux's tcp_cwnd_reduction: in segments (prr_delivered,
 *     prr_out, sndcnt, ssthresh and the data in flight, tcp_packets_in_flight, each segment counted
 *     as Linux counts an skb's pcount, so one below the MSS counts one) and in proportion to
 *     prior_cwnd, cwnd when the reduction began (tcp_init_cwnd_reduction); otherwise in bytes and
 *     in proportion to RecoverFS, the flight when recovery began (RFC 6937 3). RACK-TLP recovery
 *     only; Linux alone
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
    RtoRule rtoRule,
    Paws paws,
    long finWait2Timeout,
    boolean finWait2CountsIdleTime,
    boolean linuxTimeWaitSyn,
    boolean resetOnDataAfterClose,
    boolean closeDiscardsUnreadData,
    boolean rstReportedWhenClosing,
    boolean abortResetsWhenClosing,
    boolean finRepeatedOnAck,
    boolean finAfterFinIgnored,
    boolean oldSegmentAckTaken,
    boolean receiveBufferFitsMss,
    boolean receiveWindowIsBufferSpace,
    boolean timeWaitNeedsAck,
    boolean timeWaitSynRestarts,
    boolean simultaneousOpenTakesText,
    boolean windowScaleForLargestBuffer,
    String congestionControl,
    boolean limitedTransmit,
    EcnMode ecn,
    boolean sackWholeSegments,
    boolean rackRttOfLastDelivered,
    int hyStartDetect,
    boolean emptyZeroWindowProbe,
    boolean dsack,
    boolean undoSpuriousRecovery,
    boolean cwndGrowsOnSackWhenReordered,
    boolean linuxPrr) {

  /** Which data segments carry PSH. */
  public enum Push {
    /**
     * The segment that empties the send buffer (RFC 9293 3.9.1's "the last buffer", as FreeBSD's
     * tcp_output does).
     */
    BUFFER_EMPTY,
    /** The segment that carries the last byte of each write (Linux's tcp_push / tcp_mark_push). */
    EACH_WRITE,
    /**
     * {@link #EACH_WRITE}, and the last segment of each TSO/GSO chunk of more than one segment, as
     * Linux's __tcp_transmit_skb forces PSH on them ({@link TsoChunks}), and Linux's pushes inside
     * a long write (forced_push, {@link ForcedPush}).
     */
    EACH_WRITE_AND_TSO_CHUNK;

    /** Whether the segment carrying the last byte of a write gets PSH. */
    boolean marksWrites() {
      return this != BUFFER_EMPTY;
    }
  }

  /** How RTT samples make the retransmission timeout. */
  public enum RtoRule {
    /**
     * RFC 6298, with RFC 7323 Appendix G's smaller gains for samples from timestamps (several per
     * round trip).
     */
    RFC6298,
    /**
     * Linux's tcp_rtt_estimator and tcp_set_rto: RTO = SRTT + rttvar, rttvar the round trip's
     * largest mean deviation and at least the minimum RTO ({@link LinuxRttEstimator}).
     */
    LINUX,
    /**
     * FreeBSD's tcp_xmit_timer: RFC 6298's filter on every sample, plus rexmit_slop (200 ms), with
     * tcp_backoff[]'s factors up to 64 ({@link Rfc6298Estimator}).
     */
    FREEBSD
  }

  /** How PAWS (RFC 7323 5.3 R1) treats a segment, not a RST, whose TSval is below TS.Recent. */
  public enum Paws {
    /** RFC 7323 5.3 R1: acknowledge and drop it. */
    RFC7323,
    /**
     * Linux's tcp_paws_discard: a TSval one below TS.Recent passes (TCP_PAWS_WINDOW), TS.Recent 0
     * checks nothing, and the ACK of a segment without data is rate-limited like a challenge ACK
     * (tcp_oow_rate_limited).
     */
    LINUX,
    /**
     * FreeBSD's tcp_input: TS.Recent 0 checks nothing, a SYN is left to the SYN rule, and a segment
     * without data is dropped without an ACK ("if (tlen) goto dropafterack; goto drop").
     */
    FREEBSD
  }

  /** The RFCs' values: the default. */
  public static final HostProfile RFC = builder("rfc").build();

  /** Linux 6.x with default sysctls. */
  public static final HostProfile LINUX =
      RFC.toBuilder("linux")
          .initialWindow(10)
          .minRto(Time.millis(200))
          .maxRto(Time.seconds(120))
          .delayedAck(true)
          .delayedAckTimeout(Time.millis(40))
          .maxQuickAcks(16)
          .push(Push.EACH_WRITE_AND_TSO_CHUNK)
          .receiveBuffer(6 * 1024 * 1024)
          .sackPermitted(true)
          .sackRecovery("rack-tlp")
          .probeTimeoutSlack(Time.millis(2))
          .challengeAckInterval(Time.millis(500))
          .rstAckOnAbort(true)
          .acceptSynInTimeWait(true)
          .socketBufferFactor(2)
          .dropAckOfUnsentData(true)
          .windowUpdateWhenDoubled(true)
          .linuxSlowStart(true)
          .rtoRule(RtoRule.LINUX)
          .paws(Paws.LINUX)
          .finWait2Timeout(Time.seconds(60))
          .linuxTimeWaitSyn(true)
          .resetOnDataAfterClose(true)
          .rstReportedWhenClosing(true)
          .congestionControl("cubic")
          .limitedTransmit(true)
          .ecn(EcnMode.PASSIVE)
          .sackWholeSegments(true)
          .rackRttOfLastDelivered(true)
          .hyStartDetect(3)
          .emptyZeroWindowProbe(true)
          .undoSpuriousRecovery(true)
          .cwndGrowsOnSackWhenReordered(true)
          .linuxPrr(true)
          .build();

  /** FreeBSD 14.x with default sysctls. */
  public static final HostProfile FREEBSD =
      RFC.toBuilder("freebsd")
          .initialWindow(10)
          .minRto(Time.millis(30))
          .delayedAck(true)
          .delayedAckTimeout(Time.millis(40))
          .receiveBuffer(2 * 1024 * 1024)
          .sackPermitted(true)
          .sackRecovery("prr")
          .rstAckOnAbort(true)
          .rfc1337(true)
          .acceptSynInTimeWait(true)
          .rtoRule(RtoRule.FREEBSD)
          .paws(Paws.FREEBSD)
          .finWait2Timeout(Time.seconds(600))
          .finWait2CountsIdleTime(true)
          .resetOnDataAfterClose(true)
          .closeDiscardsUnreadData(true)
          .rstReportedWhenClosing(true)
          .abortResetsWhenClosing(true)
          .finRepeatedOnAck(true)
          .finAfterFinIgnored(true)
          .oldSegmentAckTaken(true)
          .receiveBufferFitsMss(true)
          .receiveWindowIsBufferSpace(true)
          .timeWaitNeedsAck(true)
          .timeWaitSynRestarts(true)
          .simultaneousOpenTakesText(true)
          .windowScaleForLargestBuffer(true)
          .ecn(EcnMode.PASSIVE)
          .build();

  public HostProfile {
    checkNotNull(name, "name");
    checkNotNull(push, "push");
    checkNotNull(rtoRule, "rtoRule");
    checkNotNull(paws, "paws");
    checkArgument(
        finWait2Timeout >= 0, "FIN-WAIT-2 timeout must not be negative: %s", finWait2Timeout);
    SackRecoveries.check(sackRecovery);
    CongestionControls.check(congestionControl);
    checkArgument(
        probeTimeoutSlack >= 0, "probe timeout slack must not be negative: %s", probeTimeoutSlack);
    checkArgument(maxQuickAcks >= 0, "quick ACK count must not be negative: %s", maxQuickAcks);
    checkArgument(
        socketBufferFactor >= 1, "socket buffer factor must be at least 1: %s", socketBufferFactor);
    checkArgument(
        hyStartDetect >= 0 && hyStartDetect <= 3,
        "HyStart tests must be 0 to 3 (1 ACK train, 2 delay): %s",
        hyStartDetect);
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

  /**
   * A builder of a profile named {@code name} whose values start as {@link #RFC}'s: the RFCs' own
   * values are the default, and a profile is what differs from them.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder of a profile named {@code name} whose values start as this profile's. */
  public Builder toBuilder(String name) {
    Builder b = new Builder(name);
    b.initialWindow = initialWindow;
    b.minRto = minRto;
    b.maxRto = maxRto;
    b.delayedAck = delayedAck;
    b.delayedAckTimeout = delayedAckTimeout;
    b.maxQuickAcks = maxQuickAcks;
    b.push = push;
    b.receiveBuffer = receiveBuffer;
    b.sackPermitted = sackPermitted;
    b.sackRecovery = sackRecovery;
    b.probeTimeoutSlack = probeTimeoutSlack;
    b.challengeAckInterval = challengeAckInterval;
    b.rstAckOnAbort = rstAckOnAbort;
    b.rfc1337 = rfc1337;
    b.acceptSynInTimeWait = acceptSynInTimeWait;
    b.socketBufferFactor = socketBufferFactor;
    b.dropAckOfUnsentData = dropAckOfUnsentData;
    b.windowUpdateWhenDoubled = windowUpdateWhenDoubled;
    b.linuxSlowStart = linuxSlowStart;
    b.rtoRule = rtoRule;
    b.paws = paws;
    b.finWait2Timeout = finWait2Timeout;
    b.finWait2CountsIdleTime = finWait2CountsIdleTime;
    b.linuxTimeWaitSyn = linuxTimeWaitSyn;
    b.resetOnDataAfterClose = resetOnDataAfterClose;
    b.closeDiscardsUnreadData = closeDiscardsUnreadData;
    b.rstReportedWhenClosing = rstReportedWhenClosing;
    b.abortResetsWhenClosing = abortResetsWhenClosing;
    b.finRepeatedOnAck = finRepeatedOnAck;
    b.finAfterFinIgnored = finAfterFinIgnored;
    b.oldSegmentAckTaken = oldSegmentAckTaken;
    b.receiveBufferFitsMss = receiveBufferFitsMss;
    b.receiveWindowIsBufferSpace = receiveWindowIsBufferSpace;
    b.timeWaitNeedsAck = timeWaitNeedsAck;
    b.timeWaitSynRestarts = timeWaitSynRestarts;
    b.simultaneousOpenTakesText = simultaneousOpenTakesText;
    b.windowScaleForLargestBuffer = windowScaleForLargestBuffer;
    b.congestionControl = congestionControl;
    b.limitedTransmit = limitedTransmit;
    b.ecn = ecn;
    b.sackWholeSegments = sackWholeSegments;
    b.rackRttOfLastDelivered = rackRttOfLastDelivered;
    b.hyStartDetect = hyStartDetect;
    b.emptyZeroWindowProbe = emptyZeroWindowProbe;
    b.dsack = dsack;
    b.undoSpuriousRecovery = undoSpuriousRecovery;
    b.cwndGrowsOnSackWhenReordered = cwndGrowsOnSackWhenReordered;
    b.linuxPrr = linuxPrr;
    return b;
  }

  /**
   * Builds a {@link HostProfile} by naming the values that differ from the RFCs' (or from the
   * profile it started from, {@link HostProfile#toBuilder}); each setter is the record component of
   * the same name.
   */
  public static final class Builder {
    private final String name;
    private int initialWindow = 0;
    private long minRto = Time.seconds(1);
    private long maxRto = Time.seconds(60);
    private boolean delayedAck = false;
    private long delayedAckTimeout = Time.millis(200);
    private int maxQuickAcks = 0;
    private Push push = Push.BUFFER_EMPTY;
    private int receiveBuffer = 64 * 1024;
    private boolean sackPermitted = false;
    private String sackRecovery = "rfc6675";
    private long probeTimeoutSlack = 0;
    private long challengeAckInterval = 0;
    private boolean rstAckOnAbort = false;
    private boolean rfc1337 = false;
    private boolean acceptSynInTimeWait = false;
    private int socketBufferFactor = 1;
    private boolean dropAckOfUnsentData = false;
    private boolean windowUpdateWhenDoubled = false;
    private boolean linuxSlowStart = false;
    private RtoRule rtoRule = RtoRule.RFC6298;
    private Paws paws = Paws.RFC7323;
    private long finWait2Timeout = 0;
    private boolean finWait2CountsIdleTime = false;
    private boolean linuxTimeWaitSyn = false;
    private boolean resetOnDataAfterClose = false;
    private boolean closeDiscardsUnreadData = false;
    private boolean rstReportedWhenClosing = false;
    private boolean abortResetsWhenClosing = false;
    private boolean finRepeatedOnAck = false;
    private boolean finAfterFinIgnored = false;
    private boolean oldSegmentAckTaken = false;
    private boolean receiveBufferFitsMss = false;
    private boolean receiveWindowIsBufferSpace = false;
    private boolean timeWaitNeedsAck = false;
    private boolean timeWaitSynRestarts = false;
    private boolean simultaneousOpenTakesText = false;
    private boolean windowScaleForLargestBuffer = false;
    private String congestionControl = "newreno";
    private boolean limitedTransmit = false;
    private EcnMode ecn = EcnMode.OFF;
    private boolean sackWholeSegments = false;
    private boolean rackRttOfLastDelivered = false;
    private int hyStartDetect = 0;
    private boolean emptyZeroWindowProbe = false;
    private boolean dsack = true;
    private boolean undoSpuriousRecovery = false;
    private boolean cwndGrowsOnSackWhenReordered = false;
    private boolean linuxPrr = false;

    private Builder(String name) {
      this.name = checkNotNull(name, "name");
    }

    /** Sets {@link HostProfile#initialWindow()}. */
    public Builder initialWindow(int initialWindow) {
      this.initialWindow = initialWindow;
      return this;
    }

    /** Sets {@link HostProfile#minRto()}. */
    public Builder minRto(long minRto) {
      this.minRto = minRto;
      return this;
    }

    /** Sets {@link HostProfile#maxRto()}. */
    public Builder maxRto(long maxRto) {
      this.maxRto = maxRto;
      return this;
    }

    /** Sets {@link HostProfile#delayedAck()}. */
    public Builder delayedAck(boolean delayedAck) {
      this.delayedAck = delayedAck;
      return this;
    }

    /** Sets {@link HostProfile#delayedAckTimeout()}. */
    public Builder delayedAckTimeout(long delayedAckTimeout) {
      this.delayedAckTimeout = delayedAckTimeout;
      return this;
    }

    /** Sets {@link HostProfile#maxQuickAcks()}. */
    public Builder maxQuickAcks(int maxQuickAcks) {
      this.maxQuickAcks = maxQuickAcks;
      return this;
    }

    /** Sets {@link HostProfile#push()}. */
    public Builder push(Push push) {
      this.push = push;
      return this;
    }

    /** Sets {@link HostProfile#receiveBuffer()}. */
    public Builder receiveBuffer(int receiveBuffer) {
      this.receiveBuffer = receiveBuffer;
      return this;
    }

    /** Sets {@link HostProfile#sackPermitted()}. */
    public Builder sackPermitted(boolean sackPermitted) {
      this.sackPermitted = sackPermitted;
      return this;
    }

    /** Sets {@link HostProfile#sackRecovery()}. */
    public Builder sackRecovery(String sackRecovery) {
      this.sackRecovery = sackRecovery;
      return this;
    }

    /** Sets {@link HostProfile#probeTimeoutSlack()}. */
    public Builder probeTimeoutSlack(long probeTimeoutSlack) {
      this.probeTimeoutSlack = probeTimeoutSlack;
      return this;
    }

    /** Sets {@link HostProfile#challengeAckInterval()}. */
    public Builder challengeAckInterval(long challengeAckInterval) {
      this.challengeAckInterval = challengeAckInterval;
      return this;
    }

    /** Sets {@link HostProfile#rstAckOnAbort()}. */
    public Builder rstAckOnAbort(boolean rstAckOnAbort) {
      this.rstAckOnAbort = rstAckOnAbort;
      return this;
    }

    /** Sets {@link HostProfile#rfc1337()}. */
    public Builder rfc1337(boolean rfc1337) {
      this.rfc1337 = rfc1337;
      return this;
    }

    /** Sets {@link HostProfile#acceptSynInTimeWait()}. */
    public Builder acceptSynInTimeWait(boolean acceptSynInTimeWait) {
      this.acceptSynInTimeWait = acceptSynInTimeWait;
      return this;
    }

    /** Sets {@link HostProfile#socketBufferFactor()}. */
    public Builder socketBufferFactor(int socketBufferFactor) {
      this.socketBufferFactor = socketBufferFactor;
      return this;
    }

    /** Sets {@link HostProfile#dropAckOfUnsentData()}. */
    public Builder dropAckOfUnsentData(boolean dropAckOfUnsentData) {
      this.dropAckOfUnsentData = dropAckOfUnsentData;
      return this;
    }

    /** Sets {@link HostProfile#windowUpdateWhenDoubled()}. */
    public Builder windowUpdateWhenDoubled(boolean windowUpdateWhenDoubled) {
      this.windowUpdateWhenDoubled = windowUpdateWhenDoubled;
      return this;
    }

    /** Sets {@link HostProfile#linuxSlowStart()}. */
    public Builder linuxSlowStart(boolean linuxSlowStart) {
      this.linuxSlowStart = linuxSlowStart;
      return this;
    }

    /** Sets {@link HostProfile#rtoRule()}. */
    public Builder rtoRule(RtoRule rtoRule) {
      this.rtoRule = rtoRule;
      return this;
    }

    /** Sets {@link HostProfile#paws()}. */
    public Builder paws(Paws paws) {
      this.paws = paws;
      return this;
    }

    /** Sets {@link HostProfile#finWait2Timeout()}. */
    public Builder finWait2Timeout(long finWait2Timeout) {
      this.finWait2Timeout = finWait2Timeout;
      return this;
    }

    /** Sets {@link HostProfile#finWait2CountsIdleTime()}. */
    public Builder finWait2CountsIdleTime(boolean finWait2CountsIdleTime) {
      this.finWait2CountsIdleTime = finWait2CountsIdleTime;
      return this;
    }

    /** Sets {@link HostProfile#linuxTimeWaitSyn()}. */
    public Builder linuxTimeWaitSyn(boolean linuxTimeWaitSyn) {
      this.linuxTimeWaitSyn = linuxTimeWaitSyn;
      return this;
    }

    /** Sets {@link HostProfile#resetOnDataAfterClose()}. */
    public Builder resetOnDataAfterClose(boolean resetOnDataAfterClose) {
      this.resetOnDataAfterClose = resetOnDataAfterClose;
      return this;
    }

    /** Sets {@link HostProfile#closeDiscardsUnreadData()}. */
    public Builder closeDiscardsUnreadData(boolean closeDiscardsUnreadData) {
      this.closeDiscardsUnreadData = closeDiscardsUnreadData;
      return this;
    }

    /** Sets {@link HostProfile#rstReportedWhenClosing()}. */
    public Builder rstReportedWhenClosing(boolean rstReportedWhenClosing) {
      this.rstReportedWhenClosing = rstReportedWhenClosing;
      return this;
    }

    /** Sets {@link HostProfile#abortResetsWhenClosing()}. */
    public Builder abortResetsWhenClosing(boolean abortResetsWhenClosing) {
      this.abortResetsWhenClosing = abortResetsWhenClosing;
      return this;
    }

    /** Sets {@link HostProfile#finRepeatedOnAck()}. */
    public Builder finRepeatedOnAck(boolean finRepeatedOnAck) {
      this.finRepeatedOnAck = finRepeatedOnAck;
      return this;
    }

    /** Sets {@link HostProfile#finAfterFinIgnored()}. */
    public Builder finAfterFinIgnored(boolean finAfterFinIgnored) {
      this.finAfterFinIgnored = finAfterFinIgnored;
      return this;
    }

    /** Sets {@link HostProfile#oldSegmentAckTaken()}. */
    public Builder oldSegmentAckTaken(boolean oldSegmentAckTaken) {
      this.oldSegmentAckTaken = oldSegmentAckTaken;
      return this;
    }

    /** Sets {@link HostProfile#receiveBufferFitsMss()}. */
    public Builder receiveBufferFitsMss(boolean receiveBufferFitsMss) {
      this.receiveBufferFitsMss = receiveBufferFitsMss;
      return this;
    }

    /** Sets {@link HostProfile#receiveWindowIsBufferSpace()}. */
    public Builder receiveWindowIsBufferSpace(boolean receiveWindowIsBufferSpace) {
      this.receiveWindowIsBufferSpace = receiveWindowIsBufferSpace;
      return this;
    }

    /** Sets {@link HostProfile#timeWaitNeedsAck()}. */
    public Builder timeWaitNeedsAck(boolean timeWaitNeedsAck) {
      this.timeWaitNeedsAck = timeWaitNeedsAck;
      return this;
    }

    /** Sets {@link HostProfile#timeWaitSynRestarts()}. */
    public Builder timeWaitSynRestarts(boolean timeWaitSynRestarts) {
      this.timeWaitSynRestarts = timeWaitSynRestarts;
      return this;
    }

    /** Sets {@link HostProfile#simultaneousOpenTakesText()}. */
    public Builder simultaneousOpenTakesText(boolean simultaneousOpenTakesText) {
      this.simultaneousOpenTakesText = simultaneousOpenTakesText;
      return this;
    }

    /** Sets {@link HostProfile#windowScaleForLargestBuffer()}. */
    public Builder windowScaleForLargestBuffer(boolean windowScaleForLargestBuffer) {
      this.windowScaleForLargestBuffer = windowScaleForLargestBuffer;
      return this;
    }

    /** Sets {@link HostProfile#congestionControl()}. */
    public Builder congestionControl(String congestionControl) {
      this.congestionControl = congestionControl;
      return this;
    }

    /** Sets {@link HostProfile#limitedTransmit()}. */
    public Builder limitedTransmit(boolean limitedTransmit) {
      this.limitedTransmit = limitedTransmit;
      return this;
    }

    /** Sets {@link HostProfile#emptyZeroWindowProbe()}. */
    public Builder emptyZeroWindowProbe(boolean emptyZeroWindowProbe) {
      this.emptyZeroWindowProbe = emptyZeroWindowProbe;
      return this;
    }

    /** Sets {@link HostProfile#ecn()}. */
    public Builder ecn(EcnMode ecn) {
      this.ecn = ecn;
      return this;
    }

    /** Sets {@link HostProfile#sackWholeSegments()}. */
    public Builder sackWholeSegments(boolean sackWholeSegments) {
      this.sackWholeSegments = sackWholeSegments;
      return this;
    }

    /** Sets {@link HostProfile#rackRttOfLastDelivered()}. */
    public Builder rackRttOfLastDelivered(boolean rackRttOfLastDelivered) {
      this.rackRttOfLastDelivered = rackRttOfLastDelivered;
      return this;
    }

    /** Sets {@link HostProfile#hyStartDetect()}. */
    public Builder hyStartDetect(int hyStartDetect) {
      this.hyStartDetect = hyStartDetect;
      return this;
    }

    /** Sets {@link HostProfile#dsack()}. */
    public Builder dsack(boolean dsack) {
      this.dsack = dsack;
      return this;
    }

    /** Sets {@link HostProfile#undoSpuriousRecovery()}. */
    public Builder undoSpuriousRecovery(boolean undoSpuriousRecovery) {
      this.undoSpuriousRecovery = undoSpuriousRecovery;
      return this;
    }

    /** Sets {@link HostProfile#cwndGrowsOnSackWhenReordered()}. */
    public Builder cwndGrowsOnSackWhenReordered(boolean cwndGrowsOnSackWhenReordered) {
      this.cwndGrowsOnSackWhenReordered = cwndGrowsOnSackWhenReordered;
      return this;
    }

    /** Sets {@link HostProfile#linuxPrr()}. */
    public Builder linuxPrr(boolean linuxPrr) {
      this.linuxPrr = linuxPrr;
      return this;
    }

    /**
     * The profile.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public HostProfile build() {
      return new HostProfile(
          name,
          initialWindow,
          minRto,
          maxRto,
          delayedAck,
          delayedAckTimeout,
          maxQuickAcks,
          push,
          receiveBuffer,
          sackPermitted,
          sackRecovery,
          probeTimeoutSlack,
          challengeAckInterval,
          rstAckOnAbort,
          rfc1337,
          acceptSynInTimeWait,
          socketBufferFactor,
          dropAckOfUnsentData,
          windowUpdateWhenDoubled,
          linuxSlowStart,
          rtoRule,
          paws,
          finWait2Timeout,
          finWait2CountsIdleTime,
          linuxTimeWaitSyn,
          resetOnDataAfterClose,
          closeDiscardsUnreadData,
          rstReportedWhenClosing,
          abortResetsWhenClosing,
          finRepeatedOnAck,
          finAfterFinIgnored,
          oldSegmentAckTaken,
          receiveBufferFitsMss,
          receiveWindowIsBufferSpace,
          timeWaitNeedsAck,
          timeWaitSynRestarts,
          simultaneousOpenTakesText,
          windowScaleForLargestBuffer,
          congestionControl,
          limitedTransmit,
          ecn,
          sackWholeSegments,
          rackRttOfLastDelivered,
          hyStartDetect,
          emptyZeroWindowProbe,
          dsack,
          undoSpuriousRecovery,
          cwndGrowsOnSackWhenReordered,
          linuxPrr);
    }
  }
}
