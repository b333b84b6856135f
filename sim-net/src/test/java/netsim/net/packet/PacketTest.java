package netsim.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import netsim.net.TestPackets;
import netsim.net.TestPayload;
import org.junit.jupiter.api.Test;

class PacketTest {
  private static Packet packet() {
    return TestPackets.packet(7, "10.0.0.1", "10.0.1.2", TestPayload.of("a", 13), "client", null);
  }

  @Test
  void toBytes_isAnIpv4HeaderWithAValidChecksum_thenThePayload() {
    byte[] bytes = packet().toBytes();

    assertThat(bytes).hasSize(Packet.HEADER_LENGTH + 8 + 13);
    assertThat(Arrays.copyOf(bytes, 12))
        .containsExactly(0x45, 0, 0, 41, 0, 0, 0x40, 0, 64, 17, bytes[10], bytes[11]);
    assertThat(Arrays.copyOfRange(bytes, 12, 20)).containsExactly(10, 0, 0, 1, 10, 0, 1, 2);
    assertThat(InternetChecksum.of(bytes, 0, Packet.HEADER_LENGTH)).isZero();
  }

  @Test
  void writeTo_aLittleEndianBufferAtAnOffset_writesTheWireBytes_andKeepsTheBufferOrder() {
    Packet packet = packet();
    ByteBuffer out = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
    out.position(5);

    packet.writeTo(out);

    assertThat(out.position()).isEqualTo(5 + packet.totalLength());
    assertThat(out.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOfRange(out.array(), 5, out.position())).isEqualTo(packet.toBytes());
    assertThat(out.array()[4]).isZero();
    assertThat(out.array()[out.position()]).isZero();
  }

  @Test
  void writeTo_aCorruptedPacket_flipsExactlyItsBit() {
    Packet clean = packet();
    Packet corrupted = packet();
    corrupted.corrupt(8 * 22 + 3); // the fourth bit of the payload's third byte
    ByteBuffer out = ByteBuffer.allocate(100);
    out.position(9);

    corrupted.writeTo(out);

    byte[] expected = clean.toBytes();
    expected[22] ^= 0x10;
    assertThat(Arrays.copyOfRange(out.array(), 9, out.position())).isEqualTo(expected);
    assertThat(corrupted.toBytes()).isEqualTo(expected);
  }

  private static Packet packet(Ecn ecn) {
    return new Packet(
        7,
        Ipv4Address.parse("10.0.0.1"),
        Ipv4Address.parse("10.0.1.2"),
        0,
        Packet.DEFAULT_TTL,
        TestPayload.of("a", 13),
        "client",
        null,
        ecn);
  }

  @Test
  void toBytes_ofEachEcnCodepoint_writesItInTheTosByte_underAValidChecksum() {
    for (Ecn ecn : Ecn.values()) {
      byte[] bytes = packet(ecn).toBytes();

      assertThat(bytes[1]).as("TOS byte of %s", ecn).isEqualTo((byte) ecn.bits());
      assertThat(Ecn.ofBits(bytes[1])).isEqualTo(ecn);
      assertThat(InternetChecksum.of(bytes, 0, Packet.HEADER_LENGTH)).as("checksum").isZero();
    }
    assertThat(Ecn.ECT_0.bits()).isEqualTo(0b10);
    assertThat(Ecn.ECT_1.bits()).isEqualTo(0b01);
    assertThat(Ecn.CE.bits()).isEqualTo(0b11);
  }

  @Test
  void markCongestion_ofAnEcnCapablePacket_setsCe_andTheMarkIsTakenOnce() {
    Packet packet = packet(Ecn.ECT_0);

    assertThat(packet.markCongestion()).isTrue();

    assertThat(packet.ecn()).isEqualTo(Ecn.CE);
    assertThat(packet.toBytes()[1]).isEqualTo((byte) 0b11);
    assertThat(packet.takeNewMark()).isTrue();
    assertThat(packet.takeNewMark()).isFalse();
  }

  @Test
  void markCongestion_ofANotEctPacket_refuses_soTheQueueDrops() {
    Packet packet = packet();

    assertThat(packet.markCongestion()).isFalse();

    assertThat(packet.ecn()).isEqualTo(Ecn.NOT_ECT);
    assertThat(packet.takeNewMark()).isFalse();
  }

  @Test
  void duplicate_keepsTheEcnField() {
    Packet packet = packet(Ecn.ECT_1);

    assertThat(packet.duplicate(8).ecn()).isEqualTo(Ecn.ECT_1);
  }

  @Test
  void duplicate_keepsTheCorruptionAndTheArrivalDelay_butNotAnUntakenMark() {
    Packet packet = packet(Ecn.ECT_0);
    packet.corrupt(5);
    packet.delayArrival(300);
    packet.markCongestion();

    Packet copy = packet.duplicate(8);

    assertThat(copy.ecn()).isEqualTo(Ecn.CE);
    assertThat(copy.takeNewMark()).isFalse();
    assertThat(copy.isCorrupted()).isTrue();
    assertThat(copy.corruptedBit()).isEqualTo(5);
    assertThat(copy.takeArrivalDelay()).isEqualTo(300);
    assertThat(packet.takeNewMark()).isTrue();
  }

  @Test
  void delayArrival_addsUp_andTheDelayIsTakenOnce() {
    Packet packet = packet();
    assertThat(packet.takeArrivalDelay()).isZero();

    packet.delayArrival(100);
    packet.delayArrival(250);

    assertThat(packet.takeArrivalDelay()).isEqualTo(350);
    assertThat(packet.takeArrivalDelay()).isZero();
  }

  @Test
  void aNewPacket_isNotCorrupted_andHasNoCorruptedBit() {
    Packet packet = packet();

    assertThat(packet.isCorrupted()).isFalse();
    assertThat(packet.corruptedBit()).isEqualTo(-1);
  }

  @Test
  void ttlOf255_readsAs255_andARouterDecrementsItTo254() {
    Packet packet =
        new Packet(
            7,
            Ipv4Address.parse("10.0.0.1"),
            Ipv4Address.parse("10.0.1.2"),
            0,
            255,
            TestPayload.of("a", 13),
            "client",
            null);

    assertThat(packet.ttl()).isEqualTo(255);
    assertThat(packet.toBytes()[8]).isEqualTo((byte) 255);
    assertThat(packet.decrementTtl()).isEqualTo(254);
    assertThat(packet.ttl()).isEqualTo(254);
  }

  @Test
  void ttlOf1_decrementsToZero() {
    Packet packet =
        new Packet(
            7,
            Ipv4Address.parse("10.0.0.1"),
            Ipv4Address.parse("10.0.1.2"),
            0,
            1,
            TestPayload.of("a", 13),
            "client",
            null);

    assertThat(packet.decrementTtl()).isZero();
    assertThat(packet.ttl()).isZero();
  }
}
