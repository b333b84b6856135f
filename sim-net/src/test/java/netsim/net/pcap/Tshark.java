package netsim.net.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark over a capture file in tests and returns what it reports, one row of fields per
 * packet. Tests call {@link #available()} in {@code Assumptions.assumeTrue(...)} so that they are
 * reported as skipped, with the reason, where tshark is not installed ({@code .ci/run} installs
 * it).
 *
 * <p>sim-net publishes its test classes as a test-jar, so other modules' capture tests use this
 * class too.
 */
public final class Tshark {
  /** Why tshark is unavailable, or null when it runs. */
  private static final String UNAVAILABLE = probe();

  private Tshark() {}

  public static boolean available() {
    return UNAVAILABLE == null;
  }

  /** Says why the tshark tests are skipped. */
  public static String unavailableReason() {
    return "tshark not installed: "
        + UNAVAILABLE
        + " (install it with `apt-get install -y tshark`, as .ci/run does)";
  }

  private static String probe() {
    try {
      Result version = run(List.of("tshark", "--version"));
      return version.exitCode() == 0 ? null : "`tshark --version` exited " + version.exitCode();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** What tshark printed; stderr without its warning about running as root. */
  public record Result(int exitCode, List<String> stdout, List<String> stderr) {}

  /**
   * Prints {@code fields} of every packet in {@code capture}, tab-separated, with the IPv4, UDP and
   * TCP checksums verified (a status field reads 0 bad, 1 good, 2 unverified).
   *
   * @return one row per packet, one string per field ("" when the packet lacks it)
   */
  public static List<List<String>> fields(Path capture, String... fields) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "tshark",
                "-r",
                capture.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "udp.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=/t",
                "-E",
                "occurrence=a",
                "-E",
                "aggregator=,"));
    for (String field : fields) {
      command.add("-e");
      command.add(field);
    }
    Result result = run(command);
    if (result.exitCode() != 0 || !result.stderr().isEmpty()) {
      throw new AssertionError(
          "tshark failed on " + capture + " (exit " + result.exitCode() + "): " + result.stderr());
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : result.stdout()) {
      rows.add(List.of(line.split("\t", -1)));
    }
    return rows;
  }

  public static Result run(List<String> command) throws IOException {
    Path stdout = Files.createTempFile("tshark", ".out");
    Path stderr = Files.createTempFile("tshark", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      // A guard against a hung tool, not a timing assertion.
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("tshark did not finish: " + command);
      }
      List<String> errors = new ArrayList<>();
      for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
        if (!line.startsWith("Running as user \"root\"") && !line.isBlank()) {
          errors.add(line);
        }
      }
      return new Result(
          process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8), errors);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
