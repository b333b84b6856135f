package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sorted interval set under the SACK receiver and scoreboard. */
class RangeSetTest {
  private final RangeSet set = new RangeSet();

  @Test
  void add_keepsIntervalsSorted_andMergesTheOnesItTouchesOrOverlaps() {
    assertThat(set.add(300, 400)).isEqualTo(100);
    assertThat(set.add(100, 200)).isEqualTo(100);
    assertThat(set.add(500, 600)).isEqualTo(100);
    assertThat(set).hasToString("[100-200, 300-400, 500-600]");
    assertThat(set.add(200, 300)).as("touching both neighbours").isEqualTo(100);
    assertThat(set).hasToString("[100-400, 500-600]");
    assertThat(set.add(350, 550)).as("only 400-500 is new").isEqualTo(100);
    assertThat(set).hasToString("[100-600]");
    assertThat(set.add(150, 250)).isZero();
  }

  @Test
  void removeBelow_dropsAndTrims() {
    set.add(100, 200);
    set.add(300, 400);
    set.removeBelow(350);
    assertThat(set).hasToString("[350-400]");
    set.removeBelow(400);
    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  void manyHoles_growTheArrays() {
    for (int i = 20; i >= 0; i--) {
      set.add(i * 10L, i * 10L + 5);
    }
    assertThat(set.count()).isEqualTo(21);
    assertThat(set.indexOf(102)).isEqualTo(10);
    assertThat(set.indexOf(107)).isEqualTo(-1);
    assertThat(set.highest()).isEqualTo(205);
  }
}
