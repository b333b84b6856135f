package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The ordering and removal contract that every {@link EventQueue} meets; one subclass per
 * implementation.
 */
abstract class EventQueueContractTest {

  abstract EventQueue newQueue();

  private static Runnable named(List<String> ran, String name) {
    return () -> ran.add(name);
  }

  private static List<String> drain(EventQueue queue, List<String> ran) {
    while (!queue.isEmpty()) {
      queue.poll().run();
    }
    return ran;
  }

  @Test
  void pollsInTimeOrder() {
    EventQueue queue = newQueue();
    List<String> ran = new ArrayList<>();
    queue.add(30, 0, named(ran, "c"));
    queue.add(10, 1, named(ran, "a"));
    queue.add(20, 2, named(ran, "b"));
    assertThat(drain(queue, ran)).containsExactly("a", "b", "c");
  }

  @Test
  void sameTimeEventsPollInSequenceOrder() {
    EventQueue queue = newQueue();
    List<String> ran = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      queue.add(5, i, named(ran, "e" + i));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("e" + i);
    }
    assertThat(drain(queue, ran)).containsExactlyElementsOf(expected);
  }

  @Test
  void peekShowsTheEarliestTimeAndSequence() {
    EventQueue queue = newQueue();
    queue.add(50, 7, () -> {});
    queue.add(40, 9, () -> {});
    queue.add(40, 8, () -> {});
    assertThat(queue.peekTime()).isEqualTo(40);
    assertThat(queue.peekSequence()).isEqualTo(8);
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void removedEventsNeverPoll() {
    EventQueue queue = newQueue();
    List<String> ran = new ArrayList<>();
    queue.add(1, 0, named(ran, "a"));
    long b = queue.add(2, 1, named(ran, "b"));
    queue.add(3, 2, named(ran, "c"));
    assertThat(queue.remove(b)).isTrue();
    assertThat(queue.size()).isEqualTo(2);
    assertThat(drain(queue, ran)).containsExactly("a", "c");
  }

  @Test
  void removingTwiceOrAfterPollReturnsFalse() {
    EventQueue queue = newQueue();
    long a = queue.add(1, 0, () -> {});
    long b = queue.add(2, 1, () -> {});
    assertThat(queue.remove(b)).isTrue();
    assertThat(queue.remove(b)).isFalse();
    queue.poll();
    assertThat(queue.remove(a)).isFalse();
    assertThat(queue.remove(EventQueue.NO_HANDLE)).isFalse();
  }

  @Test
  void aStaleHandleNeverRemovesALaterEvent() {
    EventQueue queue = newQueue();
    List<String> ran = new ArrayList<>();
    long old = queue.add(1, 0, named(ran, "old"));
    queue.poll();
    long fresh = queue.add(2, 1, named(ran, "new"));
    assertThat(fresh).isNotEqualTo(old);
    assertThat(queue.remove(old)).isFalse();
    assertThat(drain(queue, ran)).containsExactly("new");
  }

  @Test
  void removingTheEarliestRevealsTheNext() {
    EventQueue queue = newQueue();
    long first = queue.add(1, 0, () -> {});
    queue.add(9, 1, () -> {});
    queue.add(5, 2, () -> {});
    queue.remove(first);
    assertThat(queue.peekTime()).isEqualTo(5);
  }

  @Test
  void growsBeyondItsInitialCapacity() {
    EventQueue queue = newQueue();
    for (int i = 0; i < 10_000; i++) {
      queue.add(10_000 - i, i, () -> {});
    }
    long previous = -1;
    while (!queue.isEmpty()) {
      long time = queue.peekTime();
      assertThat(time).isGreaterThan(previous);
      previous = time;
      queue.poll();
    }
  }

  /** An action with an identity of its own, so that each can be watched for collection. */
  private static final class Noop implements Runnable {
    @Override
    public void run() {}
  }

  /**
   * Adds 200 events over 50 times, peeks (so that a bucketed queue loads its earliest events), then
   * cancels those {@code cancel} picks and polls the rest until the queue is empty. Returns only
   * weak references to the actions, so that nothing but the queue can keep them.
   */
  private static List<WeakReference<Runnable>> addThenEmpty(EventQueue queue, IntPredicate cancel) {
    List<WeakReference<Runnable>> watched = new ArrayList<>();
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Runnable action = new Noop();
      watched.add(new WeakReference<>(action));
      handles.add(queue.add(7L * (i % 50), i, action));
    }
    assertThat(queue.peekTime()).isZero();
    for (int i = 0; i < handles.size(); i++) {
      if (cancel.test(i)) {
        assertThat(queue.remove(handles.get(i))).isTrue();
      }
    }
    while (!queue.isEmpty()) {
      queue.poll();
    }
    return watched;
  }

  private static void assertAllCollected(List<WeakReference<Runnable>> watched)
      throws InterruptedException {
    for (int attempt = 0;
        attempt < 20 && watched.stream().anyMatch(reference -> reference.get() != null);
        attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(watched)
        .as("actions still reachable from the emptied queue")
        .allSatisfy(reference -> assertThat(reference.get()).isNull());
  }

  @Test
  void polledEvents_leaveNoReferenceToTheirActions() throws InterruptedException {
    EventQueue queue = newQueue();
    List<WeakReference<Runnable>> watched = addThenEmpty(queue, i -> false);
    assertAllCollected(watched);
    assertThat(queue.size()).isZero();
  }

  @Test
  void cancelledEvents_leaveNoReferenceToTheirActions_onceTheQueueIsEmpty()
      throws InterruptedException {
    EventQueue queue = newQueue();
    List<WeakReference<Runnable>> watched = addThenEmpty(queue, i -> true);
    assertAllCollected(watched);
    assertThat(queue.size()).isZero();
  }

  @Test
  void someCancelledSomePolled_leaveNoReferenceToTheirActions() throws InterruptedException {
    EventQueue queue = newQueue();
    List<WeakReference<Runnable>> watched = addThenEmpty(queue, i -> i % 3 != 0);
    assertAllCollected(watched);
    assertThat(queue.size()).isZero();
  }
}
