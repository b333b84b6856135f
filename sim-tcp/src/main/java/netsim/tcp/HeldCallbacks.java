package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The application callbacks a connection raises while it processes an arriving segment, held until
 * the segment has been processed to its end (RFC 9293 3.10.7 runs every check, text and FIN
 * included, before the user hears of the outcome, as a kernel wakes its application only after the
 * segment is done). An application that writes from {@code onEstablished} or {@code onData} then
 * sends with RCV.NXT past all of that segment's text and FIN, not in the middle of the ACK step.
 *
 * <p>Callbacks are kept in order, the first in fields of this object and any later ones in two
 * arrays allocated when a segment first raises a second callback, with a reused {@link
 * ReceivedData} per slot for the data delivered: a segment that raises one callback (most raise
 * DATA alone) reads no other object of the connection's than its data, and nothing is allocated per
 * segment once the arrays have grown to the most callbacks one segment raised. The connection
 * counts the segments in process and whether any callback was held, so that a segment that raises
 * none (most ACKs a sender receives) reads nothing of this object.
 */
final class HeldCallbacks {
  private static final AppEvent[] NO_EVENTS = {};
  private static final ReceivedData[] NO_DATA = {};

  /** The event of slot 0, and its data (kept for reuse once its callback has run). */
  private @Nullable AppEvent firstEvent;

  private @Nullable ReceivedData firstData;

  /** Slot i >= 1 is at index i - 1. */
  private AppEvent[] laterEvents = NO_EVENTS;

  private @Nullable ReceivedData[] laterData = NO_DATA;

  private int head;
  private int tail;

  /**
   * The data to fill for the next {@link AppEvent#DATA}, empty: {@code holding} (callbacks are
   * held), the next slot's reused one; else a new one.
   */
  ReceivedData nextData(boolean holding) {
    if (!holding) {
      return new ReceivedData();
    }
    grow();
    ReceivedData next = data(tail);
    if (next == null) {
      next = new ReceivedData();
      setData(tail, next);
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
    if (tail == 0) {
      firstEvent = event;
    } else {
      laterEvents[tail - 1] = event;
    }
    // DATA's is the one nextData gave (this slot's, unless another event came first); no other
    // slot keeps it, so two slots never share one
    setData(tail, bytes);
    tail++;
  }

  private @Nullable ReceivedData data(int slot) {
    return slot == 0 ? firstData : laterData[slot - 1];
  }

  private void setData(int slot, @Nullable ReceivedData bytes) {
    if (slot == 0) {
      firstData = bytes;
    } else {
      laterData[slot - 1] = bytes;
    }
  }

  private AppEvent event(int slot) {
    return slot == 0 ? checkNotNull(firstEvent) : laterEvents[slot - 1];
  }

  /**
   * Room for slot {@code tail}. Slot 0 is in fields, so a segment's first callback (most raise one)
   * reads no array: once a connection has held two at once, its arrays are objects of their own,
   * and among thousands of connections each is a cache miss.
   */
  private void grow() {
    if (tail != 0 && tail > laterEvents.length) {
      int length = Math.max(4, 2 * laterEvents.length);
      laterEvents = Arrays.copyOf(laterEvents, length);
      laterData = Arrays.copyOf(laterData, length);
    }
  }

  /**
   * The outermost segment's processing ended: runs the held callbacks in order through {@code
   * connection}'s current handler (a callback may replace it, or call the connection back; what
   * that raises runs in turn).
   */
  void release(TcpConnection connection) {
    while (head < tail) {
      AppEvent event = event(head);
      ReceivedData bytes = event == AppEvent.DATA ? data(head) : null;
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
