package netsim.core;

import java.util.Arrays;

/**
 * A ladder queue (after Tang, Goh and Thng, "Ladder Queue: An O(1) Priority Queue Structure for
 * Large-Scale Discrete Event Simulation", 2005) on primitive arrays: amortized O(1) insert and
 * remove-earliest where a heap pays O(log n) cache misses, which matters at large populations.
 *
 * <p>Three tiers, each holding only events later than every event of the tier below it:
 *
 * <ul>
 *   <li><b>top</b>: an unsorted list of the far future, with its bounds;
 *   <li><b>rungs</b>: up to {@value #MAX_RUNGS} arrays of buckets of power-of-two width. When every
 *       bucket below is consumed, the top is spread into rung 0. A bucket too crowded to take
 *       whole is spread into a finer rung that covers just that bucket, so skewed delay
 *       distributions split until buckets are small again instead of degrading;
 *   <li><b>front</b>: a small 4-ary heap on exact (time, sequence) keys holding the earliest
 *       bucket; every poll comes from here. Because the heap orders by sequence within a time,
 *       same-time events leave in sequence order whichever buckets they went through.
 * </ul>
 *
 * <p>Every event owns a slot in parallel arrays: its keys, its action, the doubly linked list it
 * sits in (a bucket or the top), or its heap position. A handle names the slot and a generation,
 * so a stale handle never removes a later event that reused the slot, and removal is O(1) in a
 * list or O(log n) in the front. Nothing is allocated per event once the arrays have grown.
 *
 * <p>Times must be non-negative, as the {@link Simulator} guarantees.
 */
public final class LadderEventQueue implements EventQueue {
  static final int MAX_RUNGS = 8;
  /** A bucket holding more events than this is split into a finer rung, not moved to the front. */
  private static final int SPLIT_THRESHOLD = 64;
  /** The average number of events per bucket aimed at when a rung is built. */
  private static final int EVENTS_PER_BUCKET = 2;
  /** Bucket indices must leave room for the rung number in a location code. */
  private static final int MAX_BUCKETS = 1 << 24;

  /** Location codes (slotLinks[4s + 2]): >= 0 is a heap position, else ~(bucket << 4 | rung). */
  private static final int RUNG_BITS = 4;
  private static final int TOP = 15;
  private static final int TOP_CODE = ~TOP;
  private static final int FREE = Integer.MIN_VALUE;
  private static final int NONE = -1;

  // Slots: keys[2s] = time, keys[2s + 1] = sequence; links[4s..4s+3] = next, prev, location,
  // generation (kept together so one cache line serves a list operation).
  private long[] keys;
  private Runnable[] actions;
  private int[] links;
  private int[] freeSlots;
  private int freeCount;
  private int slotCount;
  private int size;

  // Top: events later than topAbove.
  private int topHead = NONE;
  private int topCount;
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private long topAbove = -1;

  // Rungs 0 (coarsest) .. rungCount - 1 (finest). Rung j covers [start, last] in buckets of width
  // 1 << shift; buckets below cur are consumed, and rung j + 1 covers the last consumed one.
  // buckets[2b] = list head, buckets[2b + 1] = count. A rung is dropped as soon as its last bucket
  // is taken, so cur < bucketCount and next = start + (cur << shift) <= last always hold.
  private int rungCount;
  private final long[] rungStart = new long[MAX_RUNGS];
  private final long[] rungLast = new long[MAX_RUNGS];
  private final long[] rungNext = new long[MAX_RUNGS];
  private final int[] rungShift = new int[MAX_RUNGS];
  private final int[] rungBucketCount = new int[MAX_RUNGS];
  private final int[] rungCur = new int[MAX_RUNGS];
  private final int[][] rungBuckets = new int[MAX_RUNGS][];

  // Front: a 4-ary min-heap holding each event's keys and action (copied in, so that a poll
  // touches no slot array but the free list); it writes heap positions into links[4s + 2].
  private final QuaternaryHeap front = new QuaternaryHeap(64);

  public LadderEventQueue() {
    this(64);
  }

  public LadderEventQueue(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    keys = new long[2 * capacity];
    actions = new Runnable[capacity];
    links = new int[4 * capacity];
    freeSlots = new int[capacity];
    front.trackPositionsIn(links, 4, 2);
    for (int j = 0; j < MAX_RUNGS; j++) {
      rungBuckets[j] = emptyBuckets(16);
    }
  }

  private static int[] emptyBuckets(int count) {
    int[] buckets = new int[2 * count];
    for (int b = 0; b < count; b++) {
      buckets[2 * b] = NONE;
    }
    return buckets;
  }

  @Override
  public long add(long time, long sequence, Runnable action) {
    int slot = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
    keys[2 * slot] = time;
    keys[2 * slot + 1] = sequence;
    actions[slot] = action;
    size++;
    if (time > topAbove) {
      pushTop(slot, time);
    } else {
      placeBelowTop(slot, time, sequence, action);
    }
    return handle(slot, links[4 * slot + 3]);
  }

  private static long handle(int slot, int generation) {
    // Generation 0 of slot 0 would be NO_HANDLE: generations are stored off by one.
    return ((long) (generation + 1) << 32) | (slot & 0xFFFF_FFFFL);
  }

  /** Puts an event no later than topAbove into the coarsest rung that still takes it, or the front. */
  private void placeBelowTop(int slot, long time, long sequence, Runnable action) {
    for (int j = 0; j < rungCount; j++) {
      if (time >= rungNext[j]) {
        int bucket = (int) ((time - rungStart[j]) >>> rungShift[j]);
        pushBucket(slot, j, bucket);
        return;
      }
    }
    actions[slot] = null;
    front.add(time, sequence, slot, action);
  }

  @Override
  public boolean remove(long handle) {
    int slot = (int) handle;
    int generation = (int) (handle >>> 32) - 1;
    if (slot < 0 || slot >= slotCount || links[4 * slot + 3] != generation) {
      return false;
    }
    int location = links[4 * slot + 2];
    if (location == FREE) {
      return false;
    }
    if (location >= 0) {
      front.removeAt(location);
    } else {
      unlink(slot, ~location);
      actions[slot] = null;
    }
    release(slot);
    size--;
    return true;
  }

  @Override
  public long peekTime() {
    if (front.isEmpty()) {
      refill();
    }
    return front.minTime();
  }

  @Override
  public long peekSequence() {
    if (front.isEmpty()) {
      refill();
    }
    return front.minSequence();
  }

  @Override
  public Runnable peekAction() {
    if (front.isEmpty()) {
      refill();
    }
    return front.minAction();
  }

  @Override
  public Runnable poll() {
    if (front.isEmpty()) {
      refill();
    }
    int slot = front.minSlot();
    Runnable action = front.minAction();
    front.removeAt(0);
    release(slot);
    size--;
    return action;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name() {
    return "ladder";
  }

  // ---- slots and lists ----

  private int newSlot() {
    if (slotCount == actions.length) {
      int capacity = 2 * actions.length;
      keys = Arrays.copyOf(keys, 2 * capacity);
      actions = Arrays.copyOf(actions, capacity);
      links = Arrays.copyOf(links, 4 * capacity);
      front.trackPositionsIn(links, 4, 2);
      freeSlots = Arrays.copyOf(freeSlots, capacity);
    }
    return slotCount++;
  }

  private void release(int slot) {
    links[4 * slot + 2] = FREE;
    links[4 * slot + 3]++;
    freeSlots[freeCount++] = slot;
  }

  private void pushTop(int slot, long time) {
    int[] l = links;
    l[4 * slot] = topHead;
    l[4 * slot + 1] = NONE;
    l[4 * slot + 2] = TOP_CODE;
    if (topHead != NONE) {
      l[4 * topHead + 1] = slot;
    }
    topHead = slot;
    topCount++;
    if (time < topMin) {
      topMin = time;
    }
    if (time > topMax) {
      topMax = time;
    }
  }

  private void pushBucket(int slot, int rung, int bucket) {
    int[] l = links;
    int[] buckets = rungBuckets[rung];
    int head = buckets[2 * bucket];
    l[4 * slot] = head;
    l[4 * slot + 1] = NONE;
    l[4 * slot + 2] = ~((bucket << RUNG_BITS) | rung);
    if (head != NONE) {
      l[4 * head + 1] = slot;
    }
    buckets[2 * bucket] = slot;
    buckets[2 * bucket + 1]++;
  }

  /** Takes a slot out of the list named by a location code (bucket << 4 | rung, or TOP). */
  private void unlink(int slot, int code) {
    int[] l = links;
    int next = l[4 * slot];
    int prev = l[4 * slot + 1];
    if (next != NONE) {
      l[4 * next + 1] = prev;
    }
    int rung = code & ((1 << RUNG_BITS) - 1);
    if (rung == TOP) {
      if (prev != NONE) {
        l[4 * prev] = next;
      } else {
        topHead = next;
      }
      if (--topCount == 0) {
        topMin = Long.MAX_VALUE;
        topMax = Long.MIN_VALUE;
      }
    } else {
      int bucket = code >>> RUNG_BITS;
      int[] buckets = rungBuckets[rung];
      if (prev != NONE) {
        l[4 * prev] = next;
      } else {
        buckets[2 * bucket] = next;
      }
      buckets[2 * bucket + 1]--;
    }
  }

  // ---- moving events down the ladder ----

  /** Fills the empty front with the earliest events, if there are any. */
  private void refill() {
    while (front.isEmpty()) {
      if (rungCount == 0) {
        if (topCount == 0) {
          return;
        }
        spreadTop();
        continue;
      }
      int rung = rungCount - 1;
      int[] buckets = rungBuckets[rung];
      int bucketCount = rungBucketCount[rung];
      int b = rungCur[rung];
      while (b < bucketCount && buckets[2 * b] == NONE) {
        b++;
      }
      if (b == bucketCount) {
        rungCount--;
        continue;
      }
      int head = buckets[2 * b];
      int count = buckets[2 * b + 1];
      buckets[2 * b] = NONE;
      buckets[2 * b + 1] = 0;
      int shift = rungShift[rung];
      long bucketStart = rungStart[rung] + ((long) b << shift);
      long bucketLast = b + 1 == bucketCount ? rungLast[rung] : bucketStart + (1L << shift) - 1;
      if (b + 1 == bucketCount) {
        rungCount--;
      } else {
        rungCur[rung] = b + 1;
        rungNext[rung] = bucketLast + 1;
      }
      if (count > SPLIT_THRESHOLD && shift > 0 && rungCount < MAX_RUNGS) {
        spreadIntoNewRung(head, count, bucketStart, bucketLast, shift);
      } else {
        moveToFront(head);
      }
    }
  }

  /** Spreads the whole top into a new rung 0, or into the front when it is small or one time. */
  private void spreadTop() {
    int head = topHead;
    int count = topCount;
    long min = topMin;
    long max = topMax;
    topHead = NONE;
    topCount = 0;
    topMin = Long.MAX_VALUE;
    topMax = Long.MIN_VALUE;
    if (count <= SPLIT_THRESHOLD || min == max) {
      topAbove = max;
      moveToFront(head);
      return;
    }
    long span = max - min;
    int wanted = bucketsFor(count);
    int shift = 0;
    while ((span >>> shift) >= wanted) {
      shift++;
    }
    int bucketCount = (int) (span >>> shift) + 1;
    long lastOffset = ((long) (bucketCount - 1) << shift) + ((1L << shift) - 1);
    long last = min > Long.MAX_VALUE - lastOffset ? Long.MAX_VALUE : min + lastOffset;
    topAbove = last;
    openRung(min, last, shift, bucketCount);
    spread(head, 0);
  }

  private void spreadIntoNewRung(int head, int count, long start, long last, int parentShift) {
    int wanted = Math.min(bucketsFor(count), 1 << Math.min(parentShift, 24));
    int shift = parentShift - Integer.numberOfTrailingZeros(wanted);
    int bucketCount = (int) ((last - start) >>> shift) + 1;
    openRung(start, last, shift, bucketCount);
    spread(head, rungCount - 1);
  }

  /** A power of two near count / EVENTS_PER_BUCKET, at least 2. */
  private static int bucketsFor(int count) {
    int wanted = Math.max(2, Math.min(MAX_BUCKETS, count / EVENTS_PER_BUCKET));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  private void openRung(long start, long last, int shift, int bucketCount) {
    int rung = rungCount++;
    if (rungBuckets[rung].length < 2 * bucketCount) {
      rungBuckets[rung] = emptyBuckets(Math.max(bucketCount, rungBuckets[rung].length));
    }
    rungStart[rung] = start;
    rungLast[rung] = last;
    rungNext[rung] = start;
    rungShift[rung] = shift;
    rungBucketCount[rung] = bucketCount;
    rungCur[rung] = 0;
  }

  private void spread(int head, int rung) {
    long start = rungStart[rung];
    int shift = rungShift[rung];
    int[] l = links;
    long[] k = keys;
    for (int slot = head; slot != NONE; ) {
      int next = l[4 * slot];
      pushBucket(slot, rung, (int) ((k[2 * slot] - start) >>> shift));
      slot = next;
    }
  }

  /** Loads a list into the empty front heap. */
  private void moveToFront(int head) {
    int[] l = links;
    long[] k = keys;
    for (int slot = head; slot != NONE; slot = l[4 * slot]) {
      front.append(k[2 * slot], k[2 * slot + 1], slot, actions[slot]);
      actions[slot] = null;
    }
    front.heapify();
  }
}
