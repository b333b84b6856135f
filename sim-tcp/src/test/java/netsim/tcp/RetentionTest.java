package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * What a stack keeps of a connection once it has ended: nothing, and an observer that keeps only
 * records ({@link ConnectionHistory}) holds no connection or buffer either. Checked on what stays
 * reachable, not on timing: once the connections have ended and the test drops its own references,
 * the collector can take every one of them.
 */
class RetentionTest {
  private static final TcpConfig CONFIG =
      TcpHarness.CONFIG.toBuilder().msl(Time.MILLISECOND).build();
  private static final int CONNECTIONS = 50;
  private static final int BYTES = 100_000;

  @Test
  void endedConnections_leaveOnlyTheirRecords_andCanBeCollected() throws InterruptedException {
    Testbed bed = Testbed.of(1, "5ms", CONFIG);
    ConnectionHistory clientHistory = new ConnectionHistory();
    ConnectionHistory serverHistory = new ConnectionHistory();
    bed.client.addObserver(clientHistory);
    bed.server.addObserver(serverHistory);
    bed.server.listen(
        Testbed.PORT,
        4,
        child ->
            new TcpHandler() {
              @Override
              public void onPeerClosed(TcpConnection connection) {
                connection.close();
              }
            });
    List<WeakReference<TcpConnection>> made = new ArrayList<>();
    Endpoint server = new Endpoint(Testbed.SERVER, Testbed.PORT);
    for (int i = 0; i < CONNECTIONS; i++) {
      bed.at(
          i + "s",
          () ->
              made.add(
                  new WeakReference<>(
                      bed.client.connect(
                          server,
                          new TcpHandler() {
                            @Override
                            public void onEstablished(TcpConnection connection) {
                              connection.send(new byte[BYTES]);
                              connection.close();
                            }
                          }))));
    }
    bed.run();

    assertThat(bed.client.connections()).isEmpty();
    assertThat(bed.server.connections()).isEmpty();
    assertThat(clientHistory.records())
        .hasSize(CONNECTIONS)
        .allSatisfy(
            record -> {
              assertThat(record.state()).isEqualTo(TcpState.CLOSED);
              assertThat(record.bytesSent()).isEqualTo(BYTES);
            });
    assertThat(serverHistory.records())
        .extracting(ConnectionRecord::bytesDelivered)
        .containsOnly((long) BYTES);
    assertThat(made).hasSize(CONNECTIONS);
    for (int attempt = 0; attempt < 20 && made.stream().anyMatch(r -> r.get() != null); attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(made)
        .as("connections still reachable after they ended")
        .allSatisfy(reference -> assertThat(reference.get()).isNull());
  }
}
