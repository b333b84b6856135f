package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import netsim.core.Time;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import org.junit.jupiter.api.Test;

/**
 * NewReno, RFC 6675 SACK recovery, SACK with PRR (RFC 6937) and RACK-TLP (RFC 8985) over the same
 * lossy path and seeds: 2 MB from a client to a server over a 20 Mbit/s bottleneck, 20 ms each way,
 * a 200 ms minimum RTO and an initial window of 10, under random loss (1%) and bursty
 * (Gilbert-Elliott) loss. Every byte must arrive under every recovery; the table it prints, with
 * RTO counts, retransmissions and goodput summed or averaged over the seeds, is the comparison in
 * docs/tcp.md: {@code mvn -B -q test -pl sim-tcp -am -Dtest=RecoveryComparisonTest}.
 */
class RecoveryComparisonTest {
  private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};

  /** The recoveries compared: a name, whether SACK is on, and tcp.sackRecovery. */
  private static final String[][] RECOVERIES = {
    {"newreno", "false", "rfc6675"},
    {"sack (rfc6675)", "true", "rfc6675"},
    {"sack + prr", "true", "prr"},
    {"rack-tlp", "true", "rack-tlp"}
  };

  /** What one recovery did over all seeds on one path. */
  record Totals(long timeouts, long retransmissions, double meanGoodputMbps) {}

  private static Map<String, Totals> compare(LossModel.Spec loss) {
    LinkConfig lossy =
        LinkConfig.builder().bandwidth(20_000_000).delay(Time.millis(20)).loss(loss).build();
    LinkConfig clean = LinkConfig.builder().bandwidth(20_000_000).delay(Time.millis(20)).build();
    Map<String, Totals> totals = new LinkedHashMap<>();
    for (String[] recovery : RECOVERIES) {
      TcpConfig tcp =
          TcpConfig.builder()
              .sackPermitted(Boolean.parseBoolean(recovery[1]))
              .sackRecovery(recovery[2])
              .minRto(Time.millis(200))
              .initialWindow(10)
              .receiveBuffer(1 << 20)
              .sendBuffer(1 << 20)
              .build();
      BulkTransfer transfer = new BulkTransfer().bottleneck(lossy, clean).tcp(tcp).size(2_000_000);
      long timeouts = 0;
      long retransmissions = 0;
      double goodput = 0;
      for (long seed : SEEDS) {
        BulkTransfer.Result result = transfer.run(seed);
        assertThat(result.receivedEverythingInOrder()).as("%s seed %s", recovery[0], seed).isTrue();
        timeouts += result.timeouts();
        retransmissions += result.retransmissions();
        goodput += result.goodputBytesPerSecond() * 8 / 1e6;
      }
      totals.put(recovery[0], new Totals(timeouts, retransmissions, goodput / SEEDS.length));
    }
    print(loss, totals);
    return totals;
  }

  private static void print(LossModel.Spec loss, Map<String, Totals> totals) {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%s, %d seeds%n", loss, SEEDS.length));
    table.append(
        String.format(
            Locale.ROOT, "%-16s %8s %8s %14s%n", "recovery", "RTOs", "rexmits", "goodput"));
    totals.forEach(
        (name, t) ->
            table.append(
                String.format(
                    Locale.ROOT,
                    "%-16s %8d %8d %9.2f Mbps%n",
                    name,
                    t.timeouts(),
                    t.retransmissions(),
                    t.meanGoodputMbps())));
    System.out.print(table);
  }

  @Test
  void randomLoss_everyRecoveryDeliversEveryByte_andTheSackRecoveriesTimeOutLessThanNewReno() {
    Map<String, Totals> totals = compare(new LossModel.Bernoulli(0.01));
    long newReno = totals.get("newreno").timeouts();
    for (String sack : new String[] {"sack (rfc6675)", "sack + prr", "rack-tlp"}) {
      assertThat(totals.get(sack).timeouts()).as(sack).isLessThan(newReno);
    }
  }

  @Test
  void burstyLoss_everyRecoveryDeliversEveryByte_andTheSackRecoveriesTimeOutLessThanNewReno() {
    Map<String, Totals> totals = compare(new LossModel.GilbertElliott(0.01, 0.3, 0.5, 0.002));
    long newReno = totals.get("newreno").timeouts();
    for (String sack : new String[] {"sack (rfc6675)", "sack + prr", "rack-tlp"}) {
      assertThat(totals.get(sack).timeouts()).as(sack).isLessThan(newReno);
    }
  }
}
