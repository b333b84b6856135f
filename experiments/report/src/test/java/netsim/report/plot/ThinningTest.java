package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Thinning a long series for drawing keeps short series whole and long ones' shape: ends, peaks.
 */
class ThinningTest {
  @Test
  void aShortSeries_isKeptWhole() {
    double[] x = {0, 1, 2};
    double[] y = {5, 3, 4};
    Thinning.Points points = Thinning.thin(x, y);
    assertThat(points.x()).isSameAs(x);
    assertThat(points.y()).isSameAs(y);
  }

  @Test
  void aLongSawtooth_keepsItsEnds_everyPeak_andEveryDrop() {
    int n = 100_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i % 1000 == 500 ? 1_000_000 : i % 1000; // a spike in every thousand
    }
    y[77_777] = -5;
    Thinning.Points points = Thinning.thin(x, y);
    assertThat(points.size()).isLessThanOrEqualTo(4 * Thinning.BUCKETS);
    assertThat(points.x()[0]).isZero();
    assertThat(points.x()[points.size() - 1]).isEqualTo(n - 1);
    long spikes = Arrays.stream(points.y()).filter(v -> v == 1_000_000).count();
    assertThat(spikes).isEqualTo(100);
    assertThat(Arrays.stream(points.y()).min().getAsDouble()).isEqualTo(-5);
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.x()[i]).isGreaterThan(points.x()[i - 1]);
    }
  }
}
