package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.core.Time;
import netsim.net.fault.FaultRule;
import netsim.net.fault.Match;
import netsim.net.pcap.PcapWriter;
import netsim.net.pcap.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of a whole TCP connection, with options and a lost final ACK, decoded by tshark: every
 * segment's flags, relative seq/ack, options and a good checksum, as Wireshark users will see it.
 * An integration test (Failsafe runs it in {@code mvn verify}): skipped, saying why, where tshark
 * is not installed.
 */
class TcpCaptureIT {

  @Test
  void tsharkDecodesEveryTcpSegmentWithGoodChecksumsAndOptions(@TempDir Path directory)
      throws IOException {
    assumeTrue(Tshark.available(), Tshark::unavailableReason);
    Path capture = directory.resolve("client.pcap");
    try (OutputStream out = Files.newOutputStream(capture);
        PcapWriter writer = new PcapWriter(out)) {
      Testbed t = Testbed.of(7, "50ms", TcpConfig.defaults());
      t.net.tap(t.clientHost, writer);
      t.onClientToServer(
          FaultRule.match(Match.builder().senderState("TIME_WAIT").build()).nth(1).drop());
      t.listen(t.recorder("S", TcpConnection::shutdownOutput));
      t.at(
          "0s",
          () -> {
            TcpConnection c = t.connect(new TcpHandler() {});
            t.at("500ms", () -> c.send(new byte[100]));
            t.at("1s", c::shutdownOutput);
          });
      t.run();
    }
    List<List<String>> rows =
        Tshark.fields(
            capture,
            "frame.time_relative",
            "tcp.flags.str",
            "tcp.seq",
            "tcp.ack",
            "tcp.len",
            "tcp.checksum.status",
            "tcp.options.mss_val",
            "tcp.options.wscale.shift",
            "tcp.options.timestamp.tsval",
            "_ws.expert.severity");
    assertThat(rows)
        .extracting(row -> row.get(1))
        .containsExactly(
            "··········S·",
            "·······A··S·",
            "·······A····",
            "·······AP···",
            "·······A····",
            "·······A···F",
            "·······A···F",
            "·······A····",
            "·······A···F",
            "·······A····");
    // Relative sequence numbers as Wireshark computes them.
    assertThat(rows)
        .extracting(row -> row.get(2) + "/" + row.get(3) + "/" + row.get(4))
        .containsExactly(
            "0/0/0", "0/1/0", "1/1/0", "1/1/100", "1/101/0", "101/1/0", "1/102/0", "102/2/0",
            "1/102/0", "102/2/0");
    assertThat(rows).allSatisfy(row -> assertThat(row.get(5)).isEqualTo("1"));
    assertThat(rows.get(0).get(6)).isEqualTo("1460");
    assertThat(rows.get(0).get(7)).isEqualTo("1"); // 64 KiB needs a shift of 1
    assertThat(rows.get(2).get(8)).isNotEmpty();
    assertThat(rows.get(0).get(0)).isEqualTo("0.000000000");
    assertThat(rows.get(1).get(0))
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.9f", Time.millis(100) / 1e9));
  }

  @Test
  void tsharkDecodesTheSackBlocksOfAReceiverThatMissedASegment(@TempDir Path directory)
      throws IOException {
    assumeTrue(Tshark.available(), Tshark::unavailableReason);
    Path capture = directory.resolve("server.pcap");
    try (OutputStream out = Files.newOutputStream(capture);
        PcapWriter writer = new PcapWriter(out)) {
      Testbed t = Testbed.of(7, "50ms", TcpConfig.builder().sackPermitted(true).build());
      t.net.tap(t.serverHost, writer);
      t.onClientToServer(
          FaultRule.match(Match.builder().dataLength(1, 100_000).build()).nth(1).drop());
      t.listen(t.recorder("S", TcpConnection::shutdownOutput));
      t.at(
          "0s",
          () -> {
            TcpConnection c = t.connect(new TcpHandler() {});
            t.at("500ms", () -> c.send(new byte[3 * 1448]));
          });
      t.run();
    }
    List<List<String>> rows =
        Tshark.fields(
            capture, "tcp.srcport", "tcp.ack", "tcp.options.sack_le", "tcp.options.sack_re");
    // The server's ACKs while the first segment (1448 bytes) is missing, in relative numbers.
    assertThat(rows)
        .filteredOn(row -> row.get(0).equals("80") && !row.get(2).isEmpty())
        .extracting(row -> row.get(1) + " " + row.get(2) + "-" + row.get(3))
        .containsExactly("1 1449-2897", "1 1449-4345");
  }
}
