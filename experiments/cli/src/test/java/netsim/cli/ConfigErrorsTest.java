package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of config mistake is reported as FILE:LINE:COLUMN: PATH: what was expected, with exit
 * status 2 and no stack trace, by both {@code netsim validate} and {@code netsim run}.
 */
class ConfigErrorsTest {
  @TempDir Path dir;

  private static final String TWO_HOSTS =
      """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      """;

  private Path file(String text) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** Validates, runs, and returns validate's stderr after checking both agree. */
  private String error(String text, String... extra) throws IOException {
    Path file = file(text);
    Cli.Result validate = Cli.run("validate", file.toString());
    assertThat(validate.exit()).as("validate exit; out: %s", validate.out()).isEqualTo(2);
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = file.toString();
    args[2] = "--out";
    args[3] = dir.resolve("out").toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    Cli.Result run = Cli.run(args);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(validate.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.exists(dir.resolve("out").resolve("trace.jsonl"))).isFalse();
    return validate.err().trim();
  }

  @Test
  void unknownKey_isNamedWithItsLocation_andTheKnownKeysAreListed() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, dealy: 50ms}
        """);
    assertThat(err)
        .startsWith(
            "netsim: "
                + dir.resolve("exp.yaml")
                + ":5:28: links[0].dealy:"
                + " unknown key 'dealy' (known: name, a, b, a_to_b, b_to_a, bandwidth, delay,");
  }

  @Test
  void unknownTopLevelKey_listsTheSections() throws IOException {
    assertThat(error("seeds: 3\n"))
        .contains(
            "exp.yaml:1:1: seeds: unknown key 'seeds'"
                + " (known: name, description, seed, stop, tcp, defaults, nodes,");
  }

  @Test
  void wrongType_saysWhatWasExpectedAndWhatWasGiven() throws IOException {
    assertThat(error("tcp:\n  mss: big\n"))
        .contains(
            "exp.yaml:2:3: tcp.mss: expected a whole"
                + " number between 64 and 65495; got the text 'big'");
  }

  @Test
  void durationWithoutUnit_isRejectedWithTheUnitsExpected() throws IOException {
    assertThat(error(TWO_HOSTS + "links:\n  - {a: client, b: server, delay: 50}\n"))
        .contains(
            "exp.yaml:5:28: links[0].delay: expected a duration with a unit such as"
                + " \"10ms\" or \"1.5s\"; got the number 50");
  }

  @Test
  void badRateUnit_namesTheUnitsKnown() throws IOException {
    assertThat(error(TWO_HOSTS + "links:\n  - {a: client, b: server, bandwidth: 10Mbit}\n"))
        .contains(
            "exp.yaml:5:28: links[0].bandwidth: invalid rate '10Mbit': unknown unit"
                + " 'Mbit' (expected one of bps, kbps, Mbps, Gbps, Tbps)");
  }

  @Test
  void outOfRangeValue_givesTheRange() throws IOException {
    assertThat(error(TWO_HOSTS + "links:\n  - {a: client, b: server, loss: 1.5}\n"))
        .contains(
            "exp.yaml:5:28: links[0].loss: out of range: 1.5 (expected a probability"
                + " from 0 to 1)");
  }

  @Test
  void danglingNodeName_listsTheKnownNodes() throws IOException {
    assertThat(error(TWO_HOSTS + "links:\n  - a: client\n    b: serer\n"))
        .contains("exp.yaml:6:5: links[0].b: no node named 'serer' (known: client, server)");
  }

  @Test
  void danglingHostInConnect_listsTheKnownHosts() throws IOException {
    assertThat(error(TWO_HOSTS + "clients:\n  - {host: client, connect: \"sever:80\"}\n"))
        .contains(
            "exp.yaml:5:20: clients[0].connect: no host named 'sever' (known: client,"
                + " server)");
  }

  @Test
  void unknownRegistryName_listsTheKnownOnes() throws IOException {
    assertThat(
            error(
                TWO_HOSTS
                    + "links:\n  - {a: client, b: server, jitter: 1ms, jitterDistribution: gauss}\n"))
        .contains(
            "links[0].jitterDistribution: unknown jitter distribution 'gauss' (known:"
                + " uniform");
  }

  @Test
  void aLossParameterTheModelDoesNotTake_isRefusedAtTheKey() throws IOException {
    assertThat(
            error(
                TWO_HOSTS
                    + "links:\n  - {a: client, b: server, loss: {model: bernoulli, p: 0.1, r: 0.3}}\n"))
        .contains("exp.yaml:5:61: links[0].loss.r: bernoulli loss takes only p");
    assertThat(
            error(TWO_HOSTS + "links:\n  - {a: client, b: server, loss: {model: none, p: 0.1}}\n"))
        .contains("exp.yaml:5:48: links[0].loss.p: none loss takes no parameters");
  }

  @Test
  void aLinkEntry_reportsItsNodesBeforeItsName() throws IOException {
    assertThat(error(TWO_HOSTS + "links:\n  - {name: 'a b', a: client, b: client}\n"))
        .contains("links[0].b: a link needs two different nodes; got 'client' twice");
    assertThat(error(TWO_HOSTS + "links:\n  - {name: 'a b', a: client, b: server}\n"))
        .contains("links[0].name: not a valid name: 'a b'");
  }

  @Test
  void unknownFlag_inAFaultRule_listsTheFlags() throws IOException {
    assertThat(
            error(
                TWO_HOSTS
                    + """
        links:
          - {a: client, b: server}
        rules:
          - {on: client->server, match: {flags: "SYN|AKC"}, action: drop}
        """))
        .contains(
            "exp.yaml:7:34: rules[0].match.flags: unknown TCP flag 'AKC' in"
                + " 'SYN|AKC' (known: SYN, FIN, RST, PSH, ACK, URG, ECE, CWR)");
  }

  @Test
  void unknownSenderState_listsTheStates() throws IOException {
    assertThat(
            error(
                TWO_HOSTS
                    + """
        links:
          - {a: client, b: server}
        rules:
          - {on: client, match: {senderState: TIMEWAIT}, action: drop}
        """))
        .contains(
            "rules[0].match.senderState: unknown TCP state 'TIMEWAIT' (known:"
                + " CLOSED, LISTEN,");
  }

  @Test
  void missingRequiredKey_isNamedAtItsMapping() throws IOException {
    assertThat(error(TWO_HOSTS + "listeners:\n  - {host: server}\n"))
        .contains("exp.yaml:5:5: listeners[0]: missing key 'port'");
  }

  @Test
  void duplicateKey_isRejected() throws IOException {
    assertThat(error("seed: 1\nseed: 2\n"))
        .contains("exp.yaml:2:1: seed: duplicate key" + " 'seed'");
  }

  @Test
  void yamlSyntaxError_isLocated() throws IOException {
    assertThat(error("nodes: [ {name: a\n"))
        .contains(
            "exp.yaml:1:18: YAML syntax error:"
                + " while parsing a flow mapping: expected ',' or '}'");
  }

  @Test
  void badOverride_namesTheOverride() throws IOException {
    Path file = file(TWO_HOSTS + "links:\n  - {a: client, b: server}\n");
    Cli.Result run =
        Cli.run(
            "run",
            file.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--set",
            "links[0].delay=fast");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("--set links[0].delay=fast: links[0].delay: invalid" + " duration 'fast'");
    Cli.Result outOfRange =
        Cli.run(
            "run",
            file.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--set",
            "links[3].delay=1ms");
    assertThat(outOfRange.exit()).isEqualTo(2);
    assertThat(outOfRange.err())
        .contains("links: index 3 is out of range (the list has 1" + " entries)");
  }

  @Test
  void missingFile_andUnknownScenario_areUsageErrors() {
    Cli.Result missing = Cli.run("validate", dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
    Cli.Result unknown = Cli.run("run", "lost-final-ak");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("no built-in scenario of that name (known:" + " handshake-and-close,");
  }

  @Test
  void validFile_validates() throws IOException {
    Cli.Result ok =
        Cli.run(
            "validate",
            file(TWO_HOSTS
                    + "links:\n  - {a: client, b: server}\n"
                    + "clients:\n  - {host: client, connect: \"server:80\"}\n")
                .toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("valid");
  }

  @Test
  void redWithoutThresholds_isRefusedWithTheMissingParameter() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, queue: {kind: red, max: 10}}
        """);
    assertThat(err)
        .startsWith("netsim: " + dir.resolve("exp.yaml") + ":5:28: links[0].queue:")
        .contains("min");
  }

  @Test
  void queueParametersForTheWrongDiscipline_areRefused() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, queue: {kind: droptail, target: 5ms}}
        """);
    assertThat(err).contains("links[0].queue:").contains("takes no parameters");
  }

  @Test
  void redIdlePacketTimeWithoutAUnit_isRefusedAtTheValue() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, queue: {kind: red, min: 5, max: 15, idlePacketTime: 400}}
        """);
    assertThat(err)
        .startsWith("netsim: " + dir.resolve("exp.yaml") + ":5:64: links[0].queue.idlePacketTime:");
  }

  @Test
  void redMeanPacketSizeOfZero_isRefusedAtTheValue() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, queue: {kind: red, min: 5, max: 15, meanPacketSize: 0}}
        """);
    assertThat(err)
        .startsWith("netsim: " + dir.resolve("exp.yaml") + ":5:64: links[0].queue.meanPacketSize:")
        .contains("out of range");
  }

  @Test
  void redIdleParametersOnCodel_areRefused() throws IOException {
    String err =
        error(
            TWO_HOSTS
                + """
        links:
          - {a: client, b: server, queue: {kind: codel, meanPacketSize: 500}}
        """);
    assertThat(err).contains("links[0].queue:").contains("meanPacketSize");
  }
}
