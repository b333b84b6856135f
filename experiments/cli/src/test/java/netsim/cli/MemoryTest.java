package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory follows the data, not the configured buffer sizes nor the number of connections that have
 * finished: each run goes in a JVM of its own with a small heap, where it must succeed.
 */
class MemoryTest {
  @TempDir Path dir;

  /** Runs {@code netsim run --check} on {@code yaml} in a new JVM with at most {@code heap}. */
  private Run runInHeap(String heap, String yaml) throws IOException, InterruptedException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx" + heap,
                    "-cp",
                    String.join(File.pathSeparator, classpath.split(File.pathSeparator)),
                    "netsim.cli.Main",
                    "run",
                    file.toString(),
                    "--out",
                    dir.resolve("out").toString(),
                    "--check"))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("netsim run did not finish within 120 s");
    }
    return new Run(p.exitValue(), output);
  }

  private record Run(int exit, String output) {}

  @Test
  void aOneGibibyteSendBuffer_carrying100Bytes_runsIn64MiB() throws Exception {
    Run run =
        runInHeap(
            "64m",
            """
        tcp: {sendBuffer: 1GiB}
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: server, delay: 10ms}
        listeners:
          - {host: server, port: 80, send: 100, close: eof}
        clients:
          - {host: client, connect: "server:80", send: 100, close: done}
        """);
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("sent 100 B, delivered 100 B", "invariants: all hold");
  }

  @Test
  void tenClientsOfAThousandSequentialConnections_withThe256KiBDefaultBuffers_runIn160MiB()
      throws Exception {
    // Were each finished connection kept whole, with a send buffer allocated at its full size,
    // they would need 10 x 1000 x 256 KiB = 2.5 GiB. What is left per connection is its
    // record and its trace events (about 50, sharing their names).
    String client =
        "  - {host: client, connect: \"server:80\", send: 1000, close: done,"
            + " connections: 1000}\n";
    Run run =
        runInHeap(
            "160m",
            """
        tcp: {msl: 1ms}
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: server, delay: 1ms}
        listeners:
          - {host: server, port: 80, send: 1000, close: eof}
        outputs: {pcap: false, ladder: false, plots: false}
        clients:
        """
                + client.repeat(10));
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("all connections closed", "invariants: all hold");
  }

  @Test
  void aTwentyMegabyteTransfer_withLadderPlotsAndSummary_runsIn40MiB() throws Exception {
    // About 100,000 events: kept in a list for the ladder and the plots, as before, they did not
    // fit. The ladder keeps its first 300 segments, the plots a few thousand points per series.
    // Writing a plot holds its SVG document (VectorGraphics2D builds it as a DOM) for a moment:
    // 28 MiB is the least this run needs, the same as for a ten times longer one. Given 40: at 30
    // and 32 MiB a run failed now and then on a loaded machine (G1's 1 MiB regions and the SVG's
    // large strings: the headroom the collector gets depends on when it runs).
    Run run =
        runInHeap(
            "40m",
            """
        tcp: {sendBuffer: 4MiB, receiveBuffer: 4MiB}
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: router, kind: router}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: router, bandwidth: 100Mbps, delay: 10ms, loss: 0.01}
          - {a: router, b: server, bandwidth: 100Mbps, delay: 10ms}
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", send: 20MB, close: done}
        outputs: {trace: false, pcap: false}
        """);
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("delivered 20000000 B", "invariants: all hold", "ladder.svg", "timeseq.svg");
  }
}
