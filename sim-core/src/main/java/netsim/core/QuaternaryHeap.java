package netsim.core;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * An implicit 4-ary min-heap of events on primitive arrays, ordered by (time, sequence): the heap
 * of {@link QuaternaryHeapEventQueue}, and of {@link LadderFront} for batches too large to sort.
 * Keys are interleaved ({@code time, sequence}) pairs in one {@code long[]}, so the four children
 * of a node share a cache line. Each event is known by its owner's slot number; if the owner names
 * an array, the heap writes every event's position into it, so that the owner can remove any event.
 */
final class QuaternaryHeap {
  private static final int ARITY = 4;

  private long[] keys;
  private int[] slots;
  private Runnable[] actions;
  private int size;

  /** The position of slot s is kept at positions[s * stride + offset], if positions is set. */
  private int @Nullable [] positions;

  private int stride;
  private int offset;

  QuaternaryHeap(int capacity) {
    int initial = Math.max(4, capacity);
    keys = new long[2 * initial];
    slots = new int[initial];
    actions = new Runnable[initial];
  }

  /** Names the owner's array where each slot's heap position is written; again after it grows. */
  void trackPositionsIn(int[] array, int arrayStride, int arrayOffset) {
    positions = array;
    stride = arrayStride;
    offset = arrayOffset;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long minTime() {
    return keys[0];
  }

  long minSequence() {
    return keys[1];
  }

  int minSlot() {
    return slots[0];
  }

  Runnable minAction() {
    return actions[0];
  }

  void add(long time, long sequence, int slot, @Nullable Runnable action) {
    if (size == slots.length) {
      grow();
    }
    siftUp(size++, time, sequence, slot, action);
  }

  /** Adds an event without ordering it; {@link #heapify()} restores the order afterwards. */
  void append(long time, long sequence, int slot, @Nullable Runnable action) {
    if (size == slots.length) {
      grow();
    }
    place(size++, time, sequence, slot, action);
  }

  /** Restores heap order after {@link #append}s (Floyd's bottom-up construction). */
  void heapify() {
    for (int i = (size - 2) / ARITY; i >= 0; i--) {
      siftDown(i, keys[2 * i], keys[2 * i + 1], slots[i], actions[i]);
    }
  }

  /** Removes the earliest event, forgetting its action. */
  void removeMin() {
    removeAt(0);
  }

  /** Keeps only the events whose slot {@code keep} accepts, in heap order again. */
  void retainSlots(IntPredicate keep) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (keep.test(slots[i])) {
        place(kept++, keys[2 * i], keys[2 * i + 1], slots[i], actions[i]);
      }
    }
    Arrays.fill(actions, kept, size, null);
    size = kept;
    heapify();
  }

  /** Removes the event at {@code position}, forgetting its action. */
  void removeAt(int position) {
    int last = --size;
    Runnable action = actions[last];
    actions[last] = null;
    if (position == last) {
      return;
    }
    long time = keys[2 * last];
    long sequence = keys[2 * last + 1];
    int slot = slots[last];
    if (position > 0) {
      int parent = (position - 1) >> 2;
      if (less(time, sequence, keys[2 * parent], keys[2 * parent + 1])) {
        siftUp(position, time, sequence, slot, action);
        return;
      }
    }
    siftDown(position, time, sequence, slot, action);
  }

  private static boolean less(long time1, long sequence1, long time2, long sequence2) {
    return time1 < time2 || (time1 == time2 && sequence1 < sequence2);
  }

  private void siftUp(int position, long time, long sequence, int slot, @Nullable Runnable action) {
    long[] k = keys;
    while (position > 0) {
      int parent = (position - 1) >> 2;
      long parentTime = k[2 * parent];
      long parentSequence = k[2 * parent + 1];
      if (!less(time, sequence, parentTime, parentSequence)) {
        break;
      }
      place(position, parentTime, parentSequence, slots[parent], actions[parent]);
      position = parent;
    }
    place(position, time, sequence, slot, action);
  }

  private void siftDown(
      int position, long time, long sequence, int slot, @Nullable Runnable action) {
    long[] k = keys;
    int n = size;
    while (true) {
      int first = ARITY * position + 1;
      if (first >= n) {
        break;
      }
      int end = Math.min(first + ARITY, n);
      int best = first;
      long bestTime = k[2 * first];
      long bestSequence = k[2 * first + 1];
      for (int c = first + 1; c < end; c++) {
        long t = k[2 * c];
        long s = k[2 * c + 1];
        if (less(t, s, bestTime, bestSequence)) {
          best = c;
          bestTime = t;
          bestSequence = s;
        }
      }
      if (!less(bestTime, bestSequence, time, sequence)) {
        break;
      }
      place(position, bestTime, bestSequence, slots[best], actions[best]);
      position = best;
    }
    place(position, time, sequence, slot, action);
  }

  private void place(int position, long time, long sequence, int slot, @Nullable Runnable action) {
    keys[2 * position] = time;
    keys[2 * position + 1] = sequence;
    slots[position] = slot;
    actions[position] = action;
    if (positions != null) {
      positions[slot * stride + offset] = position;
    }
  }

  private void grow() {
    int capacity = 2 * slots.length;
    keys = Arrays.copyOf(keys, 2 * capacity);
    slots = Arrays.copyOf(slots, capacity);
    actions = Arrays.copyOf(actions, capacity);
  }
}
