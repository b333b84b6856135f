package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where writes end: which segments hold one, and forgetting what is acknowledged. */
class WriteEndsTest {
  @Test
  void segmentHoldsAWriteEnd_whenOneLiesInItsRangeEndInclusive() {
    WriteEnds ends = new WriteEnds();
    ends.add(101);
    ends.add(1101);
    assertThat(ends.anyWithin(1, 101)).as("ends exactly at the segment's end").isTrue();
    assertThat(ends.anyWithin(101, 1000)).as("101 is before the segment").isFalse();
    assertThat(ends.anyWithin(101, 1561)).isTrue();
    assertThat(ends.anyWithin(1101, 2000)).isFalse();
  }

  @Test
  void acknowledgedEnds_areForgotten_andManyWritesGrowTheArray() {
    WriteEnds ends = new WriteEnds();
    for (int i = 1; i <= 100; i++) {
      ends.add(i * 10L);
    }
    ends.forgetBefore(500);
    assertThat(ends.anyWithin(0, 500)).isFalse();
    assertThat(ends.anyWithin(500, 510)).isTrue();
    for (int i = 101; i <= 300; i++) {
      ends.add(i * 10L);
    }
    assertThat(ends.anyWithin(2990, 3000)).isTrue();
    assertThat(ends.anyWithin(3000, 4000)).isFalse();
  }
}
