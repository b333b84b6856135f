package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A config file in a test's directory, checked by {@code netsim validate} and {@code netsim run} as
 * a user would: a mistake must give both exit status 2 and the same one-line located message, with
 * no stack trace and nothing written.
 */
final class ConfigCase {
  /** A small valid experiment: two hosts, a link, a listener and a client sending 100 bytes. */
  static final String BASE =
      """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server}
      listeners:
        - {host: server, port: 80}
      clients:
        - {host: client, connect: "server:80", send: 100}
      """;

  private final Path dir;

  ConfigCase(Path dir) {
    this.dir = dir;
  }

  /** The file {@code exp.yaml} holding {@code text}. */
  Path file(String text) {
    return file(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The file {@code exp.yaml} holding {@code bytes}. */
  Path file(byte[] bytes) {
    try {
      return Files.write(dir.resolve("exp.yaml"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message validate and run both give for {@code text}, the file shown as exp.yaml. */
  String error(String text) {
    return error(file(text));
  }

  /** The message validate and run both give for the file {@code bytes}. */
  String error(byte[] bytes) {
    return error(file(bytes));
  }

  /** The message validate and run both give for {@code file}. */
  String error(Path file) {
    return error(file, 2);
  }

  /**
   * The message validate and run both give for {@code text}, each exiting with {@code status} (4
   * for a run refused as too large for the heap).
   */
  String error(String text, int status) {
    return error(file(text), status);
  }

  private String error(Path file, int status) {
    Cli.Result validate = Cli.run("validate", file.toString());
    assertThat(validate.exit())
        .as("validate's exit status; out: %s", validate.out())
        .isEqualTo(status);
    String message = oneLine(validate.err());
    assertThat(runError(file, status)).isEqualTo(message);
    return message;
  }

  /** The message run gives for {@code text} with {@code options} (such as --set). */
  String runError(String text, String... options) {
    return runError(file(text), 2, options);
  }

  private String runError(Path file, int status, String... options) {
    Path out = dir.resolve("out");
    List<String> run = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
    run.addAll(List.of(options));
    Cli.Result ran = Cli.run(run.toArray(String[]::new));
    assertThat(ran.exit()).as("run's exit status; out: %s", ran.out()).isEqualTo(status);
    assertThat(Files.exists(out)).as("run wrote nothing").isFalse();
    return oneLine(ran.err());
  }

  /** {@code err}, checked to be one line without a stack trace, shortened. */
  private String oneLine(String err) {
    assertThat(err)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .endsWith("\n")
        .hasLineCount(1);
    return shorten(err.trim());
  }

  /** What validate printed on stderr (warnings), after checking that it accepted the file. */
  String warnings(String text) {
    Cli.Result validate = Cli.run("validate", file(text).toString());
    assertThat(validate.exit()).as("validate's exit status; err: %s", validate.err()).isZero();
    return shorten(validate.err().trim());
  }

  /** {@code text} with the test directory's path of exp.yaml shown as exp.yaml. */
  String shorten(String text) {
    return text.replace(dir.resolve("exp.yaml").toString(), "exp.yaml");
  }
}
