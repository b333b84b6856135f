package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsim sweep --shard K/N} and {@code netsim merge}: shares run apart and merged give the
 * files of the whole sweep run on one machine, byte for byte; a merge of shares of different
 * configs, with a run twice or with runs missing is refused with a sentence saying which.
 */
class MergeCommandTest {
  @TempDir static Path dir;
  static String file;
  static Path whole;
  static Path[] shares = new Path[3];

  @BeforeAll
  static void sweepWhole_andInThreeShares() {
    file = SweepFiles.write(dir, "small.yaml", SweepFiles.SMALL);
    whole = dir.resolve("whole");
    assertThat(Cli.run("sweep", file, "--out", whole.toString()).exit()).isZero();
    for (int k = 1; k <= 3; k++) {
      shares[k - 1] = dir.resolve("share-" + k);
      Cli.Result share =
          Cli.run(
              "sweep",
              file,
              "--out",
              shares[k - 1].toString(),
              "--shard",
              k + "/3",
              "--parallel",
              "1");
      assertThat(share.exit()).as(share.err()).isZero();
      assertThat(share.out())
          .contains("share " + k + "/3: 4 runs")
          .contains("share " + k + "/3 done");
    }
  }

  @Test
  void aShare_holdsEveryNthRun_andNoTables() {
    assertThat(SweepFiles.files(shares[1]))
        .containsExactly(
            "config.json",
            "runs/000001.json",
            "runs/000004.json",
            "runs/000007.json",
            "runs/000010.json",
            "sweep.json");
  }

  @Test
  void sharesMerged_equalTheWholeSweep_byteForByte() {
    Path merged = dir.resolve("merged");
    Cli.Result merge =
        Cli.run(
            "merge",
            "--out",
            merged.toString(),
            shares[2].toString(),
            shares[0].toString(),
            shares[1].toString());
    assertThat(merge.exit()).as(merge.err()).isZero();
    assertThat(merge.out())
        .contains("netsim merge: 12 runs of sweep 'small-sweep' from 3" + " directories");
    SweepFiles.assertSameFiles(whole, merged);
  }

  @Test
  void aMissingShare_isRefused_namingTheMissingRuns() {
    Cli.Result merge =
        Cli.run(
            "merge",
            "--out",
            dir.resolve("m1").toString(),
            shares[0].toString(),
            shares[2].toString());
    assertThat(merge.exit()).isEqualTo(2);
    assertThat(merge.err())
        .contains(
            "4 of 12 runs are missing (runs 1, 4, 7, 10): was every"
                + " share given, and did each finish? Shares given: 1/3, 3/3.");
    assertThat(Files.exists(dir.resolve("m1"))).isFalse();
  }

  @Test
  void aRunFileOfAShare_copiedUnderAnotherIndex_isRefused_andNothingIsMerged() throws IOException {
    Path share = dir.resolve("share-2-copied");
    SweepFiles.copy(shares[1], share);
    Path four = share.resolve("runs/000004.json");
    Files.copy(share.resolve("runs/000010.json"), four, StandardCopyOption.REPLACE_EXISTING);
    Path merged = dir.resolve("m-copied");
    Cli.Result merge =
        Cli.run(
            "merge",
            "--out",
            merged.toString(),
            shares[0].toString(),
            share.toString(),
            shares[2].toString());
    assertThat(merge.exit()).isEqualTo(2);
    assertThat(merge.err())
        .startsWith(
            "netsim: "
                + four
                + " is not run 4 of this sweep: it"
                + " records run 10 (point 3, repetition 1, seed ");
    assertThat(Files.exists(merged)).isFalse();
  }

  @Test
  void aShareGivenTwice_orOverlappingTheWhole_isRefused() {
    Cli.Result twice =
        Cli.run(
            "merge",
            "--out",
            dir.resolve("m2").toString(),
            shares[0].toString(),
            shares[1].toString(),
            shares[2].toString(),
            shares[1].toString());
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err())
        .contains("run 1 is in both " + shares[1] + " and " + shares[1] + ": give each share once");
    Cli.Result overlap =
        Cli.run(
            "merge", "--out", dir.resolve("m3").toString(), whole.toString(), shares[0].toString());
    assertThat(overlap.exit()).isEqualTo(2);
    assertThat(overlap.err()).contains("run 0 is in both " + whole + " and " + shares[0]);
  }

  @Test
  void sharesOfAnotherConfig_areRefused() {
    Path other = dir.resolve("other-2");
    Cli.Result share =
        Cli.run(
            "sweep",
            file,
            "--out",
            other.toString(),
            "--shard",
            "2/3",
            "--set",
            "links[0].bandwidth=20Mbps");
    assertThat(share.exit()).isZero();
    Cli.Result merge =
        Cli.run(
            "merge",
            "--out",
            dir.resolve("m4").toString(),
            shares[0].toString(),
            other.toString(),
            shares[2].toString());
    assertThat(merge.exit()).isEqualTo(2);
    assertThat(merge.err())
        .contains(other + " holds a sweep of another config (config sha256")
        .contains("they are not shares of one sweep");
  }

  @Test
  void aShareRunAgain_intoItsDirectory_resumes_butAnotherShareThereIsRefused() throws IOException {
    Path share = dir.resolve("share-again");
    assertThat(Cli.run("sweep", file, "--out", share.toString(), "--shard", "1/3").exit()).isZero();
    Files.delete(share.resolve("runs/000003.json"));
    Cli.Result again = Cli.run("sweep", file, "--out", share.toString(), "--shard", "1/3");
    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .contains("3 of 4 runs already done, 1 to run")
        .contains("run 000003 done");
    Cli.Result other = Cli.run("sweep", file, "--out", share.toString(), "--shard", "2/3");
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("holds share 1/3 of this sweep; this is share 2/3");
  }

  @Test
  void notASweepDirectory_isRefused() {
    Cli.Result merge = Cli.run("merge", "--out", dir.resolve("m5").toString(), dir.toString());
    assertThat(merge.exit()).isEqualTo(2);
    assertThat(merge.err()).contains("has no sweep.json: not the output of netsim sweep");
  }
}
