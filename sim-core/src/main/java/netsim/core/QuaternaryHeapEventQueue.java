package netsim.core;

import java.util.Arrays;

/**
 * An implicit 4-ary min-heap on primitive arrays: O(log n) per operation with no amortization, the
 * simple alternative to the default {@link LadderEventQueue}.
 *
 * <p>Keys are interleaved ({@code time, sequence}) pairs in one {@code long[]}, so that the four
 * children of a node share a cache line. Nothing is boxed and nothing is allocated per event once
 * the arrays have grown. Cancellation is an indexed removal: every event owns a slot that knows its
 * heap position, and a handle names the slot and a generation, so a stale handle never removes a
 * later event that reused the slot.
 */
public final class QuaternaryHeapEventQueue implements EventQueue {
  private static final int ARITY = 4;

  /** keys[2i] = time, keys[2i+1] = sequence of the event at heap position i. */
  private long[] keys;
  private Runnable[] actions;
  /** The slot of the event at heap position i. */
  private int[] slotAt;

  /** The heap position of the event owning a slot, or -1 when the slot is free. */
  private int[] positionOf;
  /** Bumped whenever a slot is released; part of every handle. */
  private int[] generationOf;
  private int[] freeSlots;
  private int freeCount;
  private int slotCount;

  private int size;

  public QuaternaryHeapEventQueue() {
    this(64);
  }

  public QuaternaryHeapEventQueue(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    keys = new long[2 * capacity];
    actions = new Runnable[capacity];
    slotAt = new int[capacity];
    positionOf = new int[capacity];
    generationOf = new int[capacity];
    freeSlots = new int[capacity];
  }

  @Override
  public long add(long time, long sequence, Runnable action) {
    if (size == actions.length) {
      grow();
    }
    int slot = freeCount > 0 ? freeSlots[--freeCount] : slotCount++;
    int generation = generationOf[slot];
    siftUp(size++, time, sequence, action, slot);
    return handle(slot, generation);
  }

  private static long handle(int slot, int generation) {
    // Generation 0 of slot 0 would be NO_HANDLE: generations are stored off by one.
    return ((long) (generation + 1) << 32) | (slot & 0xFFFF_FFFFL);
  }

  @Override
  public boolean remove(long handle) {
    int slot = (int) handle;
    int generation = (int) (handle >>> 32) - 1;
    if (slot < 0 || slot >= slotCount || generationOf[slot] != generation) {
      return false;
    }
    int position = positionOf[slot];
    if (position < 0) {
      return false;
    }
    releaseSlot(slot);
    int last = --size;
    if (position != last) {
      long time = keys[2 * last];
      long sequence = keys[2 * last + 1];
      Runnable action = actions[last];
      int lastSlot = slotAt[last];
      actions[last] = null;
      if (position > 0 && less(time, sequence, keys[2 * parent(position)],
          keys[2 * parent(position) + 1])) {
        siftUp(position, time, sequence, action, lastSlot);
      } else {
        siftDown(position, time, sequence, action, lastSlot);
      }
    } else {
      actions[last] = null;
    }
    return true;
  }

  @Override
  public long peekTime() {
    return keys[0];
  }

  @Override
  public long peekSequence() {
    return keys[1];
  }

  @Override
  public Runnable poll() {
    Runnable first = actions[0];
    releaseSlot(slotAt[0]);
    int last = --size;
    if (last > 0) {
      long time = keys[2 * last];
      long sequence = keys[2 * last + 1];
      Runnable action = actions[last];
      int slot = slotAt[last];
      actions[last] = null;
      siftDown(0, time, sequence, action, slot);
    } else {
      actions[0] = null;
    }
    return first;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name() {
    return "heap4";
  }

  private void releaseSlot(int slot) {
    positionOf[slot] = -1;
    generationOf[slot]++;
    freeSlots[freeCount++] = slot;
  }

  private static int parent(int position) {
    return (position - 1) >> 2;
  }

  private static boolean less(long time1, long sequence1, long time2, long sequence2) {
    return time1 < time2 || (time1 == time2 && sequence1 < sequence2);
  }

  private void siftUp(int position, long time, long sequence, Runnable action, int slot) {
    long[] k = keys;
    while (position > 0) {
      int parent = parent(position);
      long parentTime = k[2 * parent];
      long parentSequence = k[2 * parent + 1];
      if (!less(time, sequence, parentTime, parentSequence)) {
        break;
      }
      place(position, parentTime, parentSequence, actions[parent], slotAt[parent]);
      position = parent;
    }
    place(position, time, sequence, action, slot);
  }

  private void siftDown(int position, long time, long sequence, Runnable action, int slot) {
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
      place(position, bestTime, bestSequence, actions[best], slotAt[best]);
      position = best;
    }
    place(position, time, sequence, action, slot);
  }

  private void place(int position, long time, long sequence, Runnable action, int slot) {
    keys[2 * position] = time;
    keys[2 * position + 1] = sequence;
    actions[position] = action;
    slotAt[position] = slot;
    positionOf[slot] = position;
  }

  private void grow() {
    int capacity = actions.length * 2;
    keys = Arrays.copyOf(keys, 2 * capacity);
    actions = Arrays.copyOf(actions, capacity);
    slotAt = Arrays.copyOf(slotAt, capacity);
    positionOf = Arrays.copyOf(positionOf, capacity);
    generationOf = Arrays.copyOf(generationOf, capacity);
    freeSlots = Arrays.copyOf(freeSlots, capacity);
  }
}
