package netsim.tcp;

/**
 * Linux's quick-ACK mode ({@link HostProfile#maxQuickAcks()}), as tcp_input.c describes it: while
 * quick ACKs are left and the connection is not interactive, in-order data is acknowledged at once
 * instead of after the delayed-ACK timeout, so that a sender's slow start is not held back.
 *
 * <ul>
 *   <li>The first data received, and data out of order, grant ACKs: the receive window over two
 *       receive MSS, at least 2 and at most the profile's maximum.
 *   <li>Each ACK sent for data uses one.
 *   <li>Data we send within the delayed-ACK timeout of data received makes the connection
 *       interactive ("ping-pong"): its ACKs wait to ride on replies. A delayed ACK that had to be
 *       sent by its timer ends that, as does data out of order.
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
   * In-order data of {@code length} bytes arrived at {@code now} with {@code window} bytes offered
   * and our MSS {@code mss}: whether to acknowledge it at once.
   */
  boolean inOrderData(int length, long window, int mss, long now) {
    receiveMss = Math.max(receiveMss, Math.min(length, mss));
    lastDataReceived = now;
    if (!dataSeen) {
      dataSeen = true;
      grant(window);
    }
    return left > 0 && !interactive;
  }

  /** Data arrived out of order, or filled a gap: quick ACKs again, and not interactive. */
  void outOfOrder(long window, long now) {
    lastDataReceived = now;
    dataSeen = true;
    grant(window);
    interactive = false;
  }

  private void grant(long window) {
    long granted = Math.max(2, Math.min(max, window / (2L * receiveMss)));
    left = Math.max(left, (int) granted);
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
