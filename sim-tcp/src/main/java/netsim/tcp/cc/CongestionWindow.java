package netsim.tcp.cc;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A connection's congestion window and slow-start threshold (RFC 5681 3.1), in bytes, with the
 * sender's maximum segment size they are counted in. The {@link CongestionControl} sets them as
 * data is acknowledged and lost; loss recovery inflates and deflates cwnd through {@link
 * #recoverTo} (RFC 5681 3.2, RFC 6582 3.2).
 */
public final class CongestionWindow {
  /** ssthresh before the first loss: RFC 5681 3.1's "arbitrarily high". */
  public static final long UNSET = Long.MAX_VALUE / 4;

  /**
   * The SMSS, an MSS (16 bits on the wire): an {@code int}, and {@link #reductions} one too, so
   * that the object is one cache line's 64 bytes, not 72 (among thousands of connections, each line
   * an ACK reads is a cache miss). Set when the window starts ({@link #start}).
   */
  private int smss;

  private final boolean linuxSlowStart;
  private long cwnd;
  private long ssthresh = UNSET;

  /**
   * Bytes acknowledged in congestion avoidance since cwnd last grew there (Linux's snd_cwnd_cnt,
   * which tcp_sock keeps beside snd_cwnd): the window's own count, so that an algorithm that keeps
   * nothing else ({@link Reno}) needs no object of its own per connection.
   */
  private long ackedInAvoidance;

  /** The largest flight sent in the current window, and where that window ends. */
  private long maxFlight;

  private long maxFlightEnd;

  /** The reductions of cwnd so far (after the longs: the VM lays out the ints after them). */
  private int reductions;

  /**
   * @param smss the sender's maximum segment size
   * @param initialWindow the initial cwnd (RFC 5681 3.1)
   */
  public CongestionWindow(long smss, long initialWindow) {
    this(smss, initialWindow, false);
  }

  /**
   * @param smss the sender's maximum segment size
   * @param initialWindow the initial cwnd (RFC 5681 3.1)
   * @param linuxSlowStart whether slow start grows as Linux's does ({@link #slowStartIncrease})
   */
  public CongestionWindow(long smss, long initialWindow, boolean linuxSlowStart) {
    this(linuxSlowStart);
    start(smss, initialWindow);
  }

  /**
   * A window not started yet, for a connection that makes it with its other parts, before its SYN
   * exchange settles the SMSS: nothing may read it until {@link #start}.
   *
   * @param linuxSlowStart whether slow start grows as Linux's does ({@link #slowStartIncrease})
   */
  public CongestionWindow(boolean linuxSlowStart) {
    this.linuxSlowStart = linuxSlowStart;
  }

  /**
   * Starts the window afresh, as a new one (RFC 5681 3.1): cwnd the initial window, ssthresh {@link
   * #UNSET}, nothing counted, no reductions.
   *
   * @param smss the sender's maximum segment size
   * @param initialWindow the initial cwnd (RFC 5681 3.1)
   */
  public void start(long smss, long initialWindow) {
    checkArgument(smss > 0 && initialWindow > 0, "SMSS and initial window must be positive");
    checkArgument(smss <= Integer.MAX_VALUE, "SMSS beyond an int: %s", smss);
    this.smss = (int) smss;
    cwnd = initialWindow;
    ssthresh = UNSET;
    ackedInAvoidance = 0;
    maxFlight = 0;
    maxFlightEnd = 0;
    reductions = 0;
  }

  /**
   * Data went out: {@code flight} bytes are now in flight, from {@code sndUna} to {@code sndMax}.
   * Remembers the largest flight of the current window, as Linux's tcp_cwnd_validate does: a new
   * window begins once SND.UNA has passed the end of the one measured.
   */
  public void sent(long flight, long sndUna, long sndMax) {
    if (sndUna >= maxFlightEnd || flight > maxFlight) {
      maxFlight = flight;
      maxFlightEnd = sndMax;
    }
  }

  /**
   * How much slow start adds for an ACK of {@code acked} new bytes. RFC 5681 3.1 (2): min(N, SMSS).
   * Linux (tcp_slow_start, tcp_is_cwnd_limited): all {@code acked}, but nothing once cwnd is twice
   * the largest flight of the window, so that an application-limited sender's cwnd does not grow
   * beyond what it has used. Linux counts both in packets, so a segment shorter than the MSS counts
   * as a whole one: in the flight and in what the ACK delivered.
   */
  public long slowStartIncrease(long acked) {
    if (!linuxSlowStart) {
      return Math.min(acked, smss);
    }
    return cwnd < 2 * wholeSegments(maxFlight) ? wholeSegments(acked) : 0;
  }

  /**
   * Congestion avoidance's additive increase (RFC 5681 3.1, counted in bytes acknowledged as RFC
   * 3465 2.1 says; Linux's tcp_cong_avoid_ai): {@code acked} more bytes are acknowledged, and once
   * a whole cwnd of them has been, cwnd grows by one SMSS.
   */
  public void additiveIncrease(long acked) {
    ackedInAvoidance += acked;
    if (ackedInAvoidance >= cwnd) {
      ackedInAvoidance -= cwnd;
      cwnd += smss;
    }
  }

  /**
   * A loss restarts {@link #additiveIncrease}'s count (Linux's tcp_init_cwnd_reduction and
   * tcp_enter_loss).
   */
  public void restartAdditiveIncrease() {
    ackedInAvoidance = 0;
  }

  /** {@code bytes} rounded up to whole segments of SMSS bytes. */
  private long wholeSegments(long bytes) {
    return (bytes + smss - 1) / smss * smss;
  }

  /** SMSS, the unit of window growth. */
  public long smss() {
    return smss;
  }

  /** The congestion window, cwnd. */
  public long cwnd() {
    return cwnd;
  }

  /** The slow-start threshold, ssthresh ({@link #UNSET} before the first loss). */
  public long ssthresh() {
    return ssthresh;
  }

  /** Whether the window is in slow start: cwnd below ssthresh (RFC 5681 3.1). */
  public boolean inSlowStart() {
    return cwnd < ssthresh;
  }

  /** Sets cwnd, as the congestion control grows or collapses it. */
  public void setCwnd(long cwnd) {
    this.cwnd = cwnd;
  }

  /** Sets ssthresh, as the congestion control reacts to a loss (or to an ECN echo). */
  public void setSsthresh(long ssthresh) {
    this.ssthresh = ssthresh;
    reductions++;
  }

  /**
   * How many times the window was reduced (ssthresh set, for a loss, a timeout or an ECN echo): a
   * sender that uses ECN announces each reduction with CWR (RFC 3168 6.1.2).
   */
  public long reductions() {
    return reductions;
  }

  /**
   * Slow start again after {@code idle} without sending (RFC 2861 3, as Linux's tcp_cwnd_restart
   * does it): ssthresh rises to at least 3/4 of cwnd (unless {@code inReduction}, Linux's
   * tcp_current_ssthresh), and cwnd halves once for each {@code rto} of the idle time beyond the
   * first, never below the restart window, min({@code initialWindow}, cwnd). Not a reduction.
   */
  public void restartAfterIdle(long idle, long rto, long initialWindow, boolean inReduction) {
    if (!inReduction) {
      ssthresh = Math.max(ssthresh, (cwnd >> 1) + (cwnd >> 2));
    }
    long restart = Math.min(initialWindow, cwnd);
    long decayed = cwnd;
    for (long left = idle - rto; left > 0 && decayed > restart; left -= rto) {
      decayed >>= 1;
    }
    cwnd = Math.max(decayed, restart);
  }

  /**
   * Undoes a reduction that proved spurious (Linux's tcp_undo_cwnd_reduction): cwnd rises to {@code
   * priorCwnd} and ssthresh to {@code priorSsthresh}, whichever is larger than now. Not a
   * reduction.
   */
  public void undoReduction(long priorCwnd, long priorSsthresh) {
    cwnd = Math.max(cwnd, priorCwnd);
    if (priorSsthresh > ssthresh) {
      ssthresh = priorSsthresh;
    }
  }

  /**
   * Sets cwnd for loss recovery's window inflation and deflation, never below one SMSS (RFC 5681
   * 3.2, RFC 6582 3.2).
   */
  public void recoverTo(long cwnd) {
    this.cwnd = Math.max(smss, cwnd);
  }

  @Override
  public String toString() {
    return "cwnd=" + cwnd + " ssthresh=" + (ssthresh == UNSET ? "unset" : ssthresh);
  }
}
