package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The contract, plus the cases a bucketed structure can get wrong and a heap cannot: long runs of
 * equal times, times far from zero, spans as wide as a {@code long}, heavy cancellation and skewed
 * delay distributions that crowd a few buckets. Every case asserts the exact (time, sequence)
 * order, against an explicit sort or the {@link PriorityQueueEventQueue} reference.
 */
class LadderEventQueueTest extends EventQueueContractTest {
  @Override
  EventQueue newQueue() {
    return new LadderEventQueue(4);
  }

  /** An event as the test sees it: its keys, and a name its action reports. */
  private record Key(long time, long sequence) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparingLong(Key::time).thenComparingLong(Key::sequence);

  private static Runnable reporting(List<Key> ran, long time, long sequence) {
    Key key = new Key(time, sequence);
    return () -> ran.add(key);
  }

  /** Adds every key (in the given order), drains, and returns the keys in the order they left. */
  private static List<Key> addAllThenDrain(EventQueue queue, List<Key> added) {
    List<Key> ran = new ArrayList<>();
    for (Key key : added) {
      queue.add(key.time(), key.sequence(), reporting(ran, key.time(), key.sequence()));
    }
    drain(queue);
    return ran;
  }

  private static void drain(EventQueue queue) {
    while (!queue.isEmpty()) {
      long time = queue.peekTime();
      long sequence = queue.peekSequence();
      int before = queue.size();
      queue.poll().run();
      assertThat(queue.size()).isEqualTo(before - 1);
      assertThat(time).isGreaterThanOrEqualTo(0);
      assertThat(sequence).isGreaterThanOrEqualTo(0);
    }
  }

  private static List<Key> sorted(List<Key> keys) {
    List<Key> copy = new ArrayList<>(keys);
    copy.sort(ORDER);
    return copy;
  }

  @Test
  void tenThousandEqualTimesAddedInShuffledSequenceOrderLeaveInSequenceOrder() {
    UniformRandomProvider random = new RandomStreams(1).get("test");
    int[] sequences = new PermutationSampler(random, 20_000, 20_000).sample();
    List<Key> added = new ArrayList<>();
    for (int i = 0; i < sequences.length; i++) {
      // Half at one time, the rest spread around it, so the crowded time shares buckets.
      long time = i % 2 == 0 ? 5_000 : random.nextLong(10_000);
      added.add(new Key(time, sequences[i]));
    }
    assertThat(addAllThenDrain(new LadderEventQueue(), added))
        .containsExactlyElementsOf(sorted(added));
  }

  @Test
  void allEventsAtOneTimeLeaveInSequenceOrderThroughEveryRungSplit() {
    List<Key> added = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      added.add(new Key(Long.MAX_VALUE / 2, 4_999 - i));
    }
    // Two far events stretch the first rung so the crowded time's bucket is split repeatedly.
    added.add(new Key(0, 10_000));
    added.add(new Key(Long.MAX_VALUE, 10_001));
    assertThat(addAllThenDrain(new LadderEventQueue(), added))
        .containsExactlyElementsOf(sorted(added));
  }

  @Test
  void timesNearHalfOfLongMaxAndUpToLongMaxLeaveInOrder() {
    UniformRandomProvider random = new RandomStreams(2).get("test");
    long base = Long.MAX_VALUE / 2;
    List<Key> added = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      long time;
      switch (i % 4) {
        case 0 -> time = base + random.nextLong(1_000);
        case 1 -> time = base + random.nextLong(base);
        case 2 -> time = Long.MAX_VALUE - random.nextLong(3);
        default -> time = base - random.nextLong(1_000_000_000L);
      }
      added.add(new Key(time, i));
    }
    assertThat(addAllThenDrain(new LadderEventQueue(), added))
        .containsExactlyElementsOf(sorted(added));
  }

  @Test
  void interleavedAddsPollsAndHeavyCancellationMatchTheReferenceExactly() {
    UniformRandomProvider random = new RandomStreams(3).get("test");
    EventQueue ladder = new LadderEventQueue();
    EventQueue reference = new PriorityQueueEventQueue();
    List<Key> ladderRan = new ArrayList<>();
    List<Key> referenceRan = new ArrayList<>();
    List<long[]> pending = new ArrayList<>(); // {ladder handle, reference handle}
    long now = 0;
    long sequence = 0;
    int cancelled = 0;
    for (int step = 0; step < 60_000; step++) {
      int choice = random.nextInt(10);
      if (choice < 4) {
        // Delays from a few nanoseconds to seconds, with many repeats.
        long delay = random.nextInt(3) == 0 ? random.nextInt(4) : random.nextLong(1L << 30);
        long time = now + delay;
        long seq = sequence++;
        pending.add(
            new long[] {
              ladder.add(time, seq, reporting(ladderRan, time, seq)),
              reference.add(time, seq, reporting(referenceRan, time, seq))
            });
      } else if (choice < 8 && !pending.isEmpty()) {
        long[] victim = pending.remove(random.nextInt(pending.size()));
        boolean inReference = reference.remove(victim[1]);
        assertThat(ladder.remove(victim[0])).isEqualTo(inReference);
        assertThat(ladder.remove(victim[0])).isFalse();
        cancelled += inReference ? 1 : 0;
      } else if (!reference.isEmpty()) {
        assertThat(ladder.peekTime()).isEqualTo(reference.peekTime());
        assertThat(ladder.peekSequence()).isEqualTo(reference.peekSequence());
        now = reference.peekTime();
        ladder.poll().run();
        reference.poll().run();
      }
      assertThat(ladder.size()).isEqualTo(reference.size());
    }
    drain(ladder);
    drain(reference);
    assertThat(cancelled).isGreaterThan(10_000);
    assertThat(ladderRan).hasSizeGreaterThan(5_000).isEqualTo(referenceRan);
  }

  @Test
  void holdModelWithBimodalDelaysMatchesTheReferenceExactly() {
    UniformRandomProvider random = new RandomStreams(4).get("test");
    // 99% of delays within 1 us, 1% around one second: most buckets empty, a few crowded.
    holdMatchesReference(
        () ->
            random.nextInt(100) == 0
                ? 1_000_000_000L + random.nextInt(1_000)
                : random.nextInt(1_000));
  }

  @Test
  void holdModelWithParetoDelaysMatchesTheReferenceExactly() {
    UniformRandomProvider random = new RandomStreams(5).get("test");
    // Heavy tail (shape 1.1): a few delays dwarf the rest and stretch every rung.
    ContinuousSampler pareto = InverseTransformParetoSampler.of(random, 1_000, 1.1);
    holdMatchesReference(() -> (long) Math.min(pareto.sample(), 1e15));
  }

  private interface Delays {
    long next();
  }

  @Test
  void aHundredThousandPendingEvents_spreadIntoRungsOfAtMostMaxBuckets_inTheReferenceOrder() {
    UniformRandomProvider random = new RandomStreams(9).get("test");
    ContinuousSampler exponential = ZigguratSampler.Exponential.of(random, 1_000_000);
    // Uncapped, the first rung would take 65 536 buckets (two events each).
    LadderEventQueue ladder =
        holdMatchesReference(() -> Math.round(exponential.sample()), 100_000, 200_000);
    assertThat(ladder.widestRung())
        .isLessThanOrEqualTo(LadderEventQueue.MAX_BUCKETS)
        .isGreaterThan(LadderEventQueue.MAX_BUCKETS / 2);
  }

  /** Keeps 20 000 events pending, polling the earliest and adding one per step, on both queues. */
  private static void holdMatchesReference(Delays delays) {
    holdMatchesReference(delays, 20_000, 100_000);
  }

  /**
   * Keeps {@code pending} events pending for {@code steps} steps, polling the earliest and adding
   * one per step, on the ladder and the reference; returns the ladder, drained.
   */
  private static LadderEventQueue holdMatchesReference(Delays delays, int pending, int steps) {
    LadderEventQueue ladder = new LadderEventQueue();
    EventQueue reference = new PriorityQueueEventQueue();
    List<Key> ladderRan = new ArrayList<>();
    List<Key> referenceRan = new ArrayList<>();
    long sequence = 0;
    for (int i = 0; i < pending; i++) {
      long time = delays.next();
      long seq = sequence++;
      ladder.add(time, seq, reporting(ladderRan, time, seq));
      reference.add(time, seq, reporting(referenceRan, time, seq));
    }
    for (int step = 0; step < steps; step++) {
      long now = reference.peekTime();
      assertThat(ladder.peekTime()).isEqualTo(now);
      ladder.poll().run();
      reference.poll().run();
      long time = now + delays.next();
      long seq = sequence++;
      ladder.add(time, seq, reporting(ladderRan, time, seq));
      reference.add(time, seq, reporting(referenceRan, time, seq));
    }
    drain(ladder);
    drain(reference);
    assertThat(ladderRan).hasSize(pending + steps).isEqualTo(referenceRan);
    return ladder;
  }

  @Test
  void nearEventsBesideFarTimers_keepFiveRungsOpen_andEveryDepthTakesAddsInTheReferenceOrder() {
    UniformRandomProvider random = new RandomStreams(10).get("test");
    LadderEventQueue ladder = new LadderEventQueue();
    EventQueue reference = new PriorityQueueEventQueue();
    List<Key> ladderRan = new ArrayList<>();
    List<Key> referenceRan = new ArrayList<>();
    long sequence = 0;
    // A hundred timers 10 000 to 20 000 s ahead stretch rung 0 over hours, so that a thousand
    // near events, held a few milliseconds apart, split rung after rung below it.
    for (int i = 0; i < 1_100; i++) {
      long time =
          i < 100
              ? 10_000_000_000_000L + random.nextLong(10_000_000_000_000L)
              : random.nextLong(2_000_000);
      long seq = sequence++;
      ladder.add(time, seq, reporting(ladderRan, time, seq));
      reference.add(time, seq, reporting(referenceRan, time, seq));
    }
    int deepest = 0;
    for (int step = 0; step < 200_000; step++) {
      assertThat(ladder.peekTime()).isEqualTo(reference.peekTime());
      assertThat(ladder.peekSequence()).isEqualTo(reference.peekSequence());
      long now = reference.peekTime();
      ladder.poll().run();
      reference.poll().run();
      // Mostly the next hop of a near event; one add in twenty at any scale up to 2^44 ns (five
      // hours), so that every open rung, the front and the top take some; ties at now too.
      long delay =
          switch (step % 20) {
            case 0 -> random.nextLong(1L << random.nextInt(45));
            case 10 -> 0;
            default -> random.nextLong(2_000_000);
          };
      long time = now + delay;
      long seq = sequence++;
      ladder.add(time, seq, reporting(ladderRan, time, seq));
      reference.add(time, seq, reporting(referenceRan, time, seq));
      deepest = Math.max(deepest, ladder.openRungs());
    }
    drain(ladder);
    drain(reference);
    assertThat(deepest).isGreaterThanOrEqualTo(5);
    assertThat(ladderRan).hasSize(201_100).isEqualTo(referenceRan);
  }

  @Test
  void cancellingFarMoreEventsThanArePending_sweepsTheCancelledRecords_andKeepsTheOrder() {
    UniformRandomProvider random = new RandomStreams(6).get("test");
    LadderEventQueue ladder = new LadderEventQueue();
    EventQueue reference = new PriorityQueueEventQueue();
    List<Key> ladderRan = new ArrayList<>();
    List<Key> referenceRan = new ArrayList<>();
    int timers = 100;
    long[][] handles = new long[timers][2];
    long sequence = 0;
    long now = 0;
    int maxHeld = 0;
    // Far-future timers restarted by cancel-and-add 300 000 times, a few polls between.
    for (int step = 0; step < 300_000; step++) {
      int t = step % timers;
      if (step >= timers) {
        assertThat(ladder.remove(handles[t][0])).isEqualTo(reference.remove(handles[t][1]));
      }
      long time = now + 1_000_000_000L + random.nextLong(1_000_000_000L);
      long seq = sequence++;
      handles[t][0] = ladder.add(time, seq, reporting(ladderRan, time, seq));
      handles[t][1] = reference.add(time, seq, reporting(referenceRan, time, seq));
      if (step % 1000 == 999) {
        now = reference.peekTime();
        assertThat(ladder.peekTime()).isEqualTo(now);
        ladder.poll().run();
        reference.poll().run();
      }
      maxHeld = Math.max(maxHeld, ladder.heldRecords());
    }
    assertThat(maxHeld)
        .isLessThanOrEqualTo(
            (LadderEventQueue.PURGE_FACTOR + 1) * timers + LadderEventQueue.PURGE_MARGIN + 1);
    drain(ladder);
    drain(reference);
    assertThat(ladderRan).hasSizeGreaterThan(timers).isEqualTo(referenceRan);
  }

  @Test
  void bucketsOfManyChunks_withCancelledEntriesInEveryChunk_leaveInTheReferenceOrder() {
    UniformRandomProvider random = new RandomStreams(7).get("test");
    LadderEventQueue ladder = new LadderEventQueue();
    EventQueue reference = new PriorityQueueEventQueue();
    List<Key> ladderRan = new ArrayList<>();
    List<Key> referenceRan = new ArrayList<>();
    List<long[]> handles = new ArrayList<>();
    // 40 distinct times and 100 far ones: buckets, the top and the front hold lists of many
    // chunks (crowded ones split into finer rungs), and every chunk loses some entries.
    for (int i = 0; i < 4_000; i++) {
      long time = i % 40 == 0 ? 1_000_000 + random.nextLong(1_000_000) : 3L * random.nextInt(40);
      handles.add(
          new long[] {
            ladder.add(time, i, reporting(ladderRan, time, i)),
            reference.add(time, i, reporting(referenceRan, time, i))
          });
    }
    for (int i = 0; i < handles.size(); i++) {
      if (i % 3 == 1 || i % LadderEventQueue.CHUNK == 0) {
        assertThat(ladder.remove(handles.get(i)[0])).isTrue();
        reference.remove(handles.get(i)[1]);
      }
    }
    drain(ladder);
    drain(reference);
    assertThat(ladderRan).hasSizeGreaterThan(2_000).isEqualTo(referenceRan);
  }

  @Test
  void holdingTenThousandEventsForTwentyTimesAsManySteps_reusesChunks() {
    UniformRandomProvider random = new RandomStreams(8).get("test");
    int pending = 10_000;
    LadderEventQueue ladder = new LadderEventQueue();
    long sequence = 0;
    for (int i = 0; i < pending; i++) {
      ladder.add(random.nextLong(1_000_000), sequence++, () -> {});
    }
    for (int step = 0; step < 20 * pending; step++) {
      long now = ladder.peekTime();
      ladder.poll();
      ladder.add(now + random.nextLong(1_000_000), sequence++, () -> {});
    }
    // At most one chunk per entry (a list of one) and one per CHUNK entries: a chunk not freed
    // when its list moves on would make the pool grow with the steps instead.
    assertThat(ladder.chunksAllocated())
        .isLessThanOrEqualTo(pending + pending / LadderEventQueue.CHUNK);
    assertThat(ladder.size()).isEqualTo(pending);
  }

  @Test
  void aCancelledEventsHandle_staysDead_afterItsSlotIsDroppedAndTakenByALaterEvent() {
    LadderEventQueue ladder = new LadderEventQueue(4);
    List<Key> ran = new ArrayList<>();
    long cancelled = ladder.add(5, 0, reporting(ran, 5, 0));
    assertThat(ladder.remove(cancelled)).isTrue();
    assertThat(ladder.heldRecords()).isEqualTo(1);
    assertThat(ladder.isEmpty()).isTrue();
    ladder.add(9, 1, reporting(ran, 9, 1));
    assertThat(ladder.peekTime()).isEqualTo(9); // drops the cancelled entry, freeing its slot
    assertThat(ladder.heldRecords()).isEqualTo(1);
    // The cursor comes back to the freed slot once it has swept the rest of the table; events
    // added on the way are polled at once, so that the table does not grow.
    long later = NO_SLOT;
    int sequence = 2;
    for (; sequence < 2 + ladder.slotCapacity(); sequence++) {
      long handle = ladder.add(7, sequence, reporting(ran, 7, sequence));
      if ((int) handle == (int) cancelled) {
        later = handle;
        break;
      }
      ladder.poll();
    }
    assertThat(later).isNotEqualTo(NO_SLOT);
    assertThat(later).isNotEqualTo(cancelled);
    assertThat(ladder.remove(cancelled)).isFalse();
    assertThat(ladder.size()).isEqualTo(2);
    drain(ladder);
    assertThat(ran).containsExactly(new Key(7, sequence), new Key(9, 1));
  }

  private static final long NO_SLOT = Long.MIN_VALUE;

  @Test
  void slotsAreTakenInAddressOrder_wrappingPastTakenOnes_andTheTableGrowsBeforeItIsCrowded() {
    LadderEventQueue ladder = new LadderEventQueue(64);
    assertThat(ladder.slotCapacity()).isEqualTo(64);
    List<Key> ran = new ArrayList<>();
    long[] handles = new long[32];
    for (int i = 0; i < 32; i++) {
      handles[i] = ladder.add(100 + i, i, reporting(ran, 100 + i, i));
      assertThat((int) handles[i]).isEqualTo(i);
    }
    // Cancel slot 5 and poll 23 events: slots 0..23 are free again (5 when its entry is dropped).
    assertThat(ladder.remove(handles[5])).isTrue();
    for (int i = 0; i < 23; i++) {
      ladder.poll();
    }
    assertThat(ladder.heldRecords()).isEqualTo(8);
    // The cursor goes on to the end of the table, then wraps to the freed slots, in address order.
    for (int i = 32; i < 64; i++) {
      assertThat((int) ladder.add(200 + i, i, reporting(ran, 200 + i, i))).isEqualTo(i);
    }
    for (int i = 0; i < 8; i++) {
      assertThat((int) ladder.add(300 + i, 64 + i, reporting(ran, 300 + i, 64 + i))).isEqualTo(i);
    }
    assertThat(ladder.slotCapacity()).isEqualTo(64);
    // 16 of 64 slots free: a quarter, so the table doubles and the cursor moves to its new half.
    assertThat((int) ladder.add(308, 72, reporting(ran, 308, 72))).isEqualTo(64);
    assertThat(ladder.slotCapacity()).isEqualTo(128);
    // A handle taken before the table grew still works, once.
    assertThat(ladder.remove(handles[31])).isTrue();
    assertThat(ladder.remove(handles[31])).isFalse();
    List<Long> times = new ArrayList<>();
    while (!ladder.isEmpty()) {
      times.add(ladder.peekTime());
      ladder.poll();
    }
    assertThat(times).isSorted().hasSize(7 + 32 + 9).doesNotContain(131L);
  }

  @Test
  void aCrowdedBucket_splitsIntoAFinerRungOfSixteenEventsPerBucket_whichReachTheFrontOneByOne() {
    LadderEventQueue ladder = new LadderEventQueue();
    List<Key> added = new ArrayList<>();
    // 1 024 events two ns apart, then one far away: rung 0 gets 489 buckets 2 048 ns wide, and
    // its first bucket, holding all 1 024, splits into 64 buckets of 16.
    for (int i = 0; i < 1024; i++) {
      added.add(new Key(2L * i, 1023 - i));
    }
    added.add(new Key(1_000_000, 1024));
    List<Key> ran = new ArrayList<>();
    for (Key key : added) {
      ladder.add(key.time(), key.sequence(), reporting(ran, key.time(), key.sequence()));
    }
    assertThat(ladder.peekTime()).isZero();
    assertThat(ladder.openRungs()).isEqualTo(2);
    assertThat(ladder.bucketsOfRung(0)).isEqualTo(489);
    assertThat(ladder.bucketsOfRung(1))
        .isEqualTo(1024 / LadderEventQueue.EVENTS_PER_SPLIT_BUCKET)
        .isEqualTo(64);
    assertThat(ladder.frontSize()).isEqualTo(LadderEventQueue.EVENTS_PER_SPLIT_BUCKET);
    drain(ladder);
    assertThat(ran).isEqualTo(sorted(added));
  }

  @Test
  void cancelledEntriesOfACrowdedBucket_goDownWithTheOthers_andAreDroppedAtTheFront() {
    LadderEventQueue ladder = new LadderEventQueue();
    List<Key> kept = new ArrayList<>();
    List<Key> ran = new ArrayList<>();
    List<Long> cancelled = new ArrayList<>();
    // The crowded bucket of the test above, every other event cancelled before anything moves.
    for (int i = 0; i < 1024; i++) {
      long handle = ladder.add(2L * i, i, reporting(ran, 2L * i, i));
      if (i % 2 == 1) {
        cancelled.add(handle);
      } else {
        kept.add(new Key(2L * i, i));
      }
    }
    ladder.add(1_000_000, 1024, reporting(ran, 1_000_000, 1024));
    kept.add(new Key(1_000_000, 1024));
    for (long handle : cancelled) {
      assertThat(ladder.remove(handle)).isTrue();
    }
    assertThat(ladder.heldRecords()).isEqualTo(1025);
    assertThat(ladder.peekTime()).isZero();
    // Only the front's first bucket has been looked at: 8 live, 8 cancelled and dropped.
    assertThat(ladder.frontSize()).isEqualTo(8);
    assertThat(ladder.heldRecords()).isEqualTo(1025 - 8);
    for (long handle : cancelled) {
      assertThat(ladder.remove(handle)).isFalse();
    }
    drain(ladder);
    assertThat(ran).isEqualTo(kept);
    assertThat(ladder.heldRecords()).isZero();
  }
}
