package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", IEEE TSE
 * 2002): the smallest subset of a list that still makes a test pass, 1-minimal (removing any one
 * element breaks it). It splits the list into n parts and tries each part, then each part's
 * complement; a success continues with what passed (and coarser parts), a failure with finer parts,
 * until the parts are single elements. Tests are cached by subset; the elements keep their order.
 */
final class DeltaDebugging<T> {
  private final List<T> items;
  private final Predicate<List<T>> test;
  private final Consumer<String> progress;
  private final Map<BitSet, Boolean> cache = new HashMap<>();
  private int tests;

  /**
   * @param test whether a subset still shows what we are after (it must hold for {@code items})
   * @param progress told of each reduction, in words
   */
  DeltaDebugging(List<T> items, Predicate<List<T>> test, Consumer<String> progress) {
    this.items = List.copyOf(items);
    this.test = test;
    this.progress = progress;
  }

  /** How many subsets were actually tested (cache hits excluded). */
  int tests() {
    return tests;
  }

  /** A 1-minimal subset of the items for which the test holds. */
  List<T> minimize() {
    BitSet all = new BitSet();
    all.set(0, items.size());
    if (passes(new BitSet())) {
      progress.accept("ddmin: the test holds without any of the " + items.size() + "; 0 kept");
      return List.of();
    }
    BitSet current = all;
    int n = 2;
    while (current.cardinality() >= 2) {
      List<BitSet> parts = split(current, n);
      BitSet next = null;
      int nextN = n;
      for (BitSet part : parts) {
        if (passes(part)) {
          next = part;
          nextN = 2;
          break;
        }
      }
      if (next == null && n > 2) {
        for (BitSet part : parts) {
          BitSet complement = (BitSet) current.clone();
          complement.andNot(part);
          if (passes(complement)) {
            next = complement;
            nextN = Math.max(n - 1, 2);
            break;
          }
        }
      }
      if (next != null) {
        progress.accept(
            "ddmin: "
                + current.cardinality()
                + " -> "
                + next.cardinality()
                + " ("
                + tests
                + " tests)");
        current = next;
        n = nextN;
      } else if (n >= current.cardinality()) {
        break;
      } else {
        n = Math.min(2 * n, current.cardinality());
      }
    }
    return subset(current);
  }

  private boolean passes(BitSet chosen) {
    Boolean known = cache.get(chosen);
    if (known != null) {
      return known;
    }
    tests++;
    boolean result = test.test(subset(chosen));
    cache.put((BitSet) chosen.clone(), result);
    return result;
  }

  private List<T> subset(BitSet chosen) {
    List<T> subset = new ArrayList<>(chosen.cardinality());
    for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
      subset.add(items.get(i));
    }
    return subset;
  }

  /** {@code set} cut into {@code n} parts of consecutive elements, as equal as can be. */
  private static List<BitSet> split(BitSet set, int n) {
    int[] members = set.stream().toArray();
    List<BitSet> parts = new ArrayList<>(n);
    int start = 0;
    for (int i = 0; i < n; i++) {
      int end = start + (members.length - start) / (n - i);
      BitSet part = new BitSet();
      for (int j = start; j < end; j++) {
        part.set(members[j]);
      }
      parts.add(part);
      start = end;
    }
    return parts;
  }
}
