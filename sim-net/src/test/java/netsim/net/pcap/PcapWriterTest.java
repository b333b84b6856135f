package netsim.net.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.TestPackets;
import netsim.net.TestPayload;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
  private static final String GLOBAL_HEADER =
      "4d 3c b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 e4 00 00 00";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private static Packet udp(String label, int dataLength) {
    return TestPackets.packet(
        0, "10.0.0.1", "10.0.0.2", TestPayload.of(label, dataLength), "client", null);
  }

  @Test
  void theGlobalHeaderIsNanosecondPcap24WithSnaplen65535AndLinkTypeIpv4() throws IOException {
    try (PcapWriter writer = new PcapWriter(out)) {
      assertThat(writer.records()).isZero();
    }
    assertThat(PcapFile.hex(out.toByteArray())).isEqualTo(GLOBAL_HEADER);
  }

  @Test
  void aRecordIsTheVirtualTimeInSecondsAndNanosecondsThenTheRawIpv4Packet() throws IOException {
    try (PcapWriter writer = new PcapWriter(out)) {
      writer.write(Time.seconds(1) + Time.millis(500) + 7, udp("p", 4));
    }
    byte[] file = out.toByteArray();
    assertThat(PcapFile.hex(PcapFile.slice(file, 24, file.length)))
        .isEqualTo(
            // seconds 1, nanoseconds 500000007, captured 32, original 32
            "01 00 00 00 07 65 cd 1d 20 00 00 00 20 00 00 00 "
                // IPv4: version/IHL, DSCP, total length 32, id 0, DF, TTL 64, UDP, checksum 0x26cb
                + "45 00 00 20 00 00 40 00 40 11 26 cb "
                // 10.0.0.1 > 10.0.0.2
                + "0a 00 00 01 0a 00 00 02 "
                // UDP 1000 > 2000, length 12, checksum 0xe01b, 4 data bytes
                + "03 e8 07 d0 00 0c e0 1b 00 00 00 00");
  }

  @Test
  void recordsReadBackAsTheyWereWritten() throws IOException {
    Packet first = udp("a", 0);
    Packet second = udp("b", 100);
    second.corrupt(8 * 30);
    try (PcapWriter writer = new PcapWriter(out)) {
      writer.write(0, first);
      writer.write(Time.seconds(4_000_000_000L) + 999_999_999, second);
      assertThat(writer.records()).isEqualTo(2);
    }
    List<PcapFile.Frame> records = PcapFile.read(out.toByteArray());
    assertThat(records).hasSize(2);
    assertThat(records.get(0).time()).isZero();
    assertThat(records.get(0).bytes()).isEqualTo(first.toBytes());
    assertThat(records.get(1).time()).isEqualTo(4_000_000_000_999_999_999L);
    assertThat(records.get(1).bytes()).isEqualTo(second.toBytes());
    assertThat(records.get(1).originalLength()).isEqualTo(128);
  }

  @Test
  void aPacketLongerThanTheSnapLengthIsCutThere() throws IOException {
    Packet jumbo = udp("jumbo", 70_000);
    try (PcapWriter writer = new PcapWriter(out)) {
      writer.write(0, jumbo);
    }
    PcapFile.Frame record = PcapFile.read(out.toByteArray()).get(0);
    assertThat(record.bytes()).hasSize(65535);
    assertThat(record.originalLength()).isEqualTo(70_028);
  }

  @Test
  void asATapOnANodeItCapturesBothDirectionsStampedWithVirtualTime() throws IOException {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(1));
    Host client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
    Host server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
    LinkConfig config = LinkConfig.builder().delay(Time.millis(10)).build();
    net.connect(client, server, config, config);
    net.computeRoutes();
    server.register(
        TestPayload.PROTOCOL,
        packet -> server.send(client.address(), TestPayload.of("pong", 0), null));
    PcapWriter writer = new PcapWriter(out);
    net.tap(client, writer);
    client.send(server.address(), TestPayload.of("ping", 0), null);
    sim.run();
    writer.close();
    List<PcapFile.Frame> records = PcapFile.read(out.toByteArray());
    assertThat(records).extracting(PcapFile.Frame::time).containsExactly(0L, Time.millis(20));
    assertThat(source(records.get(0))).isEqualTo("10.0.0.1");
    assertThat(source(records.get(1))).isEqualTo("10.0.0.2");
  }

  private static String source(PcapFile.Frame record) {
    return new Ipv4Address(ByteBuffer.wrap(record.bytes(), 12, 4).getInt()).toString();
  }

  @Test
  void theStreamReceivesOnlyWholeRecords_andOnlyOnFlushOrClose() throws IOException {
    PcapWriter writer = new PcapWriter(out);
    writer.write(0, udp("a", 10));
    assertThat(out.size()).isZero();
    writer.flush();
    assertThat(out.size()).isEqualTo(24 + 16 + 38);
    writer.close();
    assertThat(out.size()).isEqualTo(24 + 16 + 38);
  }

  @Test
  void aPacketWhoseBytesCannotBeMadeLeavesNoPartOfARecord() throws IOException {
    Payload broken =
        new Payload() {
          @Override
          public int protocol() {
            return 17;
          }

          @Override
          public int length() {
            return 8;
          }

          @Override
          public void writeTo(ByteBuffer buffer, Ipv4Address source, Ipv4Address destination) {
            throw new IllegalStateException("no bytes today");
          }
        };
    try (PcapWriter writer = new PcapWriter(out)) {
      writer.write(0, udp("before", 0));
      assertThatThrownBy(
              () ->
                  writer.write(
                      1, TestPackets.packet(1, "10.0.0.1", "10.0.0.2", broken, "client", null)))
          .hasMessage("no bytes today");
      writer.write(2, udp("after", 0));
      assertThat(writer.records()).isEqualTo(2);
    }
    assertThat(PcapFile.read(out.toByteArray()))
        .extracting(PcapFile.Frame::time)
        .containsExactly(0L, 2L);
  }

  @Test
  void aFailingStreamSurfacesAsAnUncheckedErrorNamingThePacket() {
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    PcapWriter writer = new PcapWriter(failing);
    // Fill the buffer so that the next record must go to the stream.
    for (int i = 0; i < 2; i++) {
      writer.onPacket(0, udp("big" + i, 60_000), true);
    }
    assertThatThrownBy(() -> writer.onPacket(0, udp("last", 60_000), true))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the capture record of packet #0 10.0.0.1 > 10.0.0.2 last");
  }

  @Test
  void closingTwiceIsHarmless_butWritingAfterCloseIsRefused() throws IOException {
    PcapWriter writer = new PcapWriter(out);
    writer.close();
    writer.close();
    assertThatThrownBy(() -> writer.write(0, udp("late", 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the capture is closed");
  }

  @Test
  void aTimeBeyondWhatPcapCanStampIsRejected() throws IOException {
    try (PcapWriter writer = new PcapWriter(out)) {
      assertThatThrownBy(() -> writer.write(Time.seconds(1L << 32), udp("p", 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("capture time 4294967296s is beyond what pcap can stamp (2^32 s)");
    }
  }
}
