package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import netsim.scenario.config.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: help everywhere, the version, the catalogue, seeds and overrides. */
class CommandTest {
  @Test
  void everySubcommand_hasHelp() {
    for (String command :
        new String[] {"run", "validate", "scenarios", "packetdrill", "sweep", "merge"}) {
      Cli.Result help = Cli.run(command, "--help");
      assertThat(help.exit()).isZero();
      assertThat(help.out()).startsWith("Usage: netsim " + command);
    }
    Cli.Result top = Cli.run("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.out())
        .contains("run")
        .contains("validate")
        .contains("scenarios")
        .contains("sweep")
        .contains("merge");
  }

  @Test
  void aCommandLineNamingOneSubcommand_parsesRunsAndExplainsAsTheWholeOne() {
    String[][] cases = {
      {"run", "--help"},
      {"run", "--debug", "--bogus"},
      {"run", "no-such-scenario"},
      {"run", "--seed", "x", "lost-final-ack"},
      {"validate", "--help"},
      {"scenarios"},
      {"packetdrill", "--profile", "nosuch", "x.pkt"},
      {"sweep", "--help"},
      {"merge", "--help"},
      {"hunt", "--help"},
      {"shrink", "--help"},
      {"help", "run"},
      {"--help"},
      {"rnu", "lost-final-ack"},
    };
    for (String[] args : cases) {
      Cli.Result whole = Cli.run(NetsimCommand.commandLine(), args);
      Cli.Result named = Cli.run(NetsimCommand.commandLine(args), args);
      assertThat(named).as(String.join(" ", args)).isEqualTo(whole);
    }
    assertThat(NetsimCommand.commandLine("run", "x").getSubcommands()).containsOnlyKeys("run");
    assertThat(NetsimCommand.commandLine("help", "run").getSubcommands()).hasSize(9);
  }

  @Test
  void version_namesNetsimAndItsVersion() {
    Cli.Result version = Cli.run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("netsim 0.");
  }

  @Test
  void scenarios_listsEveryBuiltInScenario_oneLineEach() {
    Cli.Result list = Cli.run("scenarios");
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines()).hasSize(Scenarios.CATALOGUE.names().size());
    for (String name : Scenarios.CATALOGUE.names()) {
      assertThat(list.out()).containsPattern("(?m)^" + name + " +\\S");
    }
  }

  @Test
  void everyBuiltInScenario_validates() {
    for (String name : Scenarios.CATALOGUE.names()) {
      Cli.Result valid = Cli.run("validate", name);
      assertThat(valid.exit()).as(valid.err()).isZero();
    }
  }

  @Test
  void unknownOption_isAUsageError() {
    Cli.Result bad = Cli.run("run", "lost-final-ack", "--sed", "3");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("Unknown options: '--sed'");
  }

  @Test
  void seed_changesTheIsns_butNotTheStory(@TempDir Path a, @TempDir Path b) {
    ScenarioRun one = ScenarioRun.of(a, "lost-final-ack", "--seed", "1");
    ScenarioRun two = ScenarioRun.of(b, "lost-final-ack", "--seed", "2");
    assertThat(two.summary().get("seed").asLong()).isEqualTo(2);
    assertThat(two.trace().segments()).isEqualTo(one.trace().segments());
    assertThat(two.trace().lines.get(2).get("seq"))
        .isNotEqualTo(one.trace().lines.get(2).get("seq"));
  }

  @Test
  void set_overridesAValueBeforeBinding(@TempDir Path dir) {
    ScenarioRun run = ScenarioRun.of(dir, "lost-final-ack", "--set", "links[0].delay=5ms");
    assertThat(run.summary().get("config").get("links").get(0).get("aToB").get("delay").asLong())
        .isEqualTo(5_000_000L);
  }

  @Test
  void check_exitsWithOneOnAViolation_andZeroWithout(@TempDir Path dir) {
    assertThat(
            Cli.run("run", "lost-final-ack", "--out", dir.resolve("a").toString(), "--check")
                .exit())
        .isZero();
    Cli.Result violated =
        Cli.run("run", "two-way-handshake", "--out", dir.resolve("b").toString(), "--check");
    assertThat(violated.exit()).isEqualTo(1);
    assertThat(violated.out()).contains("VIOLATION server");
  }

  @Test
  void packetdrill_runsScriptsAgainstTheTcpModel_andFailsOnAMismatch(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path report) {
    String scripts =
        Repository.path("experiments/packetdrill/src/test/resources/packetdrill/mission") + "/";
    Cli.Result pass =
        Cli.run(
            "packetdrill",
            "--report",
            report.toString(),
            scripts + "lost-final-ack.pkt",
            scripts + "simultaneous-open.pkt");
    assertThat(pass.exit()).as(pass.err()).isZero();
    assertThat(pass.out())
        .contains("PASS " + scripts + "lost-final-ack.pkt")
        .contains("2 scripts: 2 pass, 0 fail, 0 unsupported");
    assertThat(report.toFile().list()).isNotEmpty();
    // A documented deliberate difference: the RFC's bare ACK, where netsim resends SYN,ACK.
    Cli.Result fail = Cli.run("packetdrill", scripts + "syn-received-retransmitted-syn.pkt");
    assertThat(fail.exit()).isEqualTo(1);
    assertThat(fail.out()).contains("expected . but sent S.");
  }

  @Test
  void packetdrill_withoutScripts_isAUsageError() {
    assertThat(Cli.run("packetdrill").exit()).isEqualTo(2);
  }
}
