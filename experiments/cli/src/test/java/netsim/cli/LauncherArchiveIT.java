package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./netsim} launcher's class-data archive: made once per jar and JDK, remade for another
 * JDK, mapped where it was made ({@code -XX:ArchiveRelocationMode=0}) only when the JDK takes that
 * option, and not when the user's JVM options set the mode; and the heap in transparent huge pages
 * where the kernel gives them on request. The launcher runs in a copy of the repository's layout
 * with the built jar (so it builds nothing), with a {@code java} first on the PATH that logs each
 * command line and runs this JVM's java. An integration test (Failsafe runs it after the jar is
 * built): each archive takes a short run and a dump.
 */
class LauncherArchiveIT {
  private static final long TIMEOUT_S = 300;
  private static final String MAPPED = "-XX:ArchiveRelocationMode=0";
  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

  @TempDir Path dir;

  private Path launcher;
  private Path archive;
  private Path stamp;
  private Path calls;

  @BeforeEach
  void copyTheLauncherAndJar() throws IOException {
    Path target = Files.createDirectories(dir.resolve("repo/experiments/cli/target"));
    Files.copy(
        Repository.path("experiments/cli/target/netsim.jar"),
        target.resolve("netsim.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
    launcher = dir.resolve("repo/netsim");
    Files.copy(Repository.path("netsim"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    archive = target.resolve("netsim.jsa");
    stamp = target.resolve("netsim.jsa.jdk");
    calls = dir.resolve("java-calls.txt");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = bin.resolve("java");
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "echo \"$*\" >>'"
            + calls
            + "'\n"
            + "case \"$* $REFUSE\" in *ArchiveRelocationMode*yes)\n"
            + "  echo 'Unrecognized VM option' >&2; exit 1 ;;\n"
            + "esac\n"
            + "exec '"
            + realJava
            + "' \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void firstCommand_makesTheArchiveMappedWhereMade_laterOnesUseIt_anotherJdkRemakesIt()
      throws Exception {
    assertThat(netsim(Map.of())).contains("lost-final-ack");
    assertThat(archive).exists();
    List<String> made = Files.readAllLines(stamp);
    assertThat(made).hasSize(2);
    assertThat(made.get(0)).isEqualTo(jdk());
    assertThat(made.get(1)).isEqualTo("-XX:+UnlockDiagnosticVMOptions " + MAPPED);
    assertThat(lastCall()).contains(MAPPED, "-XX:SharedArchiveFile=" + archive);
    assertThat(dumps()).isEqualTo(1);

    assertThat(netsim(Map.of())).contains("lost-final-ack");
    assertThat(dumps()).as("the archive is made once").isEqualTo(1);
    assertThat(lastCall()).contains(MAPPED);

    Files.writeString(stamp, "/another/jdk/lib/modules\n" + made.get(1) + "\n");
    assertThat(netsim(Map.of())).contains("lost-final-ack");
    assertThat(dumps()).as("another JDK's archive is remade").isEqualTo(2);
    assertThat(Files.readAllLines(stamp)).isEqualTo(made);

    assertThat(
            netsim(
                Map.of(
                    "JDK_JAVA_OPTIONS",
                    "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=1")))
        .contains("lost-final-ack");
    assertThat(lastCall()).as("the user's mode wins").doesNotContain(MAPPED);
    assertThat(dumps()).isEqualTo(2);
  }

  @Test
  void aJdkWithoutTheMappingOption_runsWithTheArchiveAlone() throws Exception {
    assertThat(netsim(Map.of("REFUSE", "yes"))).contains("lost-final-ack");
    assertThat(archive).exists();
    assertThat(Files.readAllLines(stamp)).containsExactly(jdk(), "");
    assertThat(lastCall())
        .contains("-XX:SharedArchiveFile=" + archive)
        .doesNotContain("ArchiveRelocationMode");
  }

  @Test
  void heapInHugePages_whereTheKernelGivesThemOnRequest_notWhenTheUserChoosesPages()
      throws Exception {
    Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean given =
        Files.isReadable(mode)
            && (Files.readString(mode).contains("[madvise]")
                || Files.readString(mode).contains("[always]"));
    assertThat(netsim(Map.of())).contains("lost-final-ack");
    if (given) {
      assertThat(lastCall()).contains(HUGE_PAGES);
    } else {
      assertThat(lastCall()).doesNotContain("HugePages");
    }

    assertThat(netsim(Map.of("JDK_JAVA_OPTIONS", "-XX:-UseTransparentHugePages")))
        .contains("lost-final-ack");
    assertThat(lastCall()).as("the user's choice wins").doesNotContain(HUGE_PAGES);
  }

  /** The JDK the launcher sees: its {@code java}, the one on the PATH, with links resolved. */
  private String jdk() throws IOException {
    return dir.toRealPath().resolve("lib/modules").toString();
  }

  /** Runs {@code ./netsim scenarios} with {@code env}; its stdout, once it exited with 0. */
  private String netsim(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(launcher.toString(), "scenarios")
            .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().putAll(env);
    builder
        .environment()
        .put("PATH", dir.resolve("bin") + ":" + builder.environment().getOrDefault("PATH", ""));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    return out;
  }

  /** The command line of the launcher's last java: the one that ran netsim. */
  private String lastCall() throws IOException {
    List<String> lines = Files.readAllLines(calls);
    return lines.get(lines.size() - 1);
  }

  /** How many archives were dumped so far. */
  private long dumps() throws IOException {
    return Files.readAllLines(calls).stream().filter(l -> l.contains("-Xshare:dump")).count();
  }
}
