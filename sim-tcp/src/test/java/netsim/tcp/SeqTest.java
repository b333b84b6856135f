package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeqTest {
  private static final int NEAR_WRAP = (int) 0xFFFF_FFF0L;

  @Test
  void comparisonsHoldAcrossTheWrapAt2To32() {
    int before = NEAR_WRAP;
    int after = NEAR_WRAP + 0x20; // wrapped past zero
    assertThat(after).isEqualTo(0x10);
    assertThat(Seq.lt(before, after)).isTrue();
    assertThat(Seq.gt(after, before)).isTrue();
    assertThat(Seq.le(before, before)).isTrue();
    assertThat(Seq.ge(after, before)).isTrue();
    assertThat(Seq.diff(after, before)).isEqualTo(0x20);
    assertThat(Seq.max(before, after)).isEqualTo(after);
  }

  @Test
  void windowTestAcrossTheWrap() {
    assertThat(Seq.inWindow(5, NEAR_WRAP, 100)).isTrue();
    assertThat(Seq.inWindow(NEAR_WRAP - 1, NEAR_WRAP, 100)).isFalse();
    assertThat(Seq.inWindow(NEAR_WRAP + 100, NEAR_WRAP, 100)).isFalse();
    assertThat(Seq.inWindow(NEAR_WRAP + 99, NEAR_WRAP, 100)).isTrue();
  }

  @Test
  void unsignedValueForTraces() {
    assertThat(Seq.unsigned(-1)).isEqualTo(4_294_967_295L);
  }

  @Property
  void addingAPositiveDistanceAlwaysCompareesGreater(
      @ForAll int start, @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int distance) {
    int later = start + distance;
    assertThat(Seq.lt(start, later)).isTrue();
    assertThat(Seq.diff(later, start)).isEqualTo(distance);
  }
}
