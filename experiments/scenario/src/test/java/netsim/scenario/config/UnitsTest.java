package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void rates_parseWithDecimalPrefixes_exactly() {
    assertThat(Units.parseRate("10Mbps")).isEqualTo(10_000_000);
    assertThat(Units.parseRate("1.5Gbps")).isEqualTo(1_500_000_000);
    assertThat(Units.parseRate("64kbps")).isEqualTo(64_000);
    assertThat(Units.parseRate("800bps")).isEqualTo(800);
    assertThat(Units.parseRate("unlimited")).isZero();
    assertThat(Units.parseRate("0")).isZero();
  }

  @Test
  void rates_withoutAKnownUnit_areRejectedWithTheUnits() {
    assertThatThrownBy(() -> Units.parseRate("10")).hasMessageContaining("bps, kbps, Mbps");
    assertThatThrownBy(() -> Units.parseRate("10MB/s")).hasMessageContaining("invalid rate");
    assertThatThrownBy(() -> Units.parseRate("0.5bps")).hasMessageContaining("whole number");
  }

  @Test
  void sizes_parseBinaryAndDecimalUnits_andBareBytes() {
    assertThat(Units.parseSize("64KiB")).isEqualTo(65_536);
    assertThat(Units.parseSize("1MB")).isEqualTo(1_000_000);
    assertThat(Units.parseSize("1.5MiB")).isEqualTo(1_572_864);
    assertThat(Units.parseSize("1500B")).isEqualTo(1500);
    assertThat(Units.parseSize("1460")).isEqualTo(1460);
    assertThatThrownBy(() -> Units.parseSize("1Mb")).hasMessageContaining("unknown unit 'Mb'");
  }

  @Test
  void formats_readBack() {
    for (long rate : new long[] {0, 800, 64_000, 10_000_000, 1_500_000_000}) {
      assertThat(Units.parseRate(Units.formatRate(rate))).isEqualTo(rate);
    }
    for (long size : new long[] {1, 1500, 65_536, 1 << 20, 3L << 30}) {
      assertThat(Units.parseSize(Units.formatSize(size))).isEqualTo(size);
    }
  }
}
