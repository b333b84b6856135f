package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A connection's {@link TcpInfo}: one view per connection, which holds no figures of its own but
 * reads the connection's parts when asked. Our ISS is 1000 and the peer's 5000 ({@link
 * TcpHarness}).
 */
class TcpInfoTest {

  @Test
  void info_isOneViewPerConnection() {
    TcpHarness h = TcpHarness.established();
    assertThat(h.connection.info()).isSameAs(h.connection.info());
  }

  @Test
  void info_readsTheConnectionWhenAsked_dataSentThenAcknowledged() {
    TcpHarness h = TcpHarness.established();
    TcpInfo info = h.connection.info();
    assertThat(info.iss()).isEqualTo(1000);
    assertThat(info.irs()).isEqualTo(5000);
    assertThat(info.sndNxt()).isEqualTo(1001);

    h.connection.send("hello".getBytes(US_ASCII));
    h.expect("PSH|ACK seq=1001 ack=5001 len=5");
    assertThat(info.sndUna()).isEqualTo(1001);
    assertThat(info.sndNxt()).isEqualTo(1006);
    assertThat(info.bytesInFlight()).isEqualTo(5);
    assertThat(info.bytesSent()).isEqualTo(5);
    assertThat(info.bytesUnacknowledged()).isEqualTo(5);
    assertThat(info.bytesUnsent()).isZero();

    h.receive("ACK", 5001, 1006);
    assertThat(info.sndUna()).isEqualTo(1006);
    assertThat(info.bytesInFlight()).isZero();
    assertThat(info.bytesUnacknowledged()).isZero();
  }
}
