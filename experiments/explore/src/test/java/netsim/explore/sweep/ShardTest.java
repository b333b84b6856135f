package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Shares of a sweep: every run in exactly one share, round robin, sizes that add up. */
class ShardTest {
  @Property
  void everyRun_isInExactlyOneShare(
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @LongRange(min = 0, max = 200) long runs) {
    long total = 0;
    for (long run = 0; run < runs; run++) {
      int owners = 0;
      for (int k = 1; k <= n; k++) {
        if (new Shard(k, n).contains(run)) {
          owners++;
        }
      }
      assertThat(owners).isEqualTo(1);
    }
    for (int k = 1; k <= n; k++) {
      total += new Shard(k, n).size(runs);
    }
    assertThat(total).isEqualTo(runs);
  }

  @Test
  void shareTwoOfFour_takesRunsOneFiveNine() {
    Shard shard = Shard.parse("2/4");
    assertThat(shard.contains(1)).isTrue();
    assertThat(shard.contains(5)).isTrue();
    assertThat(shard.contains(2)).isFalse();
    assertThat(shard.size(10)).isEqualTo(3);
    assertThat(shard).hasToString("2/4");
  }

  @Test
  void badShares_sayWhatIsExpected() {
    assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1 <= K <= N; got 0/4");
    assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("expected K/N");
    assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
  }
}
