package netsim.tcp;

/**
 * Linux's quick-ACK mode ({@link HostProfile#maxQuickAcks()}), as tcp_input.c describes it: while
 * quick ACKs are left and the connection is not interactive, in-order data is acknowledged at once
 * instead of after the delayed-ACK timeout, so that a sender's slow start is not held back.
 *
 * <ul>
 *   <li>Quick ACKs are granted (tcp_incr_quickack) as the receive window over two receive MSS (2 if
 *       that is 0), at most the profile's maximum, and never fewer than are left: by the first
 *       in-order data (tcp_event_data_recv, "initialize delayed ACK engine"), by in-order data
 *       after a gap longer than the RTO ("Too long gap. Apparently sender failed to restart
 *       window"), and by data that was already received, such as a retransmission or a window probe
 *       (tcp_data_queue's "A retransmit, 2nd most common case", tcp_send_dupack), which also ends
 *       the interactive mode (tcp_enter_quickack_mode). Data out of order grants none (Linux since
 *       4.18, "tcp: do not force quickack when receiving out-of-order packets"): it is acknowledged
 *       at once anyway.
 *   <li>Each ACK sent for data uses one.
 *   <li>Data we send within the delayed-ACK timeout of data received makes the connection
 *       interactive ("ping-pong"): its ACKs wait to ride on replies. A delayed ACK that had to be
 *       sent by its timer ends that.
 * </ul>
 */
final class QuickAckMode {

  /** Linux's TCP_MIN_RCVMSS: the receive MSS assumed before larger segments are seen. */
  private static final int MIN_RECEIVE_MSS = 536;

  private final int max;
  private final long delayedAckTimeout;
  private int left;
  private boolean dataSeen;
  private boolean interactive;
  private long lastDataReceived;
  private int receiveMss = MIN_RECEIVE_MSS;

  QuickAckMode(int max, long delayedAckTimeout) {
    this.max = max;
    this.delayedAckTimeout = delayedAckTimeout;
  }

  /**
   * In-order data of {@code length} bytes arrived at {@code now} with {@code window} bytes offered,
   * our MSS {@code mss} and the retransmission timeout {@code rto}: whether to acknowledge it at
   * once.
   */
  boolean inOrderData(int length, long window, int mss, long now, long rto) {
    receiveMss = Math.max(receiveMss, Math.min(length, mss));
    if (!dataSeen) {
      dataSeen = true;
      grant(window);
    } else if (now - lastDataReceived > rto) {
      grant(window); // tcp_event_data_recv: "Too long gap"
    }
    lastDataReceived = now;
    return left > 0 && !interactive;
  }

  /**
   * Data that was already received arrived again (or data beyond the window): Linux's
   * tcp_enter_quickack_mode, quick ACKs again and not interactive.
   */
  void oldData(long window) {
    dataSeen = true;
    grant(window);
    interactive = false;
  }

  /** tcp_incr_quickack. */
  private void grant(long window) {
    long granted = window / (2L * receiveMss);
    if (granted == 0) {
      granted = 2;
    }
    left = Math.max(left, (int) Math.min(max, granted));
  }

  /**
   * Whether data has arrived yet. Linux sets its delayed-ACK timeout (ATO) when the first data
   * arrives (tcp_event_data_recv); before that it is 0, so an ACK that could wait (of a FIN, say)
   * goes at once.
   */
  boolean dataSeen() {
    return dataSeen;
  }

  /** An ACK that data was owed went out. */
  void ackSent() {
    if (left > 0) {
      left--;
    }
  }

  /** We sent data at {@code now}: a reply soon after data received makes the flow interactive. */
  void dataSent(long now) {
    if (dataSeen && now - lastDataReceived < delayedAckTimeout) {
      interactive = true;
    }
  }

  /** The delayed-ACK timer had to send the ACK: the flow is not interactive after all. */
  void delayedAckExpired() {
    interactive = false;
  }
}
