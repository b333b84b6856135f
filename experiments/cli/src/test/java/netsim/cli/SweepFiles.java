package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A small, quick sweep file for the tests, and a byte-for-byte comparison of directories. */
final class SweepFiles {
  /** 2 losses x 2 delays = 4 points, 3 runs each: 12 short transfers, about a second in all. */
  static final String SMALL =
      """
      name: small-sweep
      seed: 7
      tcp: {minRto: 200ms, msl: 1s}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, bandwidth: 10Mbps, delay: 10ms}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 30KB, close: done}
      sweep:
        parameters:
          links[0].loss: [0, 0.05]
          links[0].delay: {from: 10ms, to: 30ms, step: 20ms}
        repetitions: 3
      """;

  /**
   * A parameter whose values are mappings (the whole client), and time_to_close_ms missing at the
   * first point: at stop.at 50ms the client that starts at 100ms has not run. 2 x 2 points, 2 runs
   * each.
   */
  static final String MAPPING_GAP =
      """
      name: mapping-gap
      seed: 3
      tcp: {minRto: 200ms, msl: 10ms}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, bandwidth: 100Mbps, delay: 1ms}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 1KB, close: done}
      sweep:
        parameters:
          stop.at: [50ms, 10s]
          clients[0]:
            - {host: client, connect: "server:80", at: 100ms, send: 1KB, close: done}
            - {host: client, connect: "server:80", send: 1KB, close: done}
        repetitions: 2
      """;

  private SweepFiles() {}

  /** Writes {@code text} as {@code dir/NAME} and returns its path as a string. */
  /**
   * Sweeps and validates {@code text} (as {@code exp.yaml} in {@code dir}), which must be refused:
   * exit status 2 from both, the same message, no stack trace, nothing run. Returns the message,
   * trimmed, with the file named {@code exp.yaml}.
   */
  static String refusal(Path dir, String text) {
    String file = write(dir, "exp.yaml", text);
    Path out = dir.resolve("out");
    Cli.Result run = Cli.run("sweep", file, "--out", out.toString());
    assertThat(run.exit()).as("exit; out: %s", run.out()).isEqualTo(2);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.exists(out.resolve("runs"))).as("nothing ran").isFalse();
    Cli.Result validate = Cli.run("validate", file);
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).isEqualTo(run.err());
    return run.err().trim().replace(dir.resolve("exp.yaml").toString(), "exp.yaml");
  }

  static String write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, text);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under {@code dir}, relative, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<String> files = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .sorted()
          .forEach(f -> files.add(dir.relativize(f).toString()));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies every file under {@code from} to the same place under {@code to}. */
  static void copy(Path from, Path to) {
    try {
      for (String name : files(from)) {
        Files.createDirectories(to.resolve(name).getParent());
        Files.copy(from.resolve(name), to.resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that both directories hold the same files with the same bytes. */
  static void assertSameFiles(Path expected, Path actual) {
    List<String> names = files(expected);
    assertThat(files(actual)).isEqualTo(names);
    for (String name : names) {
      try {
        assertThat(Files.readAllBytes(actual.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(expected.resolve(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
