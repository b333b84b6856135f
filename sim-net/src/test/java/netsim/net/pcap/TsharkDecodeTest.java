package netsim.net.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Packet;
import netsim.net.Router;
import netsim.net.TestPackets;
import netsim.net.TestPayload;
import netsim.net.fault.FaultRule;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture of a small run, decoded by tshark: it must read the file without complaint, see real
 * IPv4 and UDP with good checksums, and see the bad UDP checksum of the one packet a fault rule
 * corrupted. Skipped, saying so, where tshark is not installed.
 */
class TsharkDecodeTest {
  private static final int PING_PORT = 7;
  private static final int ERROR_SEVERITY = 0x800000;
  private static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");

  private static final String[] FIELDS = {
    "frame.number",
    "frame.time_epoch",
    "ip.src",
    "ip.dst",
    "ip.ttl",
    "ip.proto",
    "udp.srcport",
    "udp.dstport",
    "udp.length",
    "ip.checksum.status",
    "udp.checksum.status",
    "_ws.expert.severity",
    "_ws.expert.message",
    "_ws.malformed"
  };

  /** What tshark reports for the capture, one row per packet, read once for all tests. */
  private static List<List<String>> rows;

  @BeforeAll
  static void decodeTheCaptureWithTshark(@TempDir Path directory) throws IOException {
    if (Tshark.available()) {
      rows = Tshark.fields(capture(directory.resolve("run.pcap")), FIELDS);
    }
  }

  /** Skips each test, with the reason, where tshark is absent (a skip in @BeforeAll is silent). */
  @BeforeEach
  void needsTshark() {
    assumeTrue(Tshark.available(), Tshark::unavailableReason);
  }

  /** The named columns of every row. */
  private static List<List<String>> columns(String... names) {
    List<String> all = List.of(FIELDS);
    List<List<String>> selected = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> picked = new ArrayList<>();
      for (String name : names) {
        picked.add(row.get(all.indexOf(name)));
      }
      selected.add(picked);
    }
    return selected;
  }

  private static TestPayload ping() {
    return TestPayload.of("ping", 32).withPorts(40000, PING_PORT);
  }

  /**
   * client - router - server, 10 ms per hop, captured at the server: three pings arrive (TTL 63
   * after the router), the second corrupted on the last hop, and the server answers the two good
   * ones (TTL 64).
   */
  private static Path capture(Path file) throws IOException {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(1));
    Host client = net.addHost("client", CLIENT);
    Router router = net.addRouter("router");
    Host server = net.addHost("server", SERVER);
    LinkConfig hop = LinkConfig.builder().delay(Time.millis(10)).build();
    net.connect(client, router, hop, hop);
    Link last = net.connect(router, server, hop, hop);
    net.computeRoutes();
    last.aToB().faults().add(FaultRule.any().named("corrupt-2nd").nth(2).corrupt());
    server.register(
        TestPayload.PROTOCOL,
        packet ->
            server.send(
                client.address(), TestPayload.of("pong", 16).withPorts(PING_PORT, 40000), null));
    client.register(TestPayload.PROTOCOL, packet -> {});
    try (OutputStream out = Files.newOutputStream(file);
        PcapWriter writer = new PcapWriter(out)) {
      net.tap(server, writer);
      for (int i = 0; i < 3; i++) {
        sim.scheduleAt(Time.millis(i), () -> client.send(SERVER, ping(), null));
      }
      sim.run();
      assertThat(writer.records()).isEqualTo(5);
    }
    return file;
  }

  @Test
  void tsharkReadsEveryPacketWithItsAddressesTtlAndTime() {
    assertThat(
            columns(
                "frame.number",
                "frame.time_epoch",
                "ip.src",
                "ip.dst",
                "ip.ttl",
                "ip.proto",
                "udp.srcport",
                "udp.dstport",
                "udp.length"))
        .containsExactly(
            List.of("1", "0.020000000", "10.0.0.1", "10.0.1.2", "63", "17", "40000", "7", "40"),
            List.of("2", "0.020000000", "10.0.1.2", "10.0.0.1", "64", "17", "7", "40000", "24"),
            List.of("3", "0.021000000", "10.0.0.1", "10.0.1.2", "63", "17", "40000", "7", "40"),
            List.of("4", "0.022000000", "10.0.0.1", "10.0.1.2", "63", "17", "40000", "7", "40"),
            List.of("5", "0.022000000", "10.0.1.2", "10.0.0.1", "64", "17", "7", "40000", "24"));
  }

  @Test
  void checksumsAreGood_exceptTheUdpChecksumOfTheCorruptedPacket() {
    // Status 1 is good, 0 bad.
    assertThat(columns("frame.number", "ip.checksum.status", "udp.checksum.status"))
        .containsExactly(
            List.of("1", "1", "1"),
            List.of("2", "1", "1"),
            List.of("3", "1", "0"),
            List.of("4", "1", "1"),
            List.of("5", "1", "1"));
  }

  @Test
  void theOnlyExpertInfoIsTheBadChecksumOfTheCorruptedPacket_namingTheRightChecksum() {
    assertThat(
            columns("frame.number", "_ws.expert.severity", "_ws.expert.message", "_ws.malformed"))
        .containsExactly(
            List.of("1", "", "", ""),
            List.of("2", "", "", ""),
            List.of(
                "3",
                Integer.toString(ERROR_SEVERITY),
                "Bad checksum [should be " + correctPingChecksum() + "]",
                ""),
            List.of("4", "", "", ""),
            List.of("5", "", "", ""));
  }

  /** The UDP checksum of an intact ping as it reaches the server, e.g. "0x1a2b". */
  private static String correctPingChecksum() {
    byte[] bytes = TestPackets.packet(0, "10.0.0.1", "10.0.1.2", ping(), "client", null).toBytes();
    int at = Packet.HEADER_LENGTH + TestPayload.CHECKSUM_OFFSET;
    return String.format("0x%04x", ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF));
  }
}
