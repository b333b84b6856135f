package netsim.core;

import java.util.Arrays;

/**
 * An implicit 4-ary min-heap on primitive arrays: O(log n) per operation with no amortization, the
 * simple alternative to the default {@link LadderEventQueue}.
 *
 * <p>Nothing is boxed and nothing is allocated per event once the arrays have grown. Cancellation
 * is an indexed removal: every event owns a slot that knows its heap position, and a handle names
 * the slot and a generation, so a stale handle never removes a later event that reused the slot.
 */
public final class QuaternaryHeapEventQueue implements EventQueue {
  private final QuaternaryHeap heap;

  /** The heap position of the event owning a slot, or -1 when the slot is free. */
  private int[] positionOf;

  /** Bumped whenever a slot is released; part of every handle. */
  private int[] generationOf;

  private int[] freeSlots;
  private int freeCount;
  private int slotCount;

  public QuaternaryHeapEventQueue() {
    this(64);
  }

  public QuaternaryHeapEventQueue(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    heap = new QuaternaryHeap(capacity);
    positionOf = new int[capacity];
    generationOf = new int[capacity];
    freeSlots = new int[capacity];
    heap.trackPositionsIn(positionOf, 1, 0);
  }

  @Override
  public long add(long time, long sequence, Runnable action) {
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      if (slotCount == positionOf.length) {
        growSlots();
      }
      slot = slotCount++;
    }
    heap.add(time, sequence, slot, action);
    return handle(slot, generationOf[slot]);
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
    heap.removeAt(position);
    releaseSlot(slot);
    return true;
  }

  @Override
  public long peekTime() {
    return heap.minTime();
  }

  @Override
  public long peekSequence() {
    return heap.minSequence();
  }

  @Override
  public Runnable peekAction() {
    return heap.minAction();
  }

  @Override
  public Runnable poll() {
    Runnable first = heap.minAction();
    int slot = heap.minSlot();
    heap.removeAt(0);
    releaseSlot(slot);
    return first;
  }

  @Override
  public int size() {
    return heap.size();
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

  private void growSlots() {
    int capacity = positionOf.length * 2;
    positionOf = Arrays.copyOf(positionOf, capacity);
    generationOf = Arrays.copyOf(generationOf, capacity);
    freeSlots = Arrays.copyOf(freeSlots, capacity);
    heap.trackPositionsIn(positionOf, 1, 0);
  }
}
