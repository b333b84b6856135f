package netsim.tcp;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The application callbacks a connection raises while it processes an arriving segment, held until
 * the segment has been processed to its end (RFC 9293 3.10.7 runs every check, text and FIN
 * included, before the user hears of the outcome, as a kernel wakes its application only after the
 * segment is done). An application that writes from {@code onEstablished} or {@code onData} then
 * sends with RCV.NXT past all of that segment's text and FIN, not in the middle of the ACK step.
 *
 * <p>Callbacks are kept in order in two reused arrays, with a reused {@link ReceivedData} per slot
 * for the data delivered: nothing is allocated per segment once they have grown to the most
 * callbacks one segment raised.
 */
final class HeldCallbacks {

  private AppEvent[] events = new AppEvent[4];
  private @Nullable ReceivedData[] data = new ReceivedData[4];
  private int head;
  private int tail;

  /** Segments being processed (a reply delivered synchronously may nest one inside another). */
  private int depth;

  /** A segment's processing begins: callbacks are held from now on. */
  void hold() {
    depth++;
  }

  /** Whether callbacks are being held. */
  boolean holding() {
    return depth > 0;
  }

  /**
   * The data to fill for the next held {@link AppEvent#DATA}, empty: while callbacks are held, the
   * next slot's reused one; else a new one.
   */
  ReceivedData nextData() {
    if (depth == 0) {
      return new ReceivedData();
    }
    grow();
    ReceivedData next = data[tail];
    if (next == null) {
      next = new ReceivedData();
      data[tail] = next;
    }
    next.clear();
    return next;
  }

  /**
   * Holds {@code event} (with {@code bytes} for {@link AppEvent#DATA}, which must be the last
   * {@link #nextData}; else null).
   */
  void add(AppEvent event, @Nullable ReceivedData bytes) {
    grow();
    events[tail] = event;
    // DATA's is the one nextData gave (this slot's, unless another event came first); no other
    // slot keeps it, so two slots never share one
    data[tail] = bytes;
    tail++;
  }

  private void grow() {
    if (tail == events.length) {
      events = Arrays.copyOf(events, tail * 2);
      data = Arrays.copyOf(data, tail * 2);
    }
  }

  /**
   * A segment's processing ends: once the outermost one has, runs the held callbacks in order
   * through {@code connection}'s current handler (a callback may replace it, or call the connection
   * back; what that raises runs in turn).
   */
  void release(TcpConnection connection) {
    if (--depth > 0) {
      return;
    }
    while (head < tail) {
      AppEvent event = events[head];
      ReceivedData bytes = event == AppEvent.DATA ? data[head] : null;
      head++;
      connection.callHandler(event, bytes);
      if (bytes != null) {
        bytes.clear(); // the callback is over: let the sender's chunks go
      }
    }
    head = 0;
    tail = 0;
  }
}
