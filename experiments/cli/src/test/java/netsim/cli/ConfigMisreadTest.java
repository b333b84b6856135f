package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a config could mean other than what it says is refused, located: a second YAML document,
 * anchors and aliases, an empty experiment, an MSL of 0 outside the counterfactual, addresses no
 * host can have, two listeners on one port.
 */
class ConfigMisreadTest {
  @TempDir Path dir;

  private String error(String text) {
    return new ConfigCase(dir).error(text);
  }

  @Test
  void aSecondYamlDocument_isRefused_notIgnored() {
    assertThat(error(ConfigCase.BASE + "---\nseed: 2\n"))
        .isEqualTo(
            "netsim: exp.yaml:10:1:"
                + " a second YAML document: a config file holds one document (remove the '---' line"
                + " and what follows, or make it a file of its own)");
  }

  @Test
  void anExplicitStartOfTheOnlyDocument_isFine() {
    assertThat(new ConfigCase(dir).warnings("---\n" + ConfigCase.BASE)).isEmpty();
  }

  @Test
  void anAlias_isRefused_notReadAsItsAnchorsName() {
    assertThat(error(ConfigCase.BASE + "description: *x\n"))
        .isEqualTo(
            "netsim: exp.yaml:10:14:"
                + " description: alias *x: anchors and aliases are not supported; write the value out");
  }

  @Test
  void anAnchor_isRefused() {
    assertThat(
            error(
                ConfigCase.BASE.replace(
                    "- {a: client, b: server}", "- &fast {a: client, b: server}")))
        .isEqualTo(
            "netsim: exp.yaml:5:5: links[0]: anchor"
                + " &fast: anchors and aliases are not supported; write each value out");
  }

  @Test
  void anEmptyFile_isNotAnExperiment() {
    assertThat(error(""))
        .isEqualTo(
            "netsim: exp.yaml:1:1: an empty experiment: give at least"
                + " two hosts (nodes), a link between them, a listener and a client (see"
                + " experiments/examples/)");
    assertThat(error("# only a comment\n"))
        .startsWith("netsim: exp.yaml:1:1: an empty" + " experiment:");
  }

  @Test
  void anExperimentWithoutClients_isRefused_forNoPacketWouldBeSent() {
    assertThat(
            error(
                ConfigCase.BASE
                    .replace("clients:", "others:")
                    .replace("others:\n", "")
                    .replace("  - {host: client, connect: \"server:80\", send: 100}\n", "")))
        .isEqualTo(
            "netsim: exp.yaml:1:1: no clients: an experiment needs at least one client,"
                + " or no packet is ever sent");
    assertThat(
            error(
                ConfigCase.BASE
                    .replace("clients:\n", "clients: []\n")
                    .replace("  - {host: client, connect: \"server:80\", send: 100}\n", "")))
        .isEqualTo(
            "netsim: exp.yaml:8:1: clients: no clients: an experiment needs at least"
                + " one client, or no packet is ever sent");
  }

  @Test
  void anMslOfZero_isRefused_outsideTheCounterfactual() {
    assertThat(error(ConfigCase.BASE + "tcp: {msl: 0}\n"))
        .isEqualTo(
            "netsim: exp.yaml:10:7:"
                + " tcp.msl: an MSL of 0 takes TIME-WAIT away, which is the counterfactual"
                + " tcp.counterfactual.zeroTimeWait: set that to run it labelled COUNTERFACTUAL, or give"
                + " a positive MSL (RFC 9293: 2min; Linux's TIME-WAIT of 60s is an MSL of 30s)");
    assertThat(
            error(
                ConfigCase.BASE.replace(
                    "address: 10.0.0.1}", "address: 10.0.0.1, tcp: {msl: 0s}}")))
        .startsWith(
            "netsim: exp.yaml:2:45:" + " nodes[0].tcp.msl: an MSL of 0 takes TIME-WAIT away");
  }

  @Test
  void anMslOfZero_isAccepted_withTheCounterfactual_whichLabelsTheRun() {
    Path file =
        new ConfigCase(dir)
            .file(ConfigCase.BASE + "tcp: {msl: 0, counterfactual: {zeroTimeWait: true}}\n");
    Cli.Result run = Cli.run("run", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("COUNTERFACTUAL");
  }

  @Test
  void addressesNoHostCanHave_areRefused_withTheReason() {
    String unicast = "; use a unicast address such as 10.0.0.1";
    assertThat(error(ConfigCase.BASE.replace("10.0.0.1", "0.0.0.0")))
        .isEqualTo(
            "netsim: exp.yaml:2:20: nodes[0].address: 0.0.0.0 cannot be a host's address:"
                + " 0.0.0.0/8 means \"this network\" (RFC 1122 3.2.1.3)"
                + unicast);
    assertThat(error(ConfigCase.BASE.replace("10.0.0.1", "255.255.255.255")))
        .isEqualTo(
            "netsim: exp.yaml:2:20: nodes[0].address: 255.255.255.255 cannot be a host's address:"
                + " 255.255.255.255 is the limited broadcast address"
                + unicast);
    assertThat(error(ConfigCase.BASE.replace("10.0.0.1", "127.0.0.1")))
        .isEqualTo(
            "netsim: exp.yaml:2:20: nodes[0].address: 127.0.0.1 cannot be a host's address:"
                + " 127.0.0.0/8 is loopback, which never leaves a host (RFC 1122 3.2.1.3)"
                + unicast);
    assertThat(error(ConfigCase.BASE.replace("10.0.0.1", "224.0.0.1")))
        .isEqualTo(
            "netsim: exp.yaml:2:20: nodes[0].address: 224.0.0.1 cannot be a host's address:"
                + " 224.0.0.0/4 is multicast, and TCP connects unicast addresses only"
                + unicast);
    assertThat(error(ConfigCase.BASE.replace("10.0.0.1", "240.0.0.1")))
        .isEqualTo(
            "netsim: exp.yaml:2:20: nodes[0].address: 240.0.0.1 cannot be a host's address:"
                + " 240.0.0.0/4 is reserved (RFC 1112 4)"
                + unicast);
  }

  @Test
  void twoListenersOnOneHostAndPort_areRefused_atTheSecond() {
    assertThat(
            error(
                ConfigCase.BASE.replace(
                    "  - {host: server, port: 80}\n",
                    "  - {host: server, port: 80}\n  - {host: server, port: 80, send: 5}\n")))
        .isEqualTo(
            "netsim: exp.yaml:8:20: listeners[1].port: server already listens on port 80"
                + " (listeners[0]): a port takes one listener");
  }
}
