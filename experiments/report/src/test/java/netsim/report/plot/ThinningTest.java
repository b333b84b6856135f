package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
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

  @Test
  void onlineThinning_ofASeriesUnderTheLimit_keepsEveryPoint() {
    Thinning series = new Thinning();
    double[] x = new double[Thinning.LIMIT];
    double[] y = new double[Thinning.LIMIT];
    for (int i = 0; i < Thinning.LIMIT; i++) {
      x[i] = i / 7.0;
      y[i] = (i * 7919) % 1000;
      series.add(x[i], y[i]);
    }
    Thinning.Points points = series.points();
    assertThat(points.x()).containsExactly(x);
    assertThat(points.y()).containsExactly(y);
  }

  @Test
  void onlineThinning_ofASeriesOverTheLimit_keepsFirstLowestHighestLastPerBucket_inBoundedMemory() {
    int n = 1_000_000;
    Thinning series = new Thinning();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * 0.001 + (i % 3) * 0.0001; // seconds, not evenly spaced
      y[i] = (i * 2_654_435_761L) % 1_000_003 + (i % 5 == 0 ? 0 : 0.5); // ties and spread
      series.add(x[i], y[i]);
      if (i == n / 2) {
        assertThat(series.retained()).isLessThanOrEqualTo(Thinning.LIMIT);
      }
    }
    assertThat(series.retained()).isLessThanOrEqualTo(Thinning.LIMIT);
    assertThat(series.added()).isEqualTo(n);

    // The same, computed in one pass over every point with the buckets the series ended with.
    double from = series.from();
    double width = series.width();
    assertThat(width).isPositive();
    assertThat((x[n - 1] - from) / width).isLessThan(Thinning.BUCKETS);
    assertThat((x[n - 1] - from) / width)
        .as("the buckets used span at least half of them")
        .isGreaterThanOrEqualTo(Thinning.BUCKETS / 2.0);
    List<Integer> expected = new ArrayList<>();
    int start = 0;
    while (start < n) {
      int bucket = (int) Math.floor((x[start] - from) / width);
      int end = start;
      int low = start;
      int high = start;
      while (end + 1 < n && (int) Math.floor((x[end + 1] - from) / width) == bucket) {
        end++;
        low = y[end] < y[low] ? end : low;
        high = y[end] > y[high] ? end : high;
      }
      for (int i : new TreeSet<>(List.of(start, low, high, end))) {
        expected.add(i);
      }
      start = end + 1;
    }
    Thinning.Points points = series.points();
    assertThat(points.size()).isEqualTo(expected.size()).isLessThanOrEqualTo(Thinning.LIMIT);
    for (int k = 0; k < expected.size(); k++) {
      assertThat(points.x()[k]).as("x of point %d", k).isEqualTo(x[expected.get(k)]);
      assertThat(points.y()[k]).as("y of point %d", k).isEqualTo(y[expected.get(k)]);
    }
  }
}
