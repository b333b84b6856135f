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
 *       bucket below is consumed, the top is spread into rung 0. A bucket too crowded to take whole
 *       is spread into a finer rung that covers just that bucket, so skewed delay distributions
 *       split until buckets are small again instead of degrading;
 *   <li><b>front</b>: the earliest bucket, sorted on exact (time, sequence) keys ({@link
 *       LadderFront}); every poll comes from here. Because it orders by sequence within a time,
 *       same-time events leave in sequence order whichever buckets they went through.
 * </ul>
 *
 * <p><b>One record per event, so that an event costs few cache misses.</b> Every event owns a slot:
 * {@value #STRIDE} longs of one array (its time, sequence, list link and a stamp of generation and
 * state) and its action in a second. Lists are singly linked through the records, so adding to a
 * bucket writes only the event's own record and the bucket's head; a freed slot is reused first,
 * while its record is still cached. Moving a bucket to the front reads each record once. At a
 * million pending events that is about three misses per event: the bucket's head when it is added,
 * its record when its bucket moves to the front, and its action when it is polled. The front copies
 * only keys and slots, never actions.
 *
 * <p><b>Cancelling is lazy.</b> A cancelled event's record is marked and stays in its list (or the
 * front) until it comes up, and is dropped then; its handle is dead at once and its action is
 * released at once, so a cancelled event keeps nothing of the caller's reachable. So that cancelled
 * records never outnumber live ones by much, once they exceed {@value #PURGE_FACTOR} times the
 * pending events (plus a margin) every list and the front are swept, which costs O(1) amortized per
 * cancel. A handle names the slot and its generation, bumped whenever a slot is freed, so a stale
 * handle never removes a later event that reused the slot. Nothing is allocated per event once the
 * arrays have grown.
 *
 * <p>Times must be non-negative, as the {@link Simulator} guarantees.
 */
public final class LadderEventQueue implements EventQueue {
  static final int MAX_RUNGS = 8;

  /** A bucket holding more events than this is split into a finer rung, not moved to the front. */
  private static final int SPLIT_THRESHOLD = 64;

  /** The average number of events per bucket aimed at when a rung is built. */
  private static final int EVENTS_PER_BUCKET = 2;

  private static final int MAX_BUCKETS = 1 << 24;

  /** Cancelled records still held are swept once they exceed this times the pending events. */
  static final int PURGE_FACTOR = 2;

  static final int PURGE_MARGIN = 1024;
  private static final int NONE = -1;

  // A slot's record: records[record(s) + ...].
  private static final int STRIDE = 4;

  /**
   * Longs left unused before the first record, so that no record straddles two cache lines. A
   * long[]'s elements start 16 bytes after the array (its header), and an array of a million events
   * is a humongous G1 object, which starts at a region boundary: 6 longs more put element 8 on a
   * 64-byte boundary and every 32-byte record within one line. Without them every other record
   * spans two lines, so moving a bucket to the front missed twice for it.
   */
  private static final int RECORDS_FROM = 6;

  private static final int TIME = 0;
  private static final int SEQUENCE = 1;

  /** The next slot of the list (top or bucket) the event is in, NONE at its end. */
  private static final int LINK = 2;

  /** The slot's generation (high 32 bits, never 0) and the event's state (low bits). */
  private static final int STAMP = 3;

  private static final long FREE = 0;
  private static final long PENDING = 1;
  private static final long CANCELLED = 2;
  private static final long STATE_MASK = 3;
  private static final long GENERATION_MASK = 0xFFFF_FFFF_0000_0000L;
  private static final long FIRST_GENERATION = 1L << 32;

  private long[] records;
  private Runnable[] actions;
  private int[] freeSlots;
  private int freeCount;
  private int slotCount;

  /** Pending (not cancelled) events. */
  private int size;

  /** Cancelled events whose records are still in a list or the front. */
  private int cancelledHeld;

  // Top: events later than topAbove, in one list.
  private int topHead = NONE;
  private int topCount;
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private long topAbove = -1;

  // Rungs 0 (coarsest) .. rungCount - 1 (finest). Rung j covers [start, last] in buckets of width
  // 1 << shift; buckets below cur are consumed, and rung j + 1 covers the last consumed one.
  // buckets[2b] = list head, buckets[2b + 1] = count (cancelled records included). A rung is
  // dropped as soon as its last bucket is taken, so cur < bucketCount and
  // next = start + (cur << shift) <= last always hold.
  private int rungCount;
  private final long[] rungStart = new long[MAX_RUNGS];
  private final long[] rungLast = new long[MAX_RUNGS];
  private final long[] rungNext = new long[MAX_RUNGS];
  private final int[] rungShift = new int[MAX_RUNGS];
  private final int[] rungBucketCount = new int[MAX_RUNGS];
  private final int[] rungCur = new int[MAX_RUNGS];
  private final int[][] rungBuckets = new int[MAX_RUNGS][];

  /** The earliest events, with copies of their keys; may hold cancelled ones. */
  private final LadderFront front = new LadderFront();

  public LadderEventQueue() {
    this(64);
  }

  public LadderEventQueue(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    records = new long[RECORDS_FROM + STRIDE * capacity];
    actions = new Runnable[capacity];
    freeSlots = new int[capacity];
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
    long[] r = records;
    int k = record(slot);
    r[k + TIME] = time;
    r[k + SEQUENCE] = sequence;
    long generation = r[k + STAMP] & GENERATION_MASK;
    r[k + STAMP] = generation | PENDING;
    actions[slot] = action;
    size++;
    if (time > topAbove) {
      pushTop(slot, time);
    } else {
      placeBelowTop(slot, time, sequence);
    }
    return generation | slot;
  }

  /**
   * Puts an event no later than topAbove into the coarsest rung that still takes it, or the front.
   */
  private void placeBelowTop(int slot, long time, long sequence) {
    for (int j = 0; j < rungCount; j++) {
      if (time >= rungNext[j]) {
        pushBucket(slot, rungBuckets[j], (int) ((time - rungStart[j]) >>> rungShift[j]));
        return;
      }
    }
    front.add(time, sequence, slot);
  }

  @Override
  public boolean remove(long handle) {
    int slot = (int) handle;
    if (slot < 0 || slot >= slotCount) {
      return false;
    }
    int k = record(slot) + STAMP;
    long pending = (handle & GENERATION_MASK) | PENDING;
    if (records[k] != pending) {
      return false;
    }
    records[k] = (handle & GENERATION_MASK) | CANCELLED;
    actions[slot] = null;
    size--;
    cancelledHeld++;
    if (cancelledHeld > PURGE_FACTOR * size + PURGE_MARGIN) {
      purgeCancelled();
    }
    return true;
  }

  @Override
  public long peekTime() {
    settleFront();
    return front.minTime();
  }

  @Override
  public long peekSequence() {
    settleFront();
    return front.minSequence();
  }

  @Override
  public Runnable peekAction() {
    settleFront();
    return actions[front.minSlot()];
  }

  @Override
  public Runnable poll() {
    settleFront();
    int slot = front.minSlot();
    Runnable action = actions[slot];
    front.removeMin();
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

  /** Records in use: the pending events and the cancelled ones not yet dropped. */
  int heldRecords() {
    return size + cancelledHeld;
  }

  /** Makes the front's earliest event a pending one: refills it, drops cancelled records. */
  private void settleFront() {
    while (true) {
      if (front.isEmpty()) {
        refill();
        if (front.isEmpty()) {
          return;
        }
      }
      int slot = front.minSlot();
      if (state(slot) != CANCELLED) {
        return;
      }
      front.removeMin();
      dropCancelled(slot);
    }
  }

  // ---- slots and lists ----

  /** The index of a slot's record in {@link #records}. */
  private static int record(int slot) {
    return RECORDS_FROM + STRIDE * slot;
  }

  private long state(int slot) {
    return records[record(slot) + STAMP] & STATE_MASK;
  }

  private int newSlot() {
    if (slotCount == actions.length) {
      int capacity = 2 * actions.length;
      records = Arrays.copyOf(records, RECORDS_FROM + STRIDE * capacity);
      actions = Arrays.copyOf(actions, capacity);
      freeSlots = Arrays.copyOf(freeSlots, capacity);
    }
    records[record(slotCount) + STAMP] = FIRST_GENERATION | FREE;
    return slotCount++;
  }

  /** Frees a slot whose event left or was dropped; its next generation makes old handles stale. */
  private void release(int slot) {
    int k = record(slot) + STAMP;
    long generation = (records[k] & GENERATION_MASK) + FIRST_GENERATION;
    records[k] = generation == 0 ? FIRST_GENERATION : generation;
    actions[slot] = null;
    freeSlots[freeCount++] = slot;
  }

  private void dropCancelled(int slot) {
    release(slot);
    cancelledHeld--;
  }

  private void pushTop(int slot, long time) {
    records[record(slot) + LINK] = topHead;
    topHead = slot;
    topCount++;
    if (time < topMin) {
      topMin = time;
    }
    if (time > topMax) {
      topMax = time;
    }
  }

  private void pushBucket(int slot, int[] buckets, int bucket) {
    int b = 2 * bucket;
    records[record(slot) + LINK] = buckets[b];
    buckets[b] = slot;
    buckets[b + 1]++;
  }

  private int next(int slot) {
    return (int) records[record(slot) + LINK];
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

  /** Spreads a list into a freshly opened rung, dropping cancelled records on the way. */
  private void spread(int head, int rung) {
    long start = rungStart[rung];
    int shift = rungShift[rung];
    int[] buckets = rungBuckets[rung];
    long[] r = records;
    for (int slot = head; slot != NONE; ) {
      int k = record(slot);
      int next = (int) r[k + LINK];
      if ((r[k + STAMP] & STATE_MASK) == CANCELLED) {
        dropCancelled(slot);
      } else {
        pushBucket(slot, buckets, (int) ((r[k + TIME] - start) >>> shift));
      }
      slot = next;
    }
  }

  /** Loads a list into the empty front, dropping cancelled records on the way. */
  private void moveToFront(int head) {
    long[] r = records;
    for (int slot = head; slot != NONE; ) {
      int k = record(slot);
      int next = (int) r[k + LINK];
      if ((r[k + STAMP] & STATE_MASK) == CANCELLED) {
        dropCancelled(slot);
      } else {
        front.append(r[k + TIME], r[k + SEQUENCE], slot);
      }
      slot = next;
    }
    front.endBatch();
  }

  // ---- sweeping cancelled records ----

  /** Unlinks every cancelled record from the top, the rungs and the front, and frees it. */
  private void purgeCancelled() {
    topHead = withoutCancelled(topHead);
    topCount = keptLength;
    if (topCount == 0) {
      topMin = Long.MAX_VALUE;
      topMax = Long.MIN_VALUE;
    }
    for (int j = 0; j < rungCount; j++) {
      int[] buckets = rungBuckets[j];
      for (int b = rungCur[j]; b < rungBucketCount[j]; b++) {
        buckets[2 * b] = withoutCancelled(buckets[2 * b]);
        buckets[2 * b + 1] = keptLength;
      }
    }
    front.retainSlots(
        slot -> {
          if (state(slot) == CANCELLED) {
            dropCancelled(slot);
            return false;
          }
          return true;
        });
  }

  /** The length of the list {@link #withoutCancelled} returned last. */
  private int keptLength;

  /** The list without its cancelled records, which are freed; returns its new head. */
  private int withoutCancelled(int head) {
    int newHead = NONE;
    int tail = NONE;
    keptLength = 0;
    for (int slot = head; slot != NONE; ) {
      int next = next(slot);
      if (state(slot) == CANCELLED) {
        dropCancelled(slot);
      } else {
        if (tail == NONE) {
          newHead = slot;
        } else {
          records[record(tail) + LINK] = slot;
        }
        tail = slot;
        keptLength++;
      }
      slot = next;
    }
    if (tail != NONE) {
      records[record(tail) + LINK] = NONE;
    }
    return newHead;
  }
}
