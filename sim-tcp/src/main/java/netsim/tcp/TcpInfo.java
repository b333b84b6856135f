package netsim.tcp;

import static netsim.tcp.TcpTimers.Kind.PERSIST;
import static netsim.tcp.TcpTimers.Kind.RETRANSMIT;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one connection's state and counters, as Linux's and FreeBSD's {@code struct
 * tcp_info} give them to {@code getsockopt(TCP_INFO)}: the sequence variables, the congestion
 * window and loss recovery, the RTT estimator, the timers' deadlines and the counters. Observers,
 * reports and tests read a connection here ({@code connection.info().cwnd()}); the {@link
 * TcpConnection} itself keeps its identity, its state and the user calls.
 *
 * <p>The view holds no figures of its own: each method reads the connection's parts when it is
 * called. A connection makes its view once, when first asked ({@link TcpConnection#info()}).
 */
public final class TcpInfo {

  private final SendSide send;
  private final ReceiveSide receive;
  private final TcpTimers timers;
  private final SegmentWriter out;

  TcpInfo(SendSide send, ReceiveSide receive, TcpTimers timers, SegmentWriter out) {
    this.send = send;
    this.receive = receive;
    this.timers = timers;
    this.out = out;
  }

  // ---------------------------------------------------------------------------------------------
  // The sequence spaces (RFC 9293 3.3.1)
  // ---------------------------------------------------------------------------------------------

  public int iss() {
    return send.iss();
  }

  public int irs() {
    return receive.irs();
  }

  /** SND.UNA as a sequence number. */
  public int sndUna() {
    return send.seqOf(send.sndUna());
  }

  /** SND.NXT as a sequence number. */
  public int sndNxt() {
    return send.seqOf(send.sndNxt());
  }

  public int rcvNxt() {
    return receive.rcvNxt();
  }

  /** SND.WND in bytes (scaled). */
  public long sndWnd() {
    return send.sndWnd();
  }

  /** The shift applied to the peer's window field, or 0 without window scaling. */
  public int sendWindowShift() {
    return send.windowShift();
  }

  /**
   * The MSS in effect for what we send: the peer's MSS option (536 without one, RFC 9293 3.7.1)
   * bounded by ours, less the timestamp option's 12 bytes when timestamps are on (RFC 7323 and
   * Linux's tcp_current_mss; {@code getsockopt(TCP_MAXSEG)} of a connected socket).
   */
  public int sendMss() {
    return out.sendMss();
  }

  public boolean timestampsEnabled() {
    return out.timestampsOn();
  }

  public boolean sackEnabled() {
    return out.sackOn();
  }

  // ---------------------------------------------------------------------------------------------
  // Congestion control and loss recovery (RFC 5681, RFC 6582, RFC 6675, RFC 8985)
  // ---------------------------------------------------------------------------------------------

  /** The congestion window in bytes (unlimited before the handshake). */
  public long cwnd() {
    return send.cwnd();
  }

  /** The slow-start threshold in bytes. */
  public long ssthresh() {
    return send.ssthresh();
  }

  /** Bytes sent and not yet acknowledged. */
  public long bytesInFlight() {
    return send.flightSize();
  }

  /** Whether fast recovery is under way. */
  public boolean inRecovery() {
    return send.inRecovery();
  }

  /**
   * Whether the recovery after a retransmission timeout is under way, as far as the connection's
   * loss recovery tracks it (RACK-TLP's RTO recovery).
   */
  public boolean inTimeoutRecovery() {
    return send.inTimeoutRecovery();
  }

  /**
   * Whether a reduction for an ECN echo is under way, as Linux's CWR state (the linux profile's
   * RACK-TLP recovery); false where the window is reduced at once (RFC 3168 6.1.2).
   */
  public boolean inCongestionWindowReduction() {
    return send.inCongestionWindowReduction();
  }

  /**
   * What loss recovery knows of the segments in flight, or null if it does not count them (only
   * RACK-TLP does) or the handshake is not done.
   */
  public @Nullable FlightCounts flightCounts() {
    return send.flightCounts();
  }

  // ---------------------------------------------------------------------------------------------
  // RTT and timers (RFC 6298, RFC 9293 3.8)
  // ---------------------------------------------------------------------------------------------

  /** The current retransmission timeout, backoff included. */
  public long rto() {
    return send.rto();
  }

  /** The smoothed RTT, or -1 before the first measurement. */
  public long srtt() {
    return send.srtt();
  }

  /** The RTT variation as the host keeps it (RFC 6298's RTTVAR; Linux's mdev), 0 before any. */
  public long rttvar() {
    return send.rttvar();
  }

  /** Retransmission timeouts since the last RTT sample: the RTO's backoff exponent. */
  public int rtoBackoffs() {
    return send.backoffs();
  }

  /**
   * Probes sent since the peer last answered (Linux's icsk_probes_out, tcpi_probes): zero-window
   * probes since the last ACK that was not old, and keep-alive probes since the last segment.
   */
  public int probesUnanswered() {
    return timers.zeroWindowProbesUnanswered() + timers.keepalivesUnanswered();
  }

  /** When the zero-window probe timer fires next, or {@link TcpConnection#NEVER}. */
  public long persistDeadline() {
    return timers.deadline(PERSIST);
  }

  /** When the retransmission timer fires next, or {@link TcpConnection#NEVER}. */
  public long retransmitDeadline() {
    return timers.deadline(RETRANSMIT);
  }

  /** When the TIME-WAIT timer fires, or {@link TcpConnection#NEVER}. */
  public long timeWaitDeadline() {
    return timers.deadline(TcpTimers.Kind.TIME_WAIT);
  }

  // ---------------------------------------------------------------------------------------------
  // Counters and queues
  // ---------------------------------------------------------------------------------------------

  /** Application bytes sent for the first time. */
  public long bytesSent() {
    return send.bytesSent();
  }

  /** Application bytes received in order (delivered unless the application closed). */
  public long bytesDelivered() {
    return receive.bytesDelivered();
  }

  /** Segments sent, retransmissions and bare ACKs included. */
  public long segmentsSent() {
    return out.segmentsSent();
  }

  /** Retransmission timeouts and fast retransmits so far. */
  public long retransmissions() {
    return send.retransmissions();
  }

  /**
   * Bytes written and not yet acknowledged, a FIN counting one (Linux's SIOCOUTQ: write_seq -
   * snd_una).
   */
  public long bytesUnacknowledged() {
    return Math.max(0, send.writeEnd() - send.sndUna());
  }

  /**
   * Bytes written and not yet sent, a FIN counting one (Linux's SIOCOUTQNSD: write_seq - snd_nxt).
   */
  public long bytesUnsent() {
    return Math.max(0, send.writeEnd() - send.sndMax());
  }

  /** Bytes of memory the send buffer holds now (it grows with its data; for tests). */
  int sendBufferAllocated() {
    return send.bufferAllocated();
  }

  /**
   * When data last arrived in order, or when the connection was established if later or none has
   * (Linux's icsk_ack.lrcvtime, set by tcp_finish_connect, tcp_create_openreq_child and
   * tcp_event_data_recv); -1 before ESTABLISHED.
   */
  public long lastDataReceivedAt() {
    return receive.lastDataAt();
  }

  /**
   * Linux's tcpi_busy_time (tcp_chrono_start/stop, tcp_output.c): nanoseconds during which data was
   * queued or in flight.
   */
  public long busyTime() {
    return send.busyTime();
  }

  /** Linux's tcpi_rwnd_limited: nanoseconds of {@link #busyTime} held back by the peer's window. */
  public long windowLimitedTime() {
    return send.windowLimitedTime();
  }
}
