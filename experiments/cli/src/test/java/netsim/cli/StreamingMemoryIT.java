package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run path streams (issue 12, section 1): a run's heap does not grow with its length. The
 * shaded jar runs {@code benchmarks/experiments/bulk-100mb.yaml} made a 200 MB transfer, with its
 * trace and summary written (the pcaps off, to spare the CI machine's disk), in a heap of 96 MiB,
 * less than the trace it writes. An integration test (Failsafe runs it after the jar is built); its
 * outputs are in a temporary directory, deleted afterwards.
 */
class StreamingMemoryIT {
  /** 25 s on the 2-core machine at a load average of about 20; the bound leaves room for worse. */
  private static final long TIMEOUT_S = 180;

  @TempDir Path dir;

  @Test
  void a200MegabyteTransfer_withTraceAndSummary_runsIn96MiB() throws IOException {
    Path out = dir.resolve("out");
    NetsimProcess.Result run =
        NetsimProcess.runJar(
            Repository.path("experiments/cli/target/netsim.jar"),
            List.of("-Xmx96m"),
            TIMEOUT_S,
            "run",
            Repository.path("benchmarks/experiments/bulk-100mb.yaml").toString(),
            "--set",
            "clients[0].send=200MB",
            "--set",
            "outputs.pcap=false",
            "--out",
            out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/connections/1/role").asText()).isEqualTo("server");
    assertThat(summary.at("/connections/1/bytesDelivered").asLong()).isEqualTo(200_000_000L);
    assertThat(summary.at("/invariants/ok").asBoolean()).isTrue();
    // the trace holds every event of the run: larger than the heap that wrote it
    assertThat(Files.size(out.resolve("trace.jsonl"))).isGreaterThan(96L << 20);
    assertThat(out.resolve("client.pcap")).doesNotExist();
  }
}
