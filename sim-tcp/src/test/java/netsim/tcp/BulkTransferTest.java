package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import netsim.core.Time;
import netsim.net.link.DropTailQueue;
import netsim.net.link.Jitter;
import netsim.net.link.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * Bulk transfers end to end. The oracle of every test: the bytes the receiving application gets
 * equal the bytes sent, in order, with no gap and no duplicate. Every run is repeated and must
 * produce the same packet trace.
 */
class BulkTransferTest {

  private static BulkTransfer.Result twice(BulkTransfer transfer, long seed) {
    BulkTransfer.Result first = transfer.run(seed);
    BulkTransfer.Result second = transfer.run(seed);
    assertThat(second.traceDigest()).isEqualTo(first.traceDigest());
    return first;
  }

  @Property(tries = 40)
  void everyByteArrivesInOrder_underRandomLossDuplicationReorderingAndCorruption(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0, max = 0.08) double loss,
      @ForAll @DoubleRange(min = 0, max = 0.05) double duplicate,
      @ForAll @DoubleRange(min = 0, max = 0.05) double corrupt,
      @ForAll @DoubleRange(min = 0, max = 0.2) double reorder,
      @ForAll @IntRange(min = 0, max = 20) int jitterMillis,
      @ForAll @IntRange(min = 1, max = 4) int ccChoice) {
    LinkConfig impaired =
        LinkConfig.builder()
            .bandwidth(10_000_000)
            .delay(Time.millis(10))
            .jitter(new Jitter.Uniform(Time.millis(jitterMillis)))
            .jitterReorders(true)
            .loss(loss)
            .duplicate(duplicate)
            .corrupt(corrupt)
            .reorder(reorder, 0)
            .build();
    String cc = ccChoice == 1 ? "reno" : ccChoice == 2 ? "cubic" : "newreno";
    TcpConfig tcp =
        TcpConfig.builder()
            .minRto(Time.millis(200))
            .congestionControl(cc)
            .delayedAck(ccChoice == 4)
            .build();
    BulkTransfer transfer =
        new BulkTransfer().bottleneck(impaired, impaired).tcp(tcp).size(150_000);
    BulkTransfer.Result result = twice(transfer, seed);
    assertThat(result.receivedEverythingInOrder())
        .as("received %s of %s bytes", result.received().length, result.sent().length)
        .isTrue();
    assertThat(result.clientState()).isIn(TcpState.TIME_WAIT, TcpState.CLOSED);
    assertThat(result.serverState()).isEqualTo(TcpState.CLOSED);
  }

  @Test
  void aFlowAloneOnABottleneckWithABdpQueue_fillsIt() {
    // 10 Mbit/s, RTT 2 * (1 + 10) ms = 22 ms: one bandwidth-delay product is 27.5 kB, 19 packets.
    LinkConfig bottleneck =
        LinkConfig.builder()
            .bandwidth(10_000_000)
            .delay(Time.millis(10))
            .queue(new DropTailQueue.Spec(19, 0))
            .build();
    TcpConfig tcp =
        TcpConfig.builder()
            .timestamps(false)
            .receiveBuffer(1 << 20)
            .sendBuffer(1 << 20)
            .minRto(Time.millis(200))
            .build();
    BulkTransfer.Result result =
        twice(
            new BulkTransfer()
                .bottleneck(bottleneck, LinkConfig.builder().delay(Time.millis(10)).build())
                .tcp(tcp)
                .size(25_000_000),
            1);
    assertThat(result.receivedEverythingInOrder()).isTrue();
    double utilization = result.goodputBytesPerSecond() * 8 / 10_000_000;
    assertThat(utilization).as("goodput / bottleneck rate").isGreaterThan(0.90);
    assertThat(result.packetsDropped())
        .as("the queue overflowed, so the flow probed the limit")
        .isPositive();
  }
}
