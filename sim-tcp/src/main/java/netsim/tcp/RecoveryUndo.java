package netsim.tcp;

import netsim.tcp.cc.CongestionWindow;

/**
 * Undoing a congestion response that proved spurious, as Linux does (tcp_input.c's "undo"
 * heuristics): a recovery or a timeout remembers the window it reduced (prior_cwnd, prior_ssthresh)
 * and where it began (undo_marker), counts its retransmissions (undo_retrans) and the timestamp of
 * the first (retrans_stamp). The reduction was needless once a D-SACK (RFC 2883) has reported every
 * retransmission as a duplicate (RFC 3708), or once an ACK echoes a timestamp older than the first
 * retransmission, so that an original segment arrived (RFC 3522, the Eifel check; Linux's
 * tcp_packet_delayed). Undo restores the window (tcp_undo_cwnd_reduction).
 *
 * <p>Positions are a {@link SendSide}'s; timestamps are the connection's TSval clock (RFC 7323),
 * unsigned 32 bits.
 */
final class RecoveryUndo {
  /** Linux's TCP_RACK_RECOVERY_THRESH: the most recoveries a D-SACK undo widens RACK for. */
  static final int RACK_RECOVERY_THRESH = 16;

  /** undo_marker: SND.UNA when the reduction began; -1: nothing to undo. */
  private long marker = -1;

  /** undo_retrans: retransmissions not yet reported as duplicates; -1: none sent yet. */
  private int retransmissions = -1;

  /** retrans_stamp: whether a retransmission went out in this episode. */
  private boolean retransmitted;

  /** The TSval of that first retransmission, or -1 without timestamps. */
  private long firstRetransmissionStamp = -1;

  /** prior_ssthresh: ssthresh before the reduction; 0: the reduction may not be undone. */
  private long priorSsthresh;

  /** prior_cwnd: cwnd before the reduction. */
  private long priorCwnd;

  /** dsack_dups and total_retrans, in segments: D-SACKs beyond what was resent are dubious. */
  private long duplicatesReported;

  private long segmentsResent;

  /**
   * A reduction begins (tcp_enter_recovery, tcp_enter_loss): remember the window as it stands,
   * unless an ECN echo proved congestion ({@code ecnEcho}), and start counting (tcp_init_undo).
   * {@code inReduction}: a reduction (Linux's CWR) was already under way, so ssthresh is what it
   * set (tcp_current_ssthresh); otherwise the larger of ssthresh and 3/4 cwnd.
   *
   * @param retransmissionsInFlight retransmitted segments not yet delivered (retrans_out, with a
   *     tail loss probe's retransmission in flight)
   */
  void begin(
      CongestionWindow window,
      boolean inReduction,
      boolean ecnEcho,
      long sndUna,
      int retransmissionsInFlight) {
    priorSsthresh = 0;
    if (!ecnEcho) {
      // tcp_current_ssthresh, in whole segments as Linux counts them: 3/4 cwnd is
      // (cwnd >> 1) + (cwnd >> 2) segments.
      long smss = window.smss();
      long segments = window.cwnd() / smss;
      long ssthresh = window.ssthresh();
      priorSsthresh =
          inReduction ? ssthresh : Math.max(ssthresh, ((segments >> 1) + (segments >> 2)) * smss);
      priorCwnd = window.cwnd();
    }
    mark(sndUna, retransmissionsInFlight);
  }

  /**
   * tcp_init_undo alone (a recovery that starts from Linux's CWR state keeps the window CWR set and
   * remembers nothing new to restore).
   */
  void mark(long sndUna, int retransmissionsInFlight) {
    marker = sndUna;
    // "Retransmission still in flight may cause DSACKs later"; 0 would mean "undo now".
    retransmissions = retransmissionsInFlight > 0 ? retransmissionsInFlight : -1;
  }

  /**
   * An ECN echo proves congestion: nothing may be undone (tcp_fastretrans_alert's step A, and
   * tcp_enter_cwr, which also clears undo_marker when {@code forget}).
   */
  void ecnEcho(boolean forget) {
    priorSsthresh = 0;
    if (forget) {
      marker = -1;
    }
  }

  /**
   * {@code segments} went out again, at timestamp {@code stamp} (-1 without timestamps):
   * tcp_retransmit_skb counts them in undo_retrans and total_retrans and stamps the first of the
   * episode (retrans_stamp).
   */
  void resent(int segments, long stamp) {
    if (!retransmitted) {
      retransmitted = true;
      firstRetransmissionStamp = stamp;
    }
    retransmissions = Math.max(retransmissions, 0) + segments;
    segmentsResent += segments;
  }

  /**
   * A tail loss probe resent {@code segments} (__tcp_retransmit_skb alone): they count in
   * total_retrans only, not in undo_retrans, and stamp nothing.
   */
  void probed(int segments) {
    segmentsResent += segments;
  }

  /**
   * No retransmission is in flight: the next episode stamps its own first one (Linux clears
   * retrans_stamp in the Open state and when a recovery starts with none in flight).
   */
  void clearStamp() {
    retransmitted = false;
    firstRetransmissionStamp = -1;
  }

  /**
   * A D-SACK block reported {@code segments} segments as duplicates; returns false if the report is
   * dubious, reporting more duplicates than were ever resent (Linux's tcp_dsack_seen).
   */
  boolean duplicatesReported(int segments) {
    duplicatesReported += segments;
    return duplicatesReported <= segmentsResent;
  }

  /**
   * A D-SACK reported {@code segments} resent segments ending at {@code end} as duplicates: one
   * retransmission fewer to account for each, if they lie above the marker (tcp_check_dsack below
   * SND.UNA, tcp_sacktag_one above it).
   */
  void retransmissionsDuplicated(long end, int segments) {
    if (marker >= 0 && retransmissions > 0 && end > marker) {
      retransmissions = Math.max(0, retransmissions - segments);
    }
  }

  /** Whether a reduction is on record to be undone (undo_marker set). */
  boolean pending() {
    return marker >= 0;
  }

  /** tcp_try_undo_dsack's test: D-SACKs reported every retransmission of the episode. */
  boolean allRetransmissionsDuplicated() {
    return marker >= 0 && retransmissions == 0;
  }

  /**
   * tcp_packet_delayed (RFC 3522): the ACK echoes {@code echoed} (0: no timestamp), older than the
   * first retransmission, so an original arrived; or nothing was retransmitted at all.
   */
  boolean packetDelayed(long echoed) {
    if (!retransmitted) {
      return true;
    }
    return firstRetransmissionStamp >= 0
        && echoed != 0
        && (int) (echoed - firstRetransmissionStamp) < 0;
  }

  /** tcp_may_undo: a reduction is on record and proved spurious. */
  boolean mayUndo(long echoed) {
    return marker >= 0 && (retransmissions == 0 || packetDelayed(echoed));
  }

  /**
   * tcp_undo_cwnd_reduction: cwnd back to what it was (the congestion control's undo_cwnd, Reno's
   * and CUBIC's tcp_reno_undo_cwnd: the larger of cwnd and prior_cwnd) and ssthresh back to what it
   * was if that is larger; the record is spent.
   */
  void undo(CongestionWindow window) {
    if (priorSsthresh > 0) {
      window.undoReduction(priorCwnd, priorSsthresh);
    }
    marker = -1;
  }

  // For tests and tcp_info.

  long marker() {
    return marker;
  }

  int retransmissions() {
    return retransmissions;
  }

  long priorSsthresh() {
    return priorSsthresh;
  }

  long priorCwnd() {
    return priorCwnd;
  }
}
