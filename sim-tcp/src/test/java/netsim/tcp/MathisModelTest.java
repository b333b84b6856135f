package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.link.LinkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steady throughput of a long NewReno flow under random loss p against the model of Mathis,
 * Semke, Mahdavi and Ott (1997): BW = MSS / RTT * C / sqrt(p), with C = sqrt(3/2) for an ACK per
 * segment. The model ignores timeouts and the link's speed; we keep the link fast, the RTO minimum
 * at 200 ms, and accept a measured throughput within 25% of the model.
 */
class MathisModelTest {
  private static final double TOLERANCE = 0.25;
  private static final int MSS = 1460;
  private static final double RTT_SECONDS = 0.1;

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(doubles = {0.001, 0.003, 0.01, 0.02})
  void newRenoThroughput_followsMathisModel(double p) {
    // RTT: 2 * (1 ms access + 49 ms bottleneck) = 100 ms; losses only on the data path.
    LinkConfig lossy =
        LinkConfig.builder().bandwidth(1_000_000_000L).delay(Time.millis(49)).loss(p).build();
    LinkConfig back = LinkConfig.builder().bandwidth(1_000_000_000L).delay(Time.millis(49)).build();
    TcpConfig tcp =
        TcpConfig.builder()
            .timestamps(false)
            .receiveBuffer(1 << 24)
            .sendBuffer(1 << 24)
            .minRto(Time.millis(200))
            .build();
    double model = MSS / RTT_SECONDS * Math.sqrt(1.5) / Math.sqrt(p);
    int size = (int) Math.min(model * 300, 60_000_000); // about 300 s of transfer
    BulkTransfer transfer = new BulkTransfer().bottleneck(lossy, back).tcp(tcp).size(size);
    BulkTransfer.Result result = transfer.run(11);
    assertThat(transfer.run(11).traceDigest())
        .as("a second run's trace")
        .isEqualTo(result.traceDigest());
    assertThat(result.receivedEverythingInOrder()).isTrue();
    double ratio = result.goodputBytesPerSecond() / model;
    System.out.printf(
        "p=%s model=%.0f B/s measured=%.0f B/s ratio=%.3f%n",
        p, model, result.goodputBytesPerSecond(), ratio);
    assertThat(ratio).as("measured / model at p = %s", p).isBetween(1 - TOLERANCE, 1 + TOLERANCE);
  }
}
