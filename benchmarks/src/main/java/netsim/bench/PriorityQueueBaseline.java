package netsim.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import netsim.core.EventQueue;

/**
 * The naive event set a simulator is often first written with, as the baseline for whole-simulator
 * benchmarks: a {@link PriorityQueue} of {@link BaselineEvent} objects. When built cancellable,
 * handles are looked up in a {@link HashMap} and cancelled events are only marked (lazy deletion,
 * since {@code PriorityQueue.remove(Object)} is a linear scan); otherwise the map is skipped and
 * {@link #remove} is unsupported, so the hold model measures the bare queue.
 */
final class PriorityQueueBaseline implements EventQueue {
  private final PriorityQueue<BaselineEvent> queue = new PriorityQueue<>();
  private final Map<Long, BaselineEvent> pending;
  private int size;

  PriorityQueueBaseline(boolean cancellable) {
    pending = cancellable ? new HashMap<>() : null;
  }

  @Override
  public long add(long time, long sequence, Runnable action) {
    BaselineEvent event = new BaselineEvent(time, sequence, action);
    queue.add(event);
    size++;
    long handle = sequence + 1;
    if (pending != null) {
      pending.put(handle, event);
    }
    return handle;
  }

  @Override
  public boolean remove(long handle) {
    if (pending == null) {
      throw new UnsupportedOperationException("this baseline was built without cancellation");
    }
    BaselineEvent event = pending.remove(handle);
    if (event == null) {
      return false;
    }
    event.cancelled = true;
    size--;
    return true;
  }

  private BaselineEvent head() {
    BaselineEvent head = queue.peek();
    while (head.cancelled) {
      queue.poll();
      head = queue.peek();
    }
    return head;
  }

  @Override
  public long peekTime() {
    return head().time;
  }

  @Override
  public long peekSequence() {
    return head().sequence;
  }

  @Override
  public Runnable peekAction() {
    return head().action;
  }

  @Override
  public Runnable poll() {
    BaselineEvent head = head();
    queue.poll();
    size--;
    if (pending != null) {
      pending.remove(head.sequence + 1);
    }
    return head.action;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name() {
    return "pq-baseline";
  }
}
