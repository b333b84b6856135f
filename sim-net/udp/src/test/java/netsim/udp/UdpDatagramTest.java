package netsim.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {
  private static final Ipv4Address SOURCE = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address DESTINATION = Ipv4Address.parse("10.0.0.2");

  @Test
  void bytes_areTheRfc768HeaderThenTheStampThenZeros() {
    UdpDatagram d = new UdpDatagram(5000, 9, 20, 7, 1_000_000_123L);
    ByteBuffer b = ByteBuffer.allocate(d.length());
    d.writeTo(b, SOURCE, DESTINATION);
    b.flip();

    assertThat(d.length()).isEqualTo(28);
    assertThat(b.getShort() & 0xFFFF).isEqualTo(5000);
    assertThat(b.getShort() & 0xFFFF).isEqualTo(9);
    assertThat(b.getShort() & 0xFFFF).isEqualTo(28); // UDP length: header and data
    b.getShort(); // checksum
    assertThat(b.getLong()).isEqualTo(7); // the datagram's number
    assertThat(b.getLong()).isEqualTo(1_000_000_123L); // its send time
    assertThat(b.getInt()).isZero();
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void checksum_coversThePseudoHeaderAndEveryByte_soTheReceiversSumIsZero() {
    for (int length : new int[] {0, 1, 7, 15, 16, 17, 1000, UdpDatagram.MAX_DATA}) {
      UdpDatagram d = new UdpDatagram(49152, 5001, length, 123_456_789L, 987_654_321L);
      ByteBuffer b = ByteBuffer.allocate(d.length());
      d.writeTo(b, SOURCE, DESTINATION);
      byte[] bytes = b.array();
      long sum = InternetChecksum.pseudoHeader(0, SOURCE, DESTINATION, 17, bytes.length);
      sum = InternetChecksum.sum(sum, bytes, 0, bytes.length);

      assertThat(InternetChecksum.finish(sum)).as("data length %s", length).isZero();
      assertThat((bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF)).as("never 0").isNotZero();
    }
  }

  @Test
  void aDatagramShorterThanTheStamp_carriesItsFirstBytes() {
    UdpDatagram d = new UdpDatagram(1, 2, 3, 0x0102030405060708L, 0);
    ByteBuffer b = ByteBuffer.allocate(d.length());
    d.writeTo(b, SOURCE, DESTINATION);

    assertThat(b.array()).endsWith(new byte[] {1, 2, 3});
  }

  @Test
  void genericFields_areWhatFaultRulesAndTracesMatchOn() {
    UdpDatagram d = new UdpDatagram(5000, 9, 100, 0, 0);

    assertThat(d.protocol()).isEqualTo(17);
    assertThat(d.sourcePort()).isEqualTo(5000);
    assertThat(d.destinationPort()).isEqualTo(9);
    assertThat(d.dataLength()).isEqualTo(100);
    assertThat(d.checksumOffset()).isEqualTo(6);
    assertThat(d.flags()).isZero();
    assertThat(d.sequenceNumber()).isEqualTo(-1);
  }

  @Test
  void tooMuchData_orAPortOfZero_isRefused() {
    assertThatThrownBy(() -> new UdpDatagram(1, 2, UdpDatagram.MAX_DATA + 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65508");
    assertThatThrownBy(() -> new UdpDatagram(0, 2, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source port");
  }
}
