package netsim.scenario.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.RandomStreams;
import org.junit.jupiter.api.Test;

/** Each kind of UDP source is one registered pacing, which gives the datagrams' times. */
class UdpPacingTest {
  private static final Distribution FIXED_100MS = new Distribution.Fixed(100_000_000L);

  private static UdpPacing pacing(String kind, long rate, long size, Distribution on) {
    return UdpPacings.KINDS
        .get(kind)
        .create(rate, size, on, FIXED_100MS, new RandomStreams(1).get("udp"));
  }

  @Test
  void kinds_areTheConfigsNames_inTheirDocumentedOrder() {
    assertThat(UdpPacings.KINDS.names()).containsExactly("cbr", "onoff", "poisson");
  }

  @Test
  void cbr_kthDatagramIsAtStartPlusFloorOfKSize8OverRate() {
    // 100 bytes at 3000 bit/s: 266,666,666.67 ns apart, so the fraction carries over
    UdpPacing cbr = pacing("cbr", 3_000, 100, FIXED_100MS);
    long due = cbr.first(5);
    assertThat(due).isEqualTo(5);
    for (int k = 1; k <= 10; k++) {
      due = cbr.next(due);
      assertThat(due).as("datagram %s", k).isEqualTo(5 + k * 800L * 1_000_000_000L / 3_000);
    }
  }

  @Test
  void onoff_sendsAtTheRateWhileOn_thenIsSilentForAnOffPeriod() {
    // 1250 bytes at 1 Mbit/s: one every 10 ms; on 25 ms, off 100 ms
    UdpPacing onoff = pacing("onoff", 1_000_000, 1_250, new Distribution.Fixed(25_000_000L));
    long due = onoff.first(0);
    long[] times = new long[5];
    for (int i = 0; i < times.length; i++) {
      times[i] = due;
      due = onoff.next(due);
    }
    assertThat(times).containsExactly(0, 10_000_000, 20_000_000, 125_000_000, 135_000_000);
  }

  @Test
  void poisson_gapsAverageSize8OverRate() {
    UdpPacing poisson = pacing("poisson", 8_000_000, 1_000, FIXED_100MS);
    long due = poisson.first(0);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      due = poisson.next(due);
    }
    assertThat((double) due / n).isBetween(0.97e6, 1.03e6); // 1 ms mean, 3 sigma is 2.1%
  }
}
