package netsim.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The reference event set: a {@link PriorityQueue} of event objects, kept simple on purpose as the
 * oracle that the fast implementations are tested against, and as the baseline in benchmarks.
 */
public final class PriorityQueueEventQueue implements EventQueue {

  private static final class Entry implements Comparable<Entry> {
    final long time;
    final long sequence;
    final Runnable action;
    final long handle;

    Entry(long time, long sequence, Runnable action, long handle) {
      this.time = time;
      this.sequence = sequence;
      this.action = action;
      this.handle = handle;
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private final Map<Long, Entry> byHandle = new LinkedHashMap<>();
  private long lastHandle;

  @Override
  public long add(long time, long sequence, Runnable action) {
    Entry entry = new Entry(time, sequence, action, ++lastHandle);
    queue.add(entry);
    byHandle.put(entry.handle, entry);
    return entry.handle;
  }

  @Override
  public boolean remove(long handle) {
    Entry entry = byHandle.remove(handle);
    if (entry == null) {
      return false;
    }
    queue.remove(entry);
    return true;
  }

  @Override
  public long peekTime() {
    return queue.element().time;
  }

  @Override
  public long peekSequence() {
    return queue.element().sequence;
  }

  @Override
  public Runnable peekAction() {
    return queue.element().action;
  }

  @Override
  public Runnable poll() {
    Entry entry = queue.remove();
    byHandle.remove(entry.handle);
    return entry.action;
  }

  @Override
  public int size() {
    return queue.size();
  }

  @Override
  public String name() {
    return "pq";
  }
}
