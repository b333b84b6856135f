package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import netsim.net.pcap.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcaps of a run, decoded by tshark: each host's file holds the segments that crossed its
 * interface, as README promises ("a capture per host, for Wireshark or tshark"). An integration
 * test: it needs tshark, and is reported as skipped, with the reason, where tshark cannot run.
 */
class OutputFilesIT {
  private static final String[] FIELDS = {"ip.src", "ip.dst", "tcp.flags", "tcp.seq", "tcp.ack"};

  @Test
  void pcaps_areDecodedByTshark_withTheSegmentsOfEachHost(@TempDir Path out) throws IOException {
    assumeTrue(Tshark.available(), Tshark::unavailableReason);
    ScenarioRun.of(out, "lost-final-ack");
    List<List<String>> client = Tshark.fields(out.resolve("client.pcap"), FIELDS);
    assertThat(client).hasSize(11); // every segment crosses the client's interface
    assertThat(client.get(0)).containsExactly("10.0.0.1", "10.0.0.2", "0x0002", "0", "0");
    assertThat(client).contains(List.of("10.0.0.2", "10.0.0.1", "0x0011", "101", "102"));
    List<List<String>> server = Tshark.fields(out.resolve("server.pcap"), FIELDS);
    assertThat(server).hasSize(10); // the dropped ACK never reaches the server
  }
}
