package netsim.core;

import java.util.function.IntPredicate;

/**
 * The front of a {@link LadderEventQueue}: its earliest events, in exact (time, sequence) order,
 * each known by its owner's slot number. The actions stay with the owner, indexed by slot, so that
 * cancelling an event releases its action at once even while the event's keys wait here.
 *
 * <p>A bucket moved in usually holds a few dozen events. They are insertion-sorted once into a run
 * kept in descending order, so that taking the earliest is O(1) (the run's last entry) where a heap
 * pays a sift per poll; an event added directly is shifted into place from the run's end, past the
 * few earlier events. Only what would make that quadratic goes to a 4-ary heap: a batch of more
 * than {@value #RUN_LIMIT} events and direct adds while the run is full. The earliest event is the
 * smaller of the run's last entry and the heap's root.
 */
final class LadderFront {
  static final int RUN_LIMIT = 64;

  // The run, in descending (time, sequence) order: its earliest event is at runSize - 1.
  private final long[] keys = new long[2 * RUN_LIMIT];
  private final int[] slots = new int[RUN_LIMIT];
  private int runSize;
  // A batch being loaded, before it is sorted into the run, and its packed sort keys.
  private static final int INDEX_BITS = 6;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
  private final long[] batchKeys = new long[2 * RUN_LIMIT];
  private final int[] batchSlots = new int[RUN_LIMIT];
  private int batchSize;
  private long batchMin = Long.MAX_VALUE;
  private long batchMax = Long.MIN_VALUE;
  private final long[] packed = new long[RUN_LIMIT];

  /** Overflow of the run; it carries no actions (null), only keys and slots. */
  private final QuaternaryHeap heap = new QuaternaryHeap(64);

  /** Whether the batch being loaded has overflowed into the heap. */
  private boolean batchInHeap;

  boolean isEmpty() {
    return runSize == 0 && heap.isEmpty();
  }

  int size() {
    return runSize + heap.size();
  }

  /** Whether the earliest event is the heap's root rather than the run's last entry. */
  private boolean heapFirst() {
    if (heap.isEmpty()) {
      return false;
    }
    if (runSize == 0) {
      return true;
    }
    int last = runSize - 1;
    return less(heap.minTime(), heap.minSequence(), keys[2 * last], keys[2 * last + 1]);
  }

  long minTime() {
    return heapFirst() ? heap.minTime() : keys[2 * (runSize - 1)];
  }

  long minSequence() {
    return heapFirst() ? heap.minSequence() : keys[2 * (runSize - 1) + 1];
  }

  int minSlot() {
    return heapFirst() ? heap.minSlot() : slots[runSize - 1];
  }

  /** Removes the earliest event. */
  void removeMin() {
    if (heapFirst()) {
      heap.removeMin();
    } else {
      runSize--;
    }
  }

  /** Adds one event in order. */
  void add(long time, long sequence, int slot) {
    if (runSize == RUN_LIMIT) {
      heap.add(time, sequence, slot, null);
      return;
    }
    int position = runSize;
    while (position > 0
        && less(keys[2 * (position - 1)], keys[2 * (position - 1) + 1], time, sequence)) {
      move(position - 1, position);
      position--;
    }
    put(position, time, sequence, slot);
    runSize++;
  }

  /**
   * Adds one event of a batch to the empty front, unordered; {@link #endBatch()} orders the batch
   * once all of it is in.
   */
  void append(long time, long sequence, int slot) {
    if (batchInHeap) {
      heap.append(time, sequence, slot, null);
      return;
    }
    if (batchSize == RUN_LIMIT) {
      for (int i = 0; i < batchSize; i++) {
        heap.append(batchKeys[2 * i], batchKeys[2 * i + 1], batchSlots[i], null);
      }
      batchSize = 0;
      batchInHeap = true;
      heap.append(time, sequence, slot, null);
      return;
    }
    int i = batchSize++;
    batchKeys[2 * i] = time;
    batchKeys[2 * i + 1] = sequence;
    batchSlots[i] = slot;
    batchMin = Math.min(batchMin, time);
    batchMax = Math.max(batchMax, time);
  }

  /** Orders the batch {@link #append}ed since the front was empty. */
  void endBatch() {
    if (batchInHeap) {
      heap.heapify();
      batchInHeap = false;
    } else if (batchMax - batchMin < 1L << (Long.SIZE - INDEX_BITS - 1)) {
      sortBatchIntoRun();
    } else {
      for (int i = 0; i < batchSize; i++) {
        put(i, batchKeys[2 * i], batchKeys[2 * i + 1], batchSlots[i]);
      }
      runSize = batchSize;
      insertionSort(0, runSize);
    }
    batchSize = 0;
    batchMin = Long.MAX_VALUE;
    batchMax = Long.MIN_VALUE;
  }

  /**
   * Sorts the staged batch into the run, in descending order. Each event is packed into one long,
   * its time's offset from the batch's earliest above its index (the batch's times span less than
   * 2^57 ns); those longs are insertion-sorted, one word moved per step instead of four, the events
   * gathered into the run in that order, and equal times put in sequence order after.
   */
  private void sortBatchIntoRun() {
    int n = batchSize;
    long[] packed = this.packed;
    // Equal times keep the batch's reverse order: lists hand over the latest-added event first.
    for (int i = 0; i < n; i++) {
      packed[i] = (batchKeys[2 * i] - batchMin) << INDEX_BITS | (n - 1 - i);
    }
    for (int i = 1; i < n; i++) {
      long value = packed[i];
      int position = i;
      while (position > 0 && packed[position - 1] < value) {
        packed[position] = packed[position - 1];
        position--;
      }
      packed[position] = value;
    }
    boolean tie = false;
    long previous = -1;
    for (int j = 0; j < n; j++) {
      int from = n - 1 - (int) (packed[j] & INDEX_MASK);
      put(j, batchKeys[2 * from], batchKeys[2 * from + 1], batchSlots[from]);
      long offset = packed[j] >>> INDEX_BITS;
      tie |= offset == previous;
      previous = offset;
    }
    runSize = n;
    if (tie) {
      insertionSort(0, n);
    }
  }

  /** Sorts run entries [from, to) in descending order, fast when they nearly are. */
  private void insertionSort(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long time = keys[2 * i];
      long sequence = keys[2 * i + 1];
      int slot = slots[i];
      int position = i;
      while (position > from
          && less(keys[2 * (position - 1)], keys[2 * (position - 1) + 1], time, sequence)) {
        move(position - 1, position);
        position--;
      }
      put(position, time, sequence, slot);
    }
  }

  /** Keeps only the events whose slot {@code keep} accepts, in order. */
  void retainSlots(IntPredicate keep) {
    int kept = 0;
    for (int i = 0; i < runSize; i++) {
      if (keep.test(slots[i])) {
        move(i, kept++);
      }
    }
    runSize = kept;
    heap.retainSlots(keep);
  }

  private static boolean less(long time1, long sequence1, long time2, long sequence2) {
    return time1 < time2 || (time1 == time2 && sequence1 < sequence2);
  }

  private void move(int from, int to) {
    put(to, keys[2 * from], keys[2 * from + 1], slots[from]);
  }

  private void put(int position, long time, long sequence, int slot) {
    keys[2 * position] = time;
    keys[2 * position + 1] = sequence;
    slots[position] = slot;
  }
}
