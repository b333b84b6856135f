package netsim.bench;

/**
 * One pending event of the naive baseline: an object per event, ordered by time then sequence, for
 * a {@link java.util.PriorityQueue}. Cancelling marks it; the queue drops it when it surfaces.
 */
final class BaselineEvent implements Comparable<BaselineEvent> {
  final long time;
  final long sequence;
  final Runnable action;
  boolean cancelled;

  BaselineEvent(long time, long sequence, Runnable action) {
    this.time = time;
    this.sequence = sequence;
    this.action = action;
  }

  @Override
  public int compareTo(BaselineEvent other) {
    int byTime = Long.compare(time, other.time);
    return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
  }
}
