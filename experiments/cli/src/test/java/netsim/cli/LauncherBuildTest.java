package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./netsim} launcher builds quietly: Maven, run in the repository as the launcher runs
 * it, prints no terminal colour codes (Debian's Maven 3.8 with jansi 2 printed {@code ESC[0m} even
 * in batch mode, until {@code .mvn/jvm.config} set {@code jansi.noreset}).
 */
class LauncherBuildTest {
  @Test
  void mavenInTheRepository_printsNoColourCodes() throws Exception {
    Path root = Repository.path("").toAbsolutePath().normalize();
    assertThat(Files.readString(root.resolve("netsim"))).contains("mvn -B -q -Dstyle.color=never");
    Process p;
    try {
      p =
          new ProcessBuilder("mvn", "-B", "-q", "-Dstyle.color=never", "-v")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("skipped, because mvn is not on the PATH: " + e.getMessage());
      return;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).isNotBlank().doesNotContain("\u001b");
  }
}
