package netsim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records the executed events of one run (time, sequence, label) for determinism checks and tests.
 * Labels are taken with {@link Labelled#of(Runnable)}.
 */
public final class EventLog implements EventListener {

  /** One executed event. */
  public record Entry(long time, long sequence, String label) {
    @Override
    public String toString() {
      return "t=" + Time.format(time) + " (" + time + " ns) seq=" + sequence + " " + label;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  @Override
  public void beforeEvent(long time, long sequence, Runnable action) {
    entries.add(new Entry(time, sequence, Labelled.of(action)));
  }

  public List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  /**
   * The index of the first entry where the two logs differ, or -1 if they are equal. When one log
   * is a prefix of the other, the index is the shorter one's length.
   */
  public static int firstDifference(List<Entry> a, List<Entry> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (!Objects.equals(a.get(i), b.get(i))) {
        return i;
      }
    }
    return a.size() == b.size() ? -1 : n;
  }
}
