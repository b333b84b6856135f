package netsim.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.net.pcap.PcapWriter;
import netsim.net.pcap.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UDP datagrams as Wireshark users see them: real UDP headers, lengths and good checksums. An
 * integration test: skipped, saying why, where tshark is not installed.
 */
class UdpCaptureIT {
  @Test
  void tsharkDecodesEveryDatagramWithItsPortsLengthAndAGoodChecksum(@TempDir Path directory)
      throws IOException {
    assumeTrue(Tshark.available(), Tshark::unavailableReason);
    Path capture = directory.resolve("a.pcap");
    try (OutputStream out = Files.newOutputStream(capture);
        PcapWriter writer = new PcapWriter(out)) {
      Simulator sim = new Simulator();
      Network net = new Network(sim, new RandomStreams(1));
      Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
      Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
      LinkConfig link = LinkConfig.builder().delay(Time.millis(1)).build();
      net.connect(a, b, link, link);
      net.computeRoutes();
      net.tap(a, writer);
      UdpStack udp = UdpStack.install(a);
      UdpStack.install(b).bind(9, (now, source, d) -> {});
      int port = udp.reserve(5000);
      int[] lengths = {0, 1, 15, 16, 1000, 1472};
      for (int i = 0; i < lengths.length; i++) {
        int length = lengths[i];
        long number = i;
        sim.scheduleAt(Time.millis(i), () -> udp.send(port, b.address(), 9, length, number));
      }
      sim.run();
    }
    List<List<String>> rows =
        Tshark.fields(
            capture, "udp.srcport", "udp.dstport", "udp.length", "udp.checksum.status", "ip.len");
    assertThat(rows)
        .extracting(row -> String.join(" ", row))
        .containsExactly(
            "5000 9 8 1 28",
            "5000 9 9 1 29",
            "5000 9 23 1 43",
            "5000 9 24 1 44",
            "5000 9 1008 1 1028",
            "5000 9 1480 1 1500");
  }
}
