package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits on input (docs/config.md, "Input limits"): a config of at most 1 MiB, in UTF-8, nested
 * at most 32 deep, with texts of at most 64 KiB and numbers of at most 100 characters. Each is a
 * located error, given at once: reading stops at the size limit.
 */
class ConfigInputLimitsTest {
  @TempDir Path dir;

  private String error(String text) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new ConfigCase(dir).error(text));
  }

  /** A file of {@code megabytes} MB: "name: " and one text scalar, written without a String. */
  private Path hugeScalar(int megabytes) throws IOException {
    Path file = dir.resolve("exp.yaml");
    byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("name: ".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < megabytes; i++) {
        out.write(chunk);
      }
    }
    return file;
  }

  @Test
  void a10MbAnd50MbTextScalar_areRefusedAtOnce_whereTheLimitFalls() throws IOException {
    for (int megabytes : new int[] {10, 50}) {
      Path file = hugeScalar(megabytes);
      long start = System.nanoTime();
      String message =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new ConfigCase(dir).error(file));
      // validate and run each refused it; reading stops at 1 MiB, so this takes milliseconds.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(message)
          .isEqualTo(
              "netsim: exp.yaml:1:1048577: the file is longer than"
                  + " 1048576 bytes (1 MiB), the most a config may hold");
    }
  }

  @Test
  void aTextOfMoreThan64KiB_isRefused() {
    assertThat(error("description: " + "d".repeat(70_000) + "\n" + ConfigCase.BASE))
        .isEqualTo(
            "netsim: exp.yaml:1:14: description: a text of 70000 characters; a"
                + " config's texts are at most 65536");
  }

  @Test
  void nestingDeeperThan32_isRefused_atTheMappingOrListTooDeep() {
    assertThat(error("description: " + "[".repeat(1001) + "]".repeat(1001) + "\n"))
        .isEqualTo(
            "netsim: exp.yaml:1:45: description"
                + "[0]".repeat(31)
                + ": nested"
                + " deeper than 32 mappings and lists, the most a config may");
  }

  @Test
  void aNumberOf1001Digits_isRefused() {
    assertThat(error("seed: " + "7".repeat(1001) + "\n" + ConfigCase.BASE))
        .isEqualTo(
            "netsim: exp.yaml:1:7: seed: out of range: a number of 1001 characters (at most 100)");
  }

  @Test
  void aByteThatIsNotUtf8_isLocated() {
    byte[] text = (ConfigCase.BASE + "description: caf\u00e9 X\n").getBytes(StandardCharsets.UTF_8);
    text[text.length - 2] = (byte) 0xFF;
    assertThat(new ConfigCase(dir).error(text))
        .isEqualTo(
            "netsim: exp.yaml:10:19: not UTF-8:"
                + " the byte 0xFF at offset "
                + (text.length - 2)
                + " does not belong here (a config"
                + " file is UTF-8 text)");
  }

  @Test
  void aControlCharacter_isLocated() {
    assertThat(error(ConfigCase.BASE + "description: a\u0001b\n"))
        .isEqualTo(
            "netsim: exp.yaml:10:15: the character U+0001 is not allowed in YAML (in double"
                + " quotes, write it as an escape such as \\x01)");
  }

  @Test
  void aDevice_isRefusedUnread_soDevZeroCannotExhaustMemory() {
    Path zero = Path.of("/dev/zero");
    if (!Files.exists(zero)) {
      return; // not on this system; the directory case below checks the same rule
    }
    Cli.Result validate =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Cli.run("validate", "/dev/zero"));
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err())
        .isEqualTo(
            "netsim: /dev/zero: not a regular file (a device,"
                + " pipe or socket may never end): a config is a file\n");
  }

  @Test
  void aDirectory_isRefused() {
    Cli.Result validate = Cli.run("validate", dir.toString());
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err())
        .isEqualTo("netsim: " + dir + ": a directory, not a config" + " file\n");
  }

  /**
   * {@link ConfigCase#BASE} with {@code clients} clients of 100,000 connections each, made back to
   * back over a link of {@code delay}: without delay, 200 bytes each, 186.3 GiB for 10,000 clients,
   * more than any test JVM's heap.
   */
  private static String manyConnections(int clients, String delay, String more) {
    String client = "  - {host: client, connect: \"server:80\", send: 100, connections: 100000}\n";
    return ConfigCase.BASE
            .replace("- {a: client, b: server}", "- {a: client, b: server, delay: " + delay + "}")
            .replace(
                "  - {host: client, connect: \"server:80\", send: 100}\n", client.repeat(clients))
        + more;
  }

  @Test
  void aRunWhoseConnectionsCannotFitInTheHeap_isRefusedBeforeItStarts_withTheStatusOfOutOfMemory() {
    String message = new ConfigCase(dir).error(manyConnections(10_000, "0", ""), 4);
    assertThat(message)
        .startsWith(
            "netsim: exp.yaml:9:53: clients[0].connections: this run would keep at least 1.00e+09"
                + " connections' records (186.3 GiB) in memory, more than this JVM's heap of ")
        .contains("give Java more memory (e.g. JDK_JAVA_OPTIONS=-Xmx280g)");
  }

  @Test
  void aTerabyteTransfer_isNotRefused_forItStreams() {
    assertThat(new ConfigCase(dir).warnings(ConfigCase.BASE.replace("send: 100", "send: 1024GiB")))
        .isEmpty();
  }

  @Test
  void aSweepPointOrAHuntTooLargeForTheHeap_isRefusedWithTheStatusOfOutOfMemory_too() {
    ConfigCase config = new ConfigCase(dir);
    Path sweep =
        config.file(
            manyConnections(
                10_000,
                "1s",
                "stop: {at: 1s}\nsweep:\n  parameters:\n    links[0].delay: [1s, 0]\n"));
    Cli.Result validate = Cli.run("validate", sweep.toString());
    Cli.Result swept = Cli.run("sweep", sweep.toString(), "--out", dir.resolve("out").toString());
    for (Cli.Result result : List.of(validate, swept)) {
      assertThat(result.exit()).isEqualTo(4);
      assertThat(result.err())
          .startsWith(
              "netsim: "
                  + sweep
                  + ":9:53: clients[0].connections: this run would keep at least 1.00e+09")
          .hasLineCount(1);
    }
    Path huge = config.file(manyConnections(10_000, "0", ""));
    Cli.Result hunt =
        Cli.run("hunt", huge.toString(), "--until", "data-violation", "--seeds", "1..2");
    assertThat(hunt.exit()).isEqualTo(4);
    assertThat(hunt.err())
        .startsWith(
            "netsim: " + huge + ":9:53: clients[0].connections: this run would keep at least")
        .hasLineCount(1);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aHugeSendBuffer_forASmallTransfer_isNotRefused() {
    assertThat(new ConfigCase(dir).warnings(ConfigCase.BASE + "tcp: {sendBuffer: 1GiB}\n"))
        .isEmpty();
  }
}
