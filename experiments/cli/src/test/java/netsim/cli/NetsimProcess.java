package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code netsim} command in a JVM of its own, with this test's classpath: for tests that kill
 * it, pause it at a point of its output commit ({@code -Dnetsim.pauseAt}), or limit its memory.
 */
final class NetsimProcess {
  private static final long TIMEOUT_S = 60;

  /** Short runs: a JVM that starts fast (C1 only, the serial collector) makes the tests quick. */
  private static final List<String> QUICK_START =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** What a finished process did. */
  record Result(int exit, String out, String err) {}

  private NetsimProcess() {}

  /** {@code java [options] -cp CLASSPATH netsim.cli.Main}: the command to run. */
  static List<String> command(List<String> jvmOptions) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(QUICK_START);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.split(File.pathSeparator)));
    command.add("netsim.cli.Main");
    return command;
  }

  /** Runs {@code prefix} (e.g. a wrapper) + netsim with {@code args} to its end. */
  static Result run(List<String> prefix, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(command(jvmOptions));
    command.addAll(List.of(args));
    return run(command, TIMEOUT_S);
  }

  /**
   * Runs {@code java [jvmOptions] -jar JAR args}, the shaded jar as a user runs it (the JVM's own
   * defaults, not the quick start of short runs), to its end or {@code timeoutS} seconds.
   */
  static Result runJar(Path jar, List<String> jvmOptions, long timeoutS, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return run(command, timeoutS);
  }

  private static Result run(List<String> command, long timeoutS) {
    try {
      Process p = new ProcessBuilder(command).start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("netsim did not end within " + timeoutS + " s: " + command);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Starts netsim with {@code args}, told to pause at {@code point}, and returns once it is there.
   */
  static Process pausedAt(String point, String... args) {
    List<String> command = command(List.of("-Dnetsim.pauseAt=" + point));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        if (line.equals("netsim: paused at " + point)) {
          CompletableFuture<String> unused = read(p.getErrorStream()); // keep the pipe drained
          return p;
        }
        seen.append(line).append('\n');
      }
      p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
      throw new AssertionError(
          "netsim ended (status " + p.exitValue() + ") without pausing at " + point + ":\n" + seen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills {@code p} with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
  static void kill9(Process p) {
    end(p.destroyForcibly());
    assertThat(p.exitValue()).isEqualTo(128 + 9);
  }

  /** Sends {@code p} SIGTERM, as {@code kill} does, and returns its exit status. */
  static int terminate(Process p) {
    p.destroy();
    end(p);
    return p.exitValue();
  }

  private static void end(Process p) {
    try {
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("netsim did not end within " + TIMEOUT_S + " s of being killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
