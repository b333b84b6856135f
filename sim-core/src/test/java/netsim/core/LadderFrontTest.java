package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The ladder's front keeps exact (time, sequence) order across its sorted run and its heap: for
 * small and large batches, direct adds into a full run, and sweeps.
 */
class LadderFrontTest {
  private record Entry(long time, long sequence, int slot) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::time).thenComparingLong(Entry::sequence);

  @Test
  void aSmallBatchLeavesInTimeThenSequenceOrder() {
    LadderFront front = new LadderFront();
    front.append(30, 1, 0);
    front.append(10, 5, 1);
    front.append(30, 0, 2);
    front.append(10, 2, 3);
    front.endBatch();
    List<Integer> slots = new ArrayList<>();
    while (!front.isEmpty()) {
      slots.add(front.minSlot());
      front.removeMin();
    }
    assertThat(slots).containsExactly(3, 1, 2, 0);
  }

  @Property(tries = 200)
  void batchesAddsAndSweepsOfAnySizeLeaveInTheReferenceOrder(@ForAll long seed) {
    UniformRandomProvider random = new RandomStreams(seed).get("front");
    LadderFront front = new LadderFront();
    PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
    // Some runs use times spanning more than a packed sort key holds.
    boolean wide = random.nextBoolean();
    long sequence = 0;
    int slot = 0;
    for (int step = 0; step < 400; step++) {
      int choice = random.nextInt(10);
      if (front.isEmpty() && choice < 3) {
        // A batch, sometimes larger than the run.
        int count = random.nextInt(3) == 0 ? random.nextInt(4 * LadderFront.RUN_LIMIT) : 8;
        for (int i = 0; i < count; i++) {
          Entry entry = new Entry(time(random, wide), sequence++, slot++);
          front.append(entry.time(), entry.sequence(), entry.slot());
          reference.add(entry);
        }
        front.endBatch();
      } else if (choice < 6) {
        Entry entry = new Entry(time(random, wide), sequence++, slot++);
        front.add(entry.time(), entry.sequence(), entry.slot());
        reference.add(entry);
      } else if (choice == 6) {
        int modulus = 2 + random.nextInt(3);
        front.retainSlots(s -> s % modulus != 0);
        reference.removeIf(entry -> entry.slot() % modulus == 0);
      } else if (!reference.isEmpty()) {
        Entry expected = reference.poll();
        assertThat(front.minTime()).isEqualTo(expected.time());
        assertThat(front.minSequence()).isEqualTo(expected.sequence());
        assertThat(front.minSlot()).isEqualTo(expected.slot());
        front.removeMin();
      }
      assertThat(front.size()).isEqualTo(reference.size());
    }
  }

  /** Few distinct times, so that many are equal; when wide, some anywhere up to Long.MAX_VALUE. */
  private static long time(UniformRandomProvider random, boolean wide) {
    return wide && random.nextInt(4) == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextInt(50);
  }
}
