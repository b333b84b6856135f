package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.link.CoDelQueue;
import netsim.net.link.LinkConfig;
import netsim.net.link.QueueDiscipline;
import netsim.net.link.RedQueue;
import org.junit.jupiter.api.Test;

/**
 * ECN end to end: two ECN-capable endpoints through a bottleneck whose AQM marks instead of
 * dropping (RFC 3168 5 and 6.1) finish a bulk transfer without a single drop or retransmission; the
 * same transfer without ECN loses packets to the same AQM.
 */
class EcnBulkTransferTest {
  private static final TcpConfig ECN = TcpConfig.builder().ecn(EcnMode.ON).build();
  private static final TcpConfig PLAIN = TcpConfig.builder().build();

  private static BulkTransfer.Result transfer(QueueDiscipline.Spec queue, TcpConfig tcp) {
    LinkConfig bottleneck =
        LinkConfig.builder().bandwidth(10_000_000).delay(Time.millis(10)).queue(queue).build();
    BulkTransfer transfer =
        new BulkTransfer()
            .bottleneck(bottleneck, LinkConfig.builder().delay(Time.millis(10)).build())
            .tcp(tcp)
            .size(3_000_000);
    BulkTransfer.Result first = transfer.run(11);
    assertThat(transfer.run(11).traceDigest()).as("repeatable").isEqualTo(first.traceDigest());
    assertThat(first.receivedEverythingInOrder()).isTrue();
    return first;
  }

  @Test
  void throughRedWithEcn_marksReplaceDrops_andNothingIsRetransmitted() {
    RedQueue.Spec red =
        RedQueue.Spec.builder()
            .minThreshold(5)
            .maxThreshold(15)
            .maxP(0.1)
            .limit(100)
            .ecn(true)
            .build();
    BulkTransfer.Result ecn = transfer(red, ECN);
    assertThat(ecn.packetsMarked()).isPositive();
    assertThat(ecn.packetsDropped()).isZero();
    assertThat(ecn.retransmissions()).isZero();

    BulkTransfer.Result plain = transfer(red, PLAIN);
    assertThat(plain.packetsMarked()).isZero();
    assertThat(plain.packetsDropped()).isPositive();
    assertThat(plain.retransmissions()).isPositive();
  }

  @Test
  void throughCodelWithEcn_marksReplaceDrops_andNothingIsRetransmitted() {
    CoDelQueue.Spec codel =
        new CoDelQueue.Spec(
            CoDelQueue.Spec.DEFAULT_TARGET, CoDelQueue.Spec.DEFAULT_INTERVAL, 1000, true);
    BulkTransfer.Result ecn = transfer(codel, ECN);
    assertThat(ecn.packetsMarked()).isPositive();
    assertThat(ecn.packetsDropped()).isZero();
    assertThat(ecn.retransmissions()).isZero();
  }
}
