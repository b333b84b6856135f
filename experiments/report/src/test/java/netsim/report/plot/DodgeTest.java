package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Series at the same x are set apart: k distinct positions, in series order, centred on the x. */
class DodgeTest {
  @Test
  void threeSeries_spreadOverTheWidth_inOrder_centred() {
    assertThat(Dodge.offset(0, 3, 0.5)).isEqualTo(-0.25);
    assertThat(Dodge.offset(1, 3, 0.5)).isEqualTo(0.0);
    assertThat(Dodge.offset(2, 3, 0.5)).isEqualTo(0.25);
  }

  @Test
  void oneSeries_staysOnItsX() {
    assertThat(Dodge.offset(0, 1, 0.5)).isZero();
  }

  @Test
  void manySeries_stayDistinct_andWithinTheWidth() {
    int k = 40;
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double offset = Dodge.offset(i, k, 0.5);
      assertThat(offset).isBetween(-0.25, 0.25);
      if (i > 0) {
        assertThat(offset).isGreaterThan(Dodge.offset(i - 1, k, 0.5));
      }
      sum += offset;
    }
    assertThat(sum / k).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void width_isHalfACategory_orHalfTheSmallestGap_atMostAFractionOfTheSpan() {
    assertThat(Dodge.width(new double[] {0, 1, 2}, true)).isEqualTo(0.5);
    assertThat(Dodge.width(new double[] {0, 0.01, 0.05}, false)).isCloseTo(0.004, within(1e-12));
    assertThat(Dodge.width(new double[] {10, 20, 40, 80}, false)).isEqualTo(5.0);
    assertThat(Dodge.width(new double[] {0, 1}, false))
        .as("8% of the span")
        .isCloseTo(0.08, within(1e-12));
    assertThat(Dodge.width(new double[] {20, 20}, false)).as("one x: half its pad").isEqualTo(1.0);
  }
}
