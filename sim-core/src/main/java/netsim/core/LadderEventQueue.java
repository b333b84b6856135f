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
 *   <li><b>rungs</b>: up to {@value #MAX_RUNGS} arrays of at most {@value #MAX_BUCKETS} buckets of
 *       power-of-two width. When every bucket below is consumed, the top is spread into rung 0. A
 *       bucket too crowded to take whole is spread into a finer rung that covers just that bucket,
 *       so skewed delay distributions split until buckets are small again instead of degrading. The
 *       cap keeps the rungs that take adds in the processor's cache at any population: a million
 *       events go through two rungs of a few thousand buckets, not one of half a million;
 *   <li><b>front</b>: the earliest bucket, sorted on exact (time, sequence) keys ({@link
 *       LadderFront}); every poll comes from here. Because it orders by sequence within a time,
 *       same-time events leave in sequence order whichever buckets they went through.
 * </ul>
 *
 * <p><b>Lists of chunks, so that moving a bucket reads memory in order.</b> The top and every
 * bucket are lists of chunks of {@value #CHUNK} entries (time, sequence, slot) in one pool; adding
 * appends to the list's newest chunk, which a crowded bucket shares among many events, and moving a
 * bucket to the front or a finer rung reads its chunks entry after entry, so that the processor
 * prefetches them and overlaps the misses of the events' actions instead of chasing one record per
 * event from the last. A freed chunk is reused first, while it is still cached. At a million
 * pending events that leaves about one miss per event, for its action, taken while its bucket
 * moves.
 *
 * <p><b>Every event owns a slot</b>: its action, null once it is polled or cancelled, and a
 * generation: the count of adds (modulo 2^32, never 0) when the slot was taken, so that a handle
 * (generation and slot) never removes a later event that reused the slot. A list entry whose slot's
 * action is null is a cancelled event.
 *
 * <p><b>Slots are taken in address order.</b> A cursor sweeps the slot table and takes the next
 * free slot (one bit per slot marks the free ones), so consecutive adds write neighbouring actions
 * and generations, a few lines between them, instead of one line at random per add in megabytes of
 * slots (the slot a poll just freed, which a free list would hand out next, is anywhere). With the
 * G1 collector this matters more: every action stored dirties the card (512 bytes) of the slot
 * table it lands in, and the collector's refinement scans each dirtied card again, so adds that
 * share cards cost it one scan instead of one each. The table grows (doubles) whenever fewer than a
 * quarter of its slots are free, so the sweep finds a free slot within a few words of the bit set.
 *
 * <p><b>Cancelling is lazy.</b> A cancelled event's entry stays in its list (or the front) until it
 * comes up, and is dropped then; its handle is dead at once and its action is released at once, so
 * a cancelled event keeps nothing of the caller's reachable. So that cancelled entries never
 * outnumber live ones by much, once they exceed {@value #PURGE_FACTOR} times the pending events
 * (plus a margin) every list and the front are swept, which costs O(1) amortized per cancel.
 * Nothing is allocated per event once the arrays have grown.
 *
 * <p>Times must be non-negative, as the {@link Simulator} guarantees.
 */
public final class LadderEventQueue implements EventQueue {
  static final int MAX_RUNGS = 8;

  /** A bucket holding more events than this is split into a finer rung, not moved to the front. */
  private static final int SPLIT_THRESHOLD = 64;

  /** The average number of events per bucket aimed at when the top is spread into rung 0. */
  private static final int EVENTS_PER_BUCKET = 2;

  /**
   * The average number of events per bucket aimed at when a crowded bucket is split into a finer
   * rung. Its buckets then go to the front, which sorts each in one batch; a few dozen per batch
   * cost fewer instructions per event than two (the refill's per-bucket work is shared), and the
   * finer rung's buckets and the lines being filled stay in the first-level cache while it is
   * spread.
   */
  static final int EVENTS_PER_SPLIT_BUCKET = 16;

  /**
   * The most buckets in one rung. A rung of a million events would want half a million buckets, and
   * adding an event would then write a line at random in megabytes of bucket heads and chunks, a
   * cache miss per event. Capped, a rung's heads and the chunk lines being filled stay in the
   * processor's cache (some 300 KB); its crowded buckets split into finer rungs, also capped, as
   * they come up, so each event is moved once more but every move hits the cache.
   */
  static final int MAX_BUCKETS = 1 << 12;

  /** Cancelled entries still held are swept once they exceed this times the pending events. */
  static final int PURGE_FACTOR = 2;

  static final int PURGE_MARGIN = 1024;
  private static final int NONE = -1;

  /** Entries per chunk, a power of two. */
  static final int CHUNK = 8;

  private static final int CHUNK_MASK = CHUNK - 1;

  // An entry: entries[entry(c, i) + ...].
  private static final int ENTRY = 3;
  private static final int TIME = 0;
  private static final int SEQUENCE = 1;
  private static final int SLOT = 2;

  // Slots: the pending event's action (null when free or cancelled) and the slot's generation;
  // bit s of freeBits is set when slot s is free. slotCount (a multiple of 64) slots exist, of
  // which freeCount are free; the next add takes the first free slot at or after slotCursor.
  private Runnable[] actions;
  private int adds;
  private int[] generations;
  private long[] freeBits;
  private int freeCount;
  private int slotCount;
  private int slotCursor;

  // The chunk pool: chunk c holds entries[ENTRY * CHUNK * c ...], and the next chunk of its list
  // (or of the free list) in nextChunk[c]. A list is known by its head and its length: the head is
  // the newest chunk and holds ((length - 1) % CHUNK) + 1 entries, every older one CHUNK.
  private long[] entries;
  private int[] nextChunk;
  private int chunkCount;
  private int freeChunks = NONE;

  /** Pending (not cancelled) events. */
  private int size;

  /** Cancelled events whose entries are still in a list or the front. */
  private int cancelledHeld;

  // Top: events later than topAbove, in one list.
  private int topHead = NONE;
  private int topCount;
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private long topAbove = -1;

  // Rungs 0 (coarsest) .. rungCount - 1 (finest). Rung j covers [start, last] in buckets of width
  // 1 << shift; buckets below cur are consumed, and rung j + 1 covers the last consumed one.
  // buckets[2b] = list head, buckets[2b + 1] = list length (cancelled entries included). A rung is
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

  private int widestRung;

  public LadderEventQueue() {
    this(64);
  }

  public LadderEventQueue(int initialCapacity) {
    int capacity = Math.max(Long.SIZE, (initialCapacity + Long.SIZE - 1) & -Long.SIZE);
    actions = new Runnable[capacity];
    generations = new int[capacity];
    freeBits = new long[capacity / Long.SIZE];
    Arrays.fill(freeBits, -1L);
    slotCount = capacity;
    freeCount = capacity;
    int chunks = Math.max(4, capacity / CHUNK);
    entries = new long[ENTRY * CHUNK * chunks];
    nextChunk = new int[chunks];
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
    int slot = takeSlot();
    int generation = ++adds;
    if (generation == 0) {
      generation = ++adds;
    }
    generations[slot] = generation;
    actions[slot] = action;
    size++;
    if (time > topAbove) {
      pushTop(time, sequence, slot);
    } else {
      placeBelowTop(time, sequence, slot);
    }
    return handle(generation, slot);
  }

  private static long handle(int generation, int slot) {
    return (long) generation << 32 | slot;
  }

  /**
   * Puts an event no later than topAbove into the coarsest rung that still takes it, or the front.
   * The rungs' unconsumed ranges follow one another, the finest first: rung j + 1 covers the bucket
   * of rung j just consumed, so it ends right before rungNext[j]. The search therefore starts at
   * the finest rung, where most events land (a packet's next hop is microseconds to milliseconds
   * ahead), and goes coarser only while the event lies beyond the current rung: a few far-future
   * events (timers seconds ahead) that keep many rungs open cost a near event nothing.
   */
  private void placeBelowTop(long time, long sequence, int slot) {
    int j = rungCount - 1;
    if (j < 0 || time < rungNext[j]) {
      front.add(time, sequence, slot);
      return;
    }
    while (j > 0 && time >= rungNext[j - 1]) {
      j--;
    }
    pushBucket(
        rungBuckets[j], (int) ((time - rungStart[j]) >>> rungShift[j]), time, sequence, slot);
  }

  @Override
  public boolean remove(long handle) {
    int slot = (int) handle;
    if (slot < 0
        || slot >= slotCount
        || generations[slot] != (int) (handle >>> 32)
        || actions[slot] == null) {
      return false;
    }
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
    actions[slot] = null;
    freeSlot(slot);
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

  /** Entries in use: the pending events and the cancelled ones not yet dropped. */
  int heldRecords() {
    return size + cancelledHeld;
  }

  /** The most buckets any rung has had. */
  int widestRung() {
    return widestRung;
  }

  /** The rungs open now. */
  int openRungs() {
    return rungCount;
  }

  /** The number of buckets of open rung {@code rung} (0 the coarsest). */
  int bucketsOfRung(int rung) {
    return rungBucketCount[rung];
  }

  /** The entries in the front, cancelled ones included. */
  int frontSize() {
    return front.size();
  }

  /** Chunks ever taken from the heap: the most the lists have held at once, free ones reused. */
  int chunksAllocated() {
    return chunkCount;
  }

  /** Makes the front's earliest event a pending one: refills it, drops cancelled entries. */
  private void settleFront() {
    while (true) {
      if (front.isEmpty()) {
        refill();
        if (front.isEmpty()) {
          return;
        }
      }
      int slot = front.minSlot();
      if (actions[slot] != null) {
        return;
      }
      front.removeMin();
      dropCancelled(slot);
    }
  }

  // ---- slots ----

  /** Takes the first free slot at or after the cursor, growing the table first if it is crowded. */
  private int takeSlot() {
    if (freeCount <= slotCount >>> 2) {
      growSlots();
    }
    long[] bits = freeBits;
    int word = slotCursor >>> 6;
    long free = bits[word] & (-1L << slotCursor);
    while (free == 0) {
      word = word + 1 == bits.length ? 0 : word + 1;
      free = bits[word];
    }
    int slot = word << 6 | Long.numberOfTrailingZeros(free);
    bits[word] &= ~(1L << slot);
    slotCursor = slot + 1 == slotCount ? 0 : slot + 1;
    freeCount--;
    return slot;
  }

  /** Doubles the slot table; the cursor moves to the new, free half. */
  private void growSlots() {
    int capacity = 2 * slotCount;
    actions = Arrays.copyOf(actions, capacity);
    generations = Arrays.copyOf(generations, capacity);
    freeBits = Arrays.copyOf(freeBits, capacity / Long.SIZE);
    Arrays.fill(freeBits, slotCount / Long.SIZE, freeBits.length, -1L);
    freeCount += capacity - slotCount;
    slotCursor = slotCount;
    slotCount = capacity;
  }

  private void freeSlot(int slot) {
    freeBits[slot >>> 6] |= 1L << slot;
    freeCount++;
  }

  /** Frees the slot of a cancelled event whose entry has just been dropped. */
  private void dropCancelled(int slot) {
    freeSlot(slot);
    cancelledHeld--;
  }

  /** The slots in the table, free or taken. */
  int slotCapacity() {
    return slotCount;
  }

  // ---- chunks and lists ----

  /** The index in {@link #entries} of entry i of chunk c. */
  private static int entry(int chunk, int i) {
    return ENTRY * (CHUNK * chunk + i);
  }

  /** The entries in the head chunk of a list of the given (positive) length. */
  private static int inHeadChunk(int length) {
    return ((length - 1) & CHUNK_MASK) + 1;
  }

  /** A chunk for the head of a list whose head is {@code head}. */
  private int newChunk(int head) {
    int chunk = freeChunks;
    if (chunk != NONE) {
      freeChunks = nextChunk[chunk];
    } else {
      if (chunkCount == nextChunk.length) {
        int capacity = 2 * nextChunk.length;
        nextChunk = Arrays.copyOf(nextChunk, capacity);
        entries = Arrays.copyOf(entries, ENTRY * CHUNK * capacity);
      }
      chunk = chunkCount++;
    }
    nextChunk[chunk] = head;
    return chunk;
  }

  private void freeChunk(int chunk) {
    nextChunk[chunk] = freeChunks;
    freeChunks = chunk;
  }

  /** Appends an entry to the list (head, length); returns the list's head afterwards. */
  private int append(int head, int length, long time, long sequence, int slot) {
    int i = length & CHUNK_MASK;
    if (i == 0) {
      head = newChunk(head);
    }
    int e = entry(head, i);
    long[] en = entries;
    en[e + TIME] = time;
    en[e + SEQUENCE] = sequence;
    en[e + SLOT] = slot;
    return head;
  }

  private void pushTop(long time, long sequence, int slot) {
    topHead = append(topHead, topCount, time, sequence, slot);
    topCount++;
    if (time < topMin) {
      topMin = time;
    }
    if (time > topMax) {
      topMax = time;
    }
  }

  private void pushBucket(int[] buckets, int bucket, long time, long sequence, int slot) {
    int b = 2 * bucket;
    int length = buckets[b + 1];
    buckets[b] = append(buckets[b], length, time, sequence, slot);
    buckets[b + 1] = length + 1;
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
        moveToFront(head, count);
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
      moveToFront(head, count);
      return;
    }
    long span = max - min;
    int wanted = bucketsFor(count, EVENTS_PER_BUCKET);
    int shift = 0;
    while ((span >>> shift) >= wanted) {
      shift++;
    }
    int bucketCount = (int) (span >>> shift) + 1;
    long lastOffset = ((long) (bucketCount - 1) << shift) + ((1L << shift) - 1);
    long last = min > Long.MAX_VALUE - lastOffset ? Long.MAX_VALUE : min + lastOffset;
    topAbove = last;
    openRung(min, last, shift, bucketCount);
    spread(head, count, 0);
  }

  private void spreadIntoNewRung(int head, int count, long start, long last, int parentShift) {
    int wanted =
        Math.min(bucketsFor(count, EVENTS_PER_SPLIT_BUCKET), 1 << Math.min(parentShift, 24));
    int shift = parentShift - Integer.numberOfTrailingZeros(wanted);
    int bucketCount = (int) ((last - start) >>> shift) + 1;
    openRung(start, last, shift, bucketCount);
    spread(head, count, rungCount - 1);
  }

  /** The power of two at or above count / perBucket, at least 2 and at most MAX_BUCKETS. */
  private static int bucketsFor(int count, int perBucket) {
    int wanted = Math.max(2, Math.min(MAX_BUCKETS, count / perBucket));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  private void openRung(long start, long last, int shift, int bucketCount) {
    widestRung = Math.max(widestRung, bucketCount);
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

  /**
   * Spreads a list into a freshly opened rung. Each chunk is freed once read, so the buckets' new
   * chunks reuse it while it is cached. Cancelled entries go down with the others: telling them
   * apart would read each event's action here, a line at random per event (a million events'
   * actions span 4 MB) that the front reads again anyway, where they are dropped.
   */
  private void spread(int head, int length, int rung) {
    long start = rungStart[rung];
    int shift = rungShift[rung];
    int[] buckets = rungBuckets[rung];
    for (int chunk = head, n = length > 0 ? inHeadChunk(length) : 0; chunk != NONE; n = CHUNK) {
      int next = nextChunk[chunk];
      for (int i = 0; i < n; i++) {
        long[] en = entries;
        int e = entry(chunk, i);
        long time = en[e + TIME];
        long sequence = en[e + SEQUENCE];
        int slot = (int) en[e + SLOT];
        pushBucket(buckets, (int) ((time - start) >>> shift), time, sequence, slot);
      }
      freeChunk(chunk);
      chunk = next;
    }
  }

  /**
   * Loads a list into the empty front, dropping cancelled entries on the way. Checking each entry's
   * action here, entry after entry, loads the actions the polls will need, many at once.
   */
  private void moveToFront(int head, int length) {
    long[] en = entries;
    Runnable[] actions = this.actions;
    for (int chunk = head, n = length > 0 ? inHeadChunk(length) : 0; chunk != NONE; n = CHUNK) {
      int next = nextChunk[chunk];
      for (int i = 0; i < n; i++) {
        int e = entry(chunk, i);
        int slot = (int) en[e + SLOT];
        if (actions[slot] == null) {
          dropCancelled(slot);
        } else {
          front.append(en[e + TIME], en[e + SEQUENCE], slot);
        }
      }
      freeChunk(chunk);
      chunk = next;
    }
    front.endBatch();
  }

  // ---- sweeping cancelled entries ----

  /** Drops every cancelled entry from the top, the rungs and the front, and frees its slot. */
  private void purgeCancelled() {
    topHead = withoutCancelled(topHead, topCount);
    topCount = keptLength;
    if (topCount == 0) {
      topMin = Long.MAX_VALUE;
      topMax = Long.MIN_VALUE;
    }
    for (int j = 0; j < rungCount; j++) {
      int[] buckets = rungBuckets[j];
      for (int b = rungCur[j]; b < rungBucketCount[j]; b++) {
        buckets[2 * b] = withoutCancelled(buckets[2 * b], buckets[2 * b + 1]);
        buckets[2 * b + 1] = keptLength;
      }
    }
    front.retainSlots(
        slot -> {
          if (actions[slot] == null) {
            dropCancelled(slot);
            return false;
          }
          return true;
        });
  }

  /** The length of the list {@link #withoutCancelled} returned last. */
  private int keptLength;

  /**
   * The list (head, length) without its cancelled entries, whose slots are freed; returns its new
   * head, and its new length in {@link #keptLength}. The kept entries are appended to a new list,
   * whose chunks may reuse those of the old one already read.
   */
  private int withoutCancelled(int head, int length) {
    int newHead = NONE;
    int kept = 0;
    for (int chunk = head, n = length > 0 ? inHeadChunk(length) : 0; chunk != NONE; n = CHUNK) {
      int next = nextChunk[chunk];
      for (int i = 0; i < n; i++) {
        int e = entry(chunk, i);
        long time = entries[e + TIME];
        long sequence = entries[e + SEQUENCE];
        int slot = (int) entries[e + SLOT];
        if (actions[slot] == null) {
          dropCancelled(slot);
        } else {
          newHead = append(newHead, kept++, time, sequence, slot);
        }
      }
      freeChunk(chunk);
      chunk = next;
    }
    keptLength = kept;
    return newHead;
  }
}
