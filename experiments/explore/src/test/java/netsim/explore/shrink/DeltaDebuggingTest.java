package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ddmin finds a 1-minimal subset, keeps the elements' order, and tests each subset once. */
class DeltaDebuggingTest {
  private final List<String> progress = new ArrayList<>();

  private static List<Integer> upTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void oneCulpritAmongAHundred_isFoundInAFewTests() {
    DeltaDebugging<Integer> dd =
        new DeltaDebugging<>(upTo(100), s -> s.contains(37), progress::add);
    assertThat(dd.minimize()).containsExactly(37);
    assertThat(dd.tests()).isLessThan(20);
    assertThat(progress).first().isEqualTo("ddmin: 100 -> 50 (2 tests)");
  }

  @Test
  void culpritsThatOnlyActTogether_areAllKept_inTheirOrder() {
    DeltaDebugging<Integer> dd =
        new DeltaDebugging<>(
            upTo(64), s -> s.contains(3) && s.contains(40) && s.contains(41), progress::add);
    assertThat(dd.minimize()).containsExactly(3, 40, 41);
  }

  @Test
  void theResultIsOneMinimal_removingAnyElementBreaksIt() {
    // Holds when the subset sums to at least 100: many minimal answers, ddmin finds one.
    List<Integer> items = List.of(5, 60, 7, 30, 45, 2, 80, 11);
    DeltaDebugging<Integer> dd =
        new DeltaDebugging<>(
            items, s -> s.stream().mapToInt(Integer::intValue).sum() >= 100, progress::add);
    List<Integer> minimal = dd.minimize();
    assertThat(minimal.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(100);
    for (int i = 0; i < minimal.size(); i++) {
      List<Integer> without = new ArrayList<>(minimal);
      without.remove(i);
      assertThat(without.stream().mapToInt(Integer::intValue).sum()).isLessThan(100);
    }
  }

  @Test
  void whenTheTestHoldsWithoutAnything_nothingIsKept() {
    DeltaDebugging<Integer> dd = new DeltaDebugging<>(upTo(10), s -> true, progress::add);
    assertThat(dd.minimize()).isEmpty();
    assertThat(dd.tests()).isEqualTo(1);
  }

  @Test
  void noSubsetIsTestedTwice() {
    List<List<Integer>> tested = new ArrayList<>();
    DeltaDebugging<Integer> dd =
        new DeltaDebugging<>(
            upTo(40),
            s -> {
              tested.add(s);
              return s.contains(7) && s.contains(33);
            },
            progress::add);
    dd.minimize();
    assertThat(tested).doesNotHaveDuplicates().hasSize(dd.tests());
  }
}
