package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.core.RandomStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsim sweep}: the cross product of the values, one row per run with its derived seed,
 * results that do not depend on the number of workers, resuming, refusing to mix configs, and
 * provenance in every output. The small sweep is run once with one worker for all tests.
 */
class SweepCommandTest {
  @TempDir static Path dir;
  static String file;
  static Path one;
  static Cli.Result oneRun;

  @BeforeAll
  static void sweepWithOneWorker() {
    file = SweepFiles.write(dir, "small.yaml", SweepFiles.SMALL);
    one = dir.resolve("one");
    oneRun = Cli.run("sweep", file, "--out", one.toString(), "--parallel", "1");
    assertThat(oneRun.exit()).as(oneRun.err()).isZero();
  }

  @Test
  void sweep_writesTheManifestTheRunsTheTablesAndThePlots() {
    assertThat(SweepFiles.files(one))
        .contains(
            "sweep.json",
            "config.json",
            "results.csv",
            "summary.csv",
            "runs/000000.json",
            "runs/000011.json",
            "plots/goodput_bps-vs-links-0-loss.svg",
            "plots/retransmissions-vs-links-0-delay.svg");
    assertThat(SweepFiles.files(one).stream().filter(f -> f.startsWith("runs/"))).hasSize(12);
    assertThat(SweepFiles.files(one)).noneMatch(f -> f.contains(".partial"));
    assertThat(oneRun.out())
        .contains("netsim sweep small-sweep: 12 runs (4 points x 3 runs per" + " point)")
        .contains("run 000011 done (12/12)")
        .contains("results.csv");
  }

  @Test
  void results_haveOneRowPerRun_withTheCrossProductInOrder_andDerivedSeeds() throws IOException {
    List<String> lines = Files.readAllLines(one.resolve("results.csv"));
    assertThat(lines.get(0)).startsWith("# netsim ");
    assertThat(lines.get(1))
        .isEqualTo(
            "run,point,repetition,seed,links[0].loss,links[0].delay,"
                + "bytes_delivered,goodput_bps,retransmissions,time_to_establish_ms,time_to_close_ms,"
                + "states_visited,invariants_ok");
    assertThat(lines).hasSize(2 + 12);
    String[] expectedPoints = {"0,10ms", "0,30ms", "0.05,10ms", "0.05,30ms"};
    for (int run = 0; run < 12; run++) {
      String[] cells = lines.get(2 + run).split(",");
      assertThat(cells[0]).isEqualTo(Integer.toString(run));
      assertThat(cells[1]).isEqualTo(Integer.toString(run / 3));
      assertThat(cells[2]).isEqualTo(Integer.toString(run % 3));
      assertThat(Long.parseLong(cells[3])).isEqualTo(RandomStreams.deriveSeed(7, "sweep", run));
      assertThat(cells[4] + "," + cells[5]).isEqualTo(expectedPoints[run / 3]);
      assertThat(cells[6]).as("every byte delivered").isEqualTo("30000");
      assertThat(cells[12]).isEqualTo("1");
    }
  }

  @Test
  void lossAndDelay_showInTheMetrics() throws IOException {
    List<String> lines = Files.readAllLines(one.resolve("results.csv"));
    // Run 0: no loss, 10 ms: the handshake takes one round trip of 20 ms (plus serialization).
    String[] lossless = lines.get(2).split(",");
    assertThat(lossless[8]).isEqualTo("0");
    assertThat(Double.parseDouble(lossless[9])).isBetween(20.0, 21.0);
    // 30 ms each way: 60 ms.
    assertThat(Double.parseDouble(lines.get(2 + 3).split(",")[9])).isBetween(60.0, 61.0);
    long lossyRetransmissions = 0;
    for (int run = 6; run < 12; run++) {
      lossyRetransmissions += Long.parseLong(lines.get(2 + run).split(",")[8]);
    }
    assertThat(lossyRetransmissions).as("retransmissions at 5% loss").isPositive();
  }

  @Test
  void oneWorker_andThree_writeTheSameBytes() {
    Path three = dir.resolve("three");
    Cli.Result run = Cli.run("sweep", file, "--out", three.toString(), "--parallel", "3");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 workers");
    SweepFiles.assertSameFiles(one, three);
  }

  @Test
  void rerun_skipsTheFinishedRuns_runsTheOthers_andEndsWithTheSameBytes() throws IOException {
    Path resumed = dir.resolve("resumed");
    Cli.Result first = Cli.run("sweep", file, "--out", resumed.toString(), "--parallel", "2");
    assertThat(first.exit()).isZero();
    // As if the sweep had been stopped: three runs and the tables missing.
    Files.delete(resumed.resolve("runs/000004.json"));
    Files.delete(resumed.resolve("runs/000005.json"));
    Files.delete(resumed.resolve("runs/000010.json"));
    Files.delete(resumed.resolve("results.csv"));
    Path kept = resumed.resolve("runs/000003.json");
    String keptText = Files.readString(kept);
    Files.writeString(kept, keptText); // same content, new modification time
    var keptTime = Files.getLastModifiedTime(kept);

    Cli.Result again = Cli.run("sweep", file, "--out", resumed.toString(), "--parallel", "2");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("resuming in " + resumed + ": 9 of 12 runs already done," + " 3 to run");
    assertThat(again.out().lines().filter(l -> l.startsWith("run ")))
        .extracting(l -> l.substring(0, 10))
        .containsExactlyInAnyOrder("run 000004", "run 000005", "run 000010");
    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(keptTime);
    SweepFiles.assertSameFiles(one, resumed);
  }

  @Test
  void aRunFileCopiedUnderAnotherIndex_isRefused_andRunAgainOnceRemoved() throws IOException {
    Path copied = dir.resolve("copied");
    SweepFiles.copy(one, copied);
    Path three = copied.resolve("runs/000003.json");
    String seven = Files.readString(copied.resolve("runs/000007.json"));
    Files.writeString(three, seven);
    List<String> before = SweepFiles.files(copied);

    Cli.Result copy = Cli.run("sweep", file, "--out", copied.toString());
    assertThat(copy.exit()).isEqualTo(2);
    assertThat(copy.err())
        .startsWith(
            "netsim: "
                + three
                + " is not run 3 of this sweep: it"
                + " records run 7 (point 2, repetition 1, seed ")
        .contains(
            "links[0].loss=0.05,"
                + " links[0].delay=10ms). Was it copied or renamed? netsim will not use it: remove it,"
                + " and the sweep runs run 3 again.")
        .doesNotContain("Exception");
    assertThat(SweepFiles.files(copied)).isEqualTo(before);

    // Its index edited to match its name: its point still tells.
    Files.writeString(three, seven.replace("\"run\":7,", "\"run\":3,"));
    Cli.Result edited = Cli.run("sweep", file, "--out", copied.toString());
    assertThat(edited.exit()).isEqualTo(2);
    assertThat(edited.err())
        .contains(" is not run 3 of this sweep: it records run 3 (point 2," + " repetition 1, ")
        .contains(", where run 3 is point 1, repetition 0.");

    // Index, point and values all edited: its seed still tells.
    String original = Files.readString(one.resolve("runs/000003.json"));
    long seed = new ObjectMapper().readTree(original).get("seed").asLong();
    Files.writeString(three, original.replace("\"seed\":" + seed + ",", "\"seed\":12345,"));
    Cli.Result reseeded = Cli.run("sweep", file, "--out", copied.toString());
    assertThat(reseeded.exit()).isEqualTo(2);
    assertThat(reseeded.err())
        .contains("records run 3 (point 1, repetition 0, seed 12345, ")
        .contains(", where run 3 has seed " + seed + ".");

    Files.delete(three);
    Cli.Result again = Cli.run("sweep", file, "--out", copied.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("11 of 12 runs already done, 1 to run");
    SweepFiles.assertSameFiles(one, copied);
  }

  @Test
  void rerun_withAnotherConfig_isRefused_andLeavesTheDirectoryAlone() throws IOException {
    Path other = dir.resolve("other");
    assertThat(Cli.run("sweep", file, "--out", other.toString()).exit()).isZero();
    List<String> before = SweepFiles.files(other);
    String manifest = Files.readString(other.resolve("sweep.json"));

    Cli.Result changed = Cli.run("sweep", file, "--out", other.toString(), "--set", "tcp.msl=2s");
    assertThat(changed.exit()).isEqualTo(2);
    assertThat(changed.err())
        .contains("holds results of another config (config sha256 ")
        .contains("netsim will not mix them")
        .doesNotContain("Exception");
    assertThat(SweepFiles.files(other)).isEqualTo(before);
    assertThat(Files.readString(other.resolve("sweep.json"))).isEqualTo(manifest);

    Cli.Result reseeded = Cli.run("sweep", file, "--out", other.toString(), "--seed", "8");
    assertThat(reseeded.exit()).isEqualTo(2);
  }

  @Test
  void everyOutput_namesTheVersion_theConfigHash_andTheSeeds() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(one.resolve("sweep.json").toFile());
    String hash = manifest.get("configSha256").asText();
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(manifest.get("netsim").asText()).startsWith("0.");
    assertThat(manifest.get("masterSeed").asLong()).isEqualTo(7);
    assertThat(manifest.get("seeds").asText())
        .isEqualTo("RandomStreams.deriveSeed(7, \"sweep\", run)");
    assertThat(sha256(Files.readAllBytes(one.resolve("config.json")))).isEqualTo(hash);
    String provenance = "netsim " + manifest.get("netsim").asText();
    for (String table : List.of("results.csv", "summary.csv")) {
      assertThat(Files.readAllLines(one.resolve(table)).get(0))
          .startsWith("# " + provenance)
          .contains("config sha256 " + hash)
          .contains("master seed 7")
          .contains("run seeds: RandomStreams.deriveSeed(7, \"sweep\", run)");
    }
    JsonNode run = new ObjectMapper().readTree(one.resolve("runs/000005.json").toFile());
    assertThat(run.get("configSha256").asText()).isEqualTo(hash);
    assertThat(run.get("seed").asLong()).isEqualTo(RandomStreams.deriveSeed(7, "sweep", 5));
    assertThat(Files.readString(one.resolve("plots/goodput_bps-vs-links-0-loss.svg")))
        .contains("<!-- " + provenance)
        .contains(hash);
  }

  @Test
  void configHash_ignoresComments_butNotValues() {
    Path a = dir.resolve("hash-a");
    Path b = dir.resolve("hash-b");
    String commented =
        SweepFiles.write(
            dir,
            "commented.yaml",
            "# a comment\n" + SweepFiles.SMALL.replace("seed: 7", "seed: 7   # the master seed"));
    Cli.Result plain =
        Cli.run("sweep", file, "--out", a.toString(), "--set", "sweep.repetitions=1");
    Cli.Result withComments =
        Cli.run("sweep", commented, "--out", b.toString(), "--set", "sweep.repetitions=1");
    assertThat(plain.exit()).isZero();
    assertThat(withComments.exit()).isZero();
    SweepFiles.assertSameFiles(a, b);
  }

  @Test
  void listedSeeds_areTheSameAtEveryPoint() throws IOException {
    Path seeded = dir.resolve("seeded");
    String seeds =
        SweepFiles.write(
            dir,
            "seeds.yaml",
            SweepFiles.SMALL.replace("repetitions: 3", "seeds: {from: 100, to: 101}"));
    Cli.Result run = Cli.run("sweep", seeds, "--out", seeded.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(seeded.resolve("results.csv"));
    assertThat(lines).hasSize(2 + 8);
    for (int r = 0; r < 8; r++) {
      assertThat(lines.get(2 + r).split(",")[3]).isEqualTo(r % 2 == 0 ? "100" : "101");
    }
    assertThat(lines.get(0)).contains("run seeds: the seeds of sweep.seeds at every point");
  }

  @Test
  void check_exitsWithOne_whenARunViolatesAnInvariant() {
    String counterfactual =
        SweepFiles.write(
            dir,
            "violated.yaml",
            """
        name: violated
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2, tcp: {counterfactual: {twoWayHandshake: true}}}
        links:
          - {a: client, b: server}
        listeners:
          - {host: server, port: 80, close: never}
        clients:
          - {host: client, connect: "server:80", send: 10, close: never}
        stop: {at: 5s}
        sweep:
          parameters:
            links[0].delay: [10ms, 20ms]
        """);
    Cli.Result run =
        Cli.run("sweep", counterfactual, "--out", dir.resolve("violated").toString(), "--check");
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("invariants: violated in 2 of 2 runs");
  }

  @Test
  void everyExampleSweep_validates() throws IOException {
    try (var files = Files.list(Repository.path("experiments/sweeps"))) {
      List<Path> sweeps = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sweeps).isNotEmpty();
      for (Path sweep : sweeps) {
        Cli.Result valid = Cli.run("validate", sweep.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("; sweep: ");
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
