package netsim.tcp;

import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.CongestionWindow;
import org.jspecify.annotations.Nullable;

/**
 * How a connection detects and repairs lost segments once its sequence space is synchronized: it
 * hears of every ACK that moves SND.UNA, every duplicate ACK and every retransmission timeout, and
 * answers by retransmitting and setting the {@link CongestionWindow} (with the {@link
 * CongestionControl} for growth and for ssthresh). One instance per connection, made with the
 * congestion control ({@link CongestionControls}).
 *
 * <p>{@link RenoRecovery} (RFC 5681 3.2) and {@link NewRenoRecovery} (RFC 6582) count duplicate
 * ACKs and inflate cwnd; the window from SND.UNA decides what is sent. {@link SackRecovery} (RFC
 * 6675) reads the connection's {@link SackScoreboard} and, during a recovery, chooses each segment
 * itself ({@link #nextSegment}), with RFC 6937's {@link ProportionalRateReduction} if configured.
 * {@link RackTlpRecovery} (RFC 8985) also hears of every transmission ({@link #onTransmit}) and
 * every ACK ({@link #onAckArrived}), and runs timers of its own ({@link
 * TcpTimers.Kind#RACK_REORDER}, {@link TcpTimers.Kind#LOSS_PROBE}) through {@link Connection}.
 */
interface LossRecovery {

  /** What an ACK that moved SND.UNA meant for recovery, and so for the retransmission timer. */
  enum AckOutcome {
    /** No recovery under way: the window grew as the congestion control says. */
    NOT_IN_RECOVERY,
    /** The ACK ended recovery. */
    FULL,
    /** A partial ACK (RFC 6582 3.2 step 4); the first of a recovery restarts the timer. */
    PARTIAL_RESTART_TIMER,
    /** A later partial ACK: the timer keeps running (RFC 6582 3.2 step 5, "Impatient"). */
    PARTIAL_KEEP_TIMER
  }

  /**
   * SND.UNA advanced by {@code acked} (more than 0) bytes of data: outside recovery the window
   * grows; inside, recovery goes on or ends.
   */
  AckOutcome onNewAck(long acked);

  /** A duplicate ACK arrived (RFC 5681 2's definition). */
  void onDuplicateAck();

  /**
   * The retransmission timer expired with data outstanding: the congestion control collapses the
   * window, and recovery ends (RFC 5681 3.1, RFC 6582 4).
   */
  void onTimeout();

  /** Whether a recovery is under way. */
  boolean inRecovery();

  /**
   * Duplicate ACKs since SND.UNA last moved, as this recovery counts them (RFC 5681 3.2); 0 for a
   * recovery that counts none.
   */
  default int duplicateAcks() {
    return 0;
  }

  /**
   * Whether the retransmission timer's recovery is under way: after a timeout, until what was sent
   * before it is acknowledged (Linux's Loss state); false for a recovery that does not track it.
   */
  default boolean inTimeoutRecovery() {
    return false;
  }

  /**
   * The ACK about to be read ({@link #onAckArrived}) carries ECE on a connection that uses ECN.
   * Returns whether this recovery answers it itself, as Linux's CWR state does ({@link
   * RackTlpRecovery}); if not, the connection reduces its window as RFC 3168 6.1.2 says.
   */
  default boolean onEcnEcho() {
    return false;
  }

  /**
   * Whether a reduction for an ECN echo is under way (Linux's CWR state: from tcp_enter_cwr until
   * data above what was sent then is acknowledged); false for a recovery that reduces at once.
   */
  default boolean inCongestionWindowReduction() {
    return false;
  }

  /** What this recovery knows of the segments in flight, or null if it does not count them. */
  default @Nullable FlightCounts flightCounts() {
    return null;
  }

  /**
   * Where the segments in flight begin and end, if this recovery keeps them (RACK's transmit
   * record), for a scoreboard that SACKs whole segments only; null if it does not.
   */
  default SackScoreboard.@Nullable SegmentEdges segmentEdges() {
    return null;
  }

  /**
   * The RTT sample of the last ACK for the congestion control, or -1 if this recovery takes none:
   * as Linux's tcp_clean_rtx_queue gives pkts_acked, the round trip of the last segment newly
   * SACKed that was never resent, else of the last one cumulatively acknowledged if none of those
   * was resent.
   */
  default long rttSample() {
    return -1;
  }

  /** {@link #nextSegment}: the window from SND.UNA decides what is sent, as outside recovery. */
  long WINDOW_DECIDES = -2;

  /** {@link #nextSegment}: nothing may be sent now. */
  long SEND_NOTHING = -1;

  /**
   * Where the connection's next segment starts, as a position, when this recovery chooses what is
   * sent (RFC 6675's NextSeg() while cwnd - pipe allows); {@link #SEND_NOTHING}; or {@link
   * #WINDOW_DECIDES}, the default: the connection sends from SND.NXT as its windows allow.
   */
  default long nextSegment() {
    return WINDOW_DECIDES;
  }

  /**
   * The segment {@link #nextSegment} chose went out: {@code length} sequence numbers from {@code
   * position}, sent before if {@code retransmission}.
   */
  default void segmentSent(long position, long length, boolean retransmission) {}

  /** Why a retransmission that {@link #nextSegment} chose is sent, for observers and traces. */
  default RetransmitReason retransmitReason() {
    return RetransmitReason.FAST;
  }

  /**
   * A segment holding {@code length} sequence numbers from {@code position} (data, or a FIN) went
   * out, for the first time or again, whoever chose it.
   */
  default void onTransmit(long position, long length) {}

  /**
   * An acceptable ACK of {@code ackPosition} arrived: the scoreboard holds its SACK blocks, and
   * SND.UNA has not moved yet ({@link #onNewAck} or {@link #onDuplicateAck} may follow).
   */
  default void onAckArrived(long ackPosition) {}

  /** A timer this recovery started through {@link Connection#startTimer} expired. */
  default void onTimer(TcpTimers.Kind kind) {}

  /**
   * An ACK moved SND.UNA outside a recovery: the congestion control grows the window (RFC 5681
   * 3.1).
   */
  static AckOutcome growWindow(Connection connection, long acked) {
    connection
        .congestionControl()
        .onAck(connection.window(), connection.now(), acked, connection.srtt());
    return AckOutcome.NOT_IN_RECOVERY;
  }

  /**
   * A retransmission timeout's congestion response (RFC 5681 3.1, (4)): the congestion control's
   * {@link CongestionControl#onTimeout}, cwnd = 1 SMSS. On a further timeout before any new
   * acknowledgment, "the value of ssthresh is held constant" and only cwnd collapses, as Linux's
   * tcp_enter_loss reduces ssthresh only when it was not reduced in this loss episode ({@code
   * icsk_retransmits} is 0).
   */
  static void respondToTimeout(Connection connection) {
    CongestionWindow window = connection.window();
    if (connection.retries() > 1) {
      window.setCwnd(window.smss());
    } else {
      connection.congestionControl().onTimeout(window, connection.now(), connection.flightSize());
    }
  }

  /** What a connection offers its loss recovery; positions count from the SYN (position 0). */
  interface Connection {
    long now();

    /** SND.UNA as a stream position. */
    long sndUna();

    /** The highest position sent (SND.MAX). */
    long sndMax();

    /** Bytes sent and not yet acknowledged (RFC 5681's FlightSize). */
    long flightSize();

    /** The smoothed RTT, or -1 before the first sample. */
    long srtt();

    /**
     * What the probe timeout adds to 2 SRTT with more than one segment in flight (the profile's
     * {@link HostProfile#probeTimeoutSlack}).
     */
    long probeTimeoutSlack();

    /** The profile's {@link HostProfile#rackRttOfLastDelivered}. */
    boolean rackRttOfLastDelivered();

    /** The profile's {@link HostProfile#undoSpuriousRecovery}. */
    boolean undoSpuriousRecovery();

    /** The profile's {@link HostProfile#cwndGrowsOnSackWhenReordered}. */
    boolean cwndGrowsOnSackWhenReordered();

    /** The profile's {@link HostProfile#linuxPrr}. */
    boolean linuxPrr();

    /** The TSval a segment sent now carries (RFC 7323), or -1 without timestamps. */
    long timestampClock();

    /** The TSecr of the ACK being read ({@link #onAckArrived}), or 0 if it has none. */
    long echoedTimestamp();

    CongestionWindow window();

    CongestionControl congestionControl();

    /**
     * Whether this recovery is quiet from now on, until it says otherwise: no duplicate ACK
     * counted, no recovery under way, nothing to note of an ACK that moves SND.UNA but that the
     * window grows ({@link #growWindow}), and nothing to choose, hear or sample when a segment goes
     * ({@link #nextSegment}, {@link #onTransmit} and {@link #rttSample} as their defaults). Linux
     * keeps such a state beside cwnd (icsk_ca_state TCP_CA_Open), and tcp_ack takes an ACK in it
     * without tcp_fastretrans_alert. The connection then leaves the recovery unread on those paths:
     * among thousands of connections, one object less of each on every ACK and every segment sent.
     * A recovery that never says so is asked every time.
     */
    void recoveryQuiet(boolean quiet);

    /** Sends the segment at SND.UNA again, whatever the windows. */
    void retransmitFirstUnacknowledged(RetransmitReason reason);

    /** Karn's rule: take no RTT sample from what is in flight now (RFC 6298 3). */
    void stopRttTiming();

    /** The SACK scoreboard (RFC 6675 3), kept up to date by every ACK; null without SACK. */
    @Nullable SackScoreboard scoreboard();

    /**
     * RFC 6675 NextSeg() (2): whether unsent data (or the FIN) waits, the peer's window takes it,
     * and segmentation would send it now.
     */
    boolean mayTransmitNewData();

    /** The retransmission timeout now (RFC 6298, backoff included). */
    long rto();

    /** Retransmission timeouts in a row since the last new acknowledgment, this one included. */
    int retries();

    /** When the retransmission timer expires, or {@link TcpTimers#NEVER}. */
    long retransmitDeadline();

    /** Restarts the retransmission timer: it expires one RTO from now. */
    void restartRetransmitTimer();

    /** Starts (or moves) the recovery's own timer {@code kind} to expire at {@code deadline}. */
    void startTimer(TcpTimers.Kind kind, long deadline);

    void stopTimer(TcpTimers.Kind kind);

    /** When the recovery's own timer {@code kind} expires, or {@link TcpTimers#NEVER}. */
    long timerDeadline(TcpTimers.Kind kind);
  }
}
