package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import netsim.scenario.config.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is legal but surprising is run, with a located warning on stderr from validate and run: an
 * RTO below 1ms, a clock granularity below 1us, a buffer smaller than one segment. (What cannot
 * work is refused instead: see ConfigMisreadTest and ConfigNumbersTest.)
 */
class ConfigWarningsTest {
  private static final String RTO =
      "below 1ms, an RTO retransmits every segment whose round"
          + " trip takes longer, before its ACK can arrive (RFC 6298 2.4 asks for at least 1s;"
          + " Linux uses 200ms)";

  @TempDir Path dir;

  @Test
  void aNanosecondRto_andClock_andAOneByteBuffer_areWarnedAbout_byValidate() {
    assertThat(
            new ConfigCase(dir)
                .warnings(
                    ConfigCase.BASE
                        + "tcp: {initialRto: 1ns, minRto: 1ns, clockGranularity: 1ns, receiveBuffer: 1}\n"))
        .isEqualTo(
            "netsim: warning: exp.yaml:10:7: tcp.initialRto: "
                + RTO
                + "\n"
                + "netsim: warning: exp.yaml:10:24: tcp.minRto: "
                + RTO
                + "\n"
                + "netsim: warning: exp.yaml:10:37: tcp.clockGranularity: a clock granularity"
                + " below 1us is finer than any TCP's timers (Linux and FreeBSD tick in 1ms): the"
                + " RTO may fall to the round trip itself (RFC 6298 2.3)\n"
                + "netsim: warning: exp.yaml:10:60: tcp.receiveBuffer: a receive buffer smaller"
                + " than one segment (mss 1460): the peer sends at most 1 bytes per window");
  }

  @Test
  void aWarning_isPrintedByRunToo_whichGoesAhead() {
    Path file =
        new ConfigCase(dir)
            .file(
                ConfigCase.BASE.replace(
                    "address: 10.0.0.2}", "address: 10.0.0.2, tcp: {sendBuffer: 10}}"));
    Cli.Result run = Cli.run("run", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exit()).isZero();
    assertThat(new ConfigCase(dir).shorten(run.err()))
        .isEqualTo(
            "netsim: warning:"
                + " exp.yaml:3:45: nodes[1].tcp.sendBuffer: a send buffer smaller than one segment (mss"
                + " 1460): no segment carries more than 10 bytes\n");
  }

  @Test
  void theShippedExamplesAndSweeps_areValid_withoutAWarning() throws IOException {
    List<String> configs = new ArrayList<>(Scenarios.CATALOGUE.names());
    for (String folder : List.of("examples", "sweeps")) {
      try (Stream<Path> files = Files.list(Repository.path("experiments/" + folder))) {
        files.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().forEach(configs::add);
      }
    }
    assertThat(configs).hasSizeGreaterThan(Scenarios.CATALOGUE.names().size());
    for (String config : configs) {
      Cli.Result validate = Cli.run("validate", config);
      assertThat(validate.exit()).as(config).isZero();
      assertThat(validate.err()).as(config).isEmpty();
    }
  }
}
