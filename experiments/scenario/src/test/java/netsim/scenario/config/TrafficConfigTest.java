package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.traffic.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic keys bind into settings, and every mistake in them is refused where it is written,
 * with the field path and the reason: clients' {@code flows} and {@code requests}, distributions
 * and CDF files, UDP sources and sinks.
 */
class TrafficConfigTest {
  private static final String NET =
      """
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b, bandwidth: 10Mbps}
        - {name: free, a: b, b: a}
      listeners:
        - {host: b, port: 80}
      """;

  /** A sink for the UDP sources, to put after them. */
  private static final String SINK =
      """
      udpSinks:
        - {host: b, port: 9}
      """;

  @TempDir Path dir;

  private static ExperimentConfig load(String rest) {
    return ConfigLoader.load("t.yaml", NET + rest, List.of());
  }

  private static void refused(String rest, String message) {
    assertThatThrownBy(() -> load(rest)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void flowsWithALoad_getTheIntervalThatOffersThatShareOfTheLinksBandwidth() {
    ExperimentConfig config =
        load(
            """
            clients:
              - {name: web, host: a, connect: "b:80", flows: {count: 5, size: 125KB, load: 0.5, link: a-b}}
            """);
    FlowSettings flows = config.clients().get(0).flows();
    // 0.5 x 10 Mbit/s = 5 Mbit/s = 5 flows of 125 kB a second: one every 200 ms.
    assertThat(flows.interval()).isEqualTo(Time.millis(200));
    assertThat(flows.count()).isEqualTo(5);
    assertThat(flows.size()).isEqualTo(new Distribution.Fixed(125_000));
    assertThat(flows.load()).isEqualTo(0.5);
    assertThat(flows.link()).isEqualTo("a-b");
  }

  @Test
  void flowsKeysLeftOut_comeFromDefaultsClientFlows_andAClientWithoutFlowsHasNone() {
    ExperimentConfig config =
        load(
            """
            defaults:
              client: {flows: {size: {distribution: exponential, mean: 10KB}}}
            clients:
              - {name: web, host: a, connect: "b:80", flows: {count: 3}}
              - {name: bulk, host: a, connect: "b:80", send: 1000}
            """);
    FlowSettings flows = config.clients().get(0).flows();
    assertThat(flows.size()).isEqualTo(new Distribution.Exponential(10_000));
    assertThat(flows.interval()).isEqualTo(Time.millis(100)); // reference.yaml's
    assertThat(config.clients().get(1).flows()).isNull();
    assertThat(config.clients().get(1).requests()).isNull();
  }

  @Test
  void requests_bindOverTheReference() {
    ExperimentConfig config =
        load(
            """
            clients:
              - {host: a, connect: "b:80", requests: {count: 3, response: 5000, think: 10ms}}
            """);
    assertThat(config.clients().get(0).requests())
        .isEqualTo(new RequestSettings(3, 100, 5000, Time.millis(10)));
  }

  @Test
  void aCdfFile_isReadRelativeToTheExperiment_commentsAndBlankLinesSkipped() throws IOException {
    Files.writeString(dir.resolve("sizes.cdf"), "# size p\n\n1000 0.5\n3000   1\n");
    Path experiment = dir.resolve("exp.yaml");
    Files.writeString(
        experiment,
        NET
            + """
            clients:
              - {host: a, connect: "b:80", flows: {size: {distribution: empirical, file: sizes.cdf}}}
            """);
    Distribution size = ConfigLoader.load(experiment, List.of()).clients().get(0).flows().size();
    assertThat(size)
        .isEqualTo(
            new Distribution.Empirical(
                new long[] {1000, 3000}, new double[] {0.5, 1}, "sizes.cdf"));
    assertThat(size.mean()).isEqualTo(1500.0);
  }

  @Test
  void theShippedSyntheticCdf_bindsWithTheMeanItsHeaderStates() {
    Path examples = Path.of(System.getProperty("netsim.root"), "experiments", "examples");
    ExperimentConfig config =
        ConfigLoader.load(
            examples.resolve("x.yaml").toString(),
            NET
                + """
                clients:
                  - {host: a, connect: "b:80", flows: {size: {distribution: empirical, file: flow-sizes.cdf}}}
                """,
            List.of());
    assertThat(config.clients().get(0).flows().size().mean()).isCloseTo(398_142.0, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  @Test
  void cdfMistakes_areLocatedAtTheFileKey_withTheFilesOwnLine() throws IOException {
    String client =
        """
        clients:
          - {host: a, connect: "b:80", flows: {size: {distribution: empirical, file: %s}}}
        """;
    Path experiment = dir.resolve("exp.yaml");
    String[][] cases = {
      {"missing.cdf", null, "no such CDF file: " + dir.resolve("missing.cdf")},
      {
        "down.cdf",
        "2000 0.5\n1000 1\n",
        "down.cdf:2: not monotone: the sizes must increase (1000 after 2000)"
      },
      {
        "back.cdf",
        "1000 0.6\n2000 0.5\n3000 1\n",
        "back.cdf:2: not monotone: the cumulative probabilities must not decrease (0.5 after 0.6)"
      },
      {"short.cdf", "1000 0.5\n2000 0.9\n", "the last cumulative probability must be 1; got 0.9"},
      {"words.cdf", "# ok\nten 0.5\n", "words.cdf:2: not a number: 'ten 0.5'"},
      {
        "three.cdf",
        "1000 0.5 x\n",
        "three.cdf:1: expected two columns, a size in bytes and a cumulative probability"
      },
      {"big.cdf", "1000 1.5\n", "big.cdf:1: a cumulative probability is from 0 to 1; got 1.5"},
    };
    for (String[] c : cases) {
      if (c[1] != null) {
        Files.writeString(dir.resolve(c[0]), c[1]);
      }
      Files.writeString(experiment, NET + client.formatted(c[0]));
      assertThatThrownBy(() -> ConfigLoader.load(experiment, List.of()))
          .as(c[0])
          .isInstanceOf(ConfigException.class)
          .hasMessage(experiment + ":10:72: clients[0].flows.size.file: " + c[2]);
    }
  }

  @Test
  void distributionMistakes_areRefusedWhereWritten() {
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {size: {distribution: normal, mean: 1KB}}}
        """,
        "t.yaml:10:47: clients[0].flows.size.distribution: unknown distribution 'normal'"
            + " (known: fixed, exponential, pareto, empirical)");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {size: {distribution: pareto, mean: 1KB, shape: 1}}}
        """,
        "t.yaml:10:80: clients[0].flows.size.shape: out of range: 1 (expected a shape above 1 and"
            + " at most 100: at or below 1 a Pareto's mean is infinite)");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {size: {distribution: exponential, mean: 1KB, shape: 2}}}
        """,
        "t.yaml:10:85: clients[0].flows.size.shape: the exponential distribution takes no shape");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {size: {distribution: empirical, points: [[100, 0.5], [50, 1]]}}}
        """,
        "t.yaml:10:93: clients[0].flows.size.points[1]: not monotone: the sizes must increase"
            + " (50 after 100)");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", kind: onoff, on: {distribution: empirical, points: [[1, 1]]}}
        """
            + SINK,
        "t.yaml:10:39: udpSources[0].on: an empirical distribution is for sizes only");
  }

  @Test
  void loadMistakes_areRefusedWhereWritten() {
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {load: 1, link: a-b}}
        """,
        "t.yaml:10:40: clients[0].flows.load: out of range: 1 (expected a load above 0 and below 1:"
            + " at 1 or more, flows arrive faster than the link can carry them and pile up without"
            + " end)");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {load: 0.5}}
        """,
        "t.yaml:10:40: clients[0].flows.load: load and link go together: the load is a fraction of"
            + " that link's bandwidth");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {load: 0.5, link: c-d}}
        """,
        "t.yaml:10:51: clients[0].flows.link: no link named 'c-d' (known: a-b, free)");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {load: 0.5, link: free}}
        """,
        "t.yaml:10:51: clients[0].flows.link: link 'free' has unlimited bandwidth: a load needs a"
            + " link with a rate");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", flows: {interval: 1s, load: 0.5, link: a-b}}
        """,
        "t.yaml:10:40: clients[0].flows.interval: give interval or load (with link), not both:"
            + " the load sets the interval");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", send: 1000, flows: {count: 2}}
        """,
        "t.yaml:10:32: clients[0].send: send does not go with flows: each flow is a connection of"
            + " its own, from an ephemeral port, that sends the size drawn for it");
    refused(
        """
        clients:
          - {host: a, connect: "b:80", send: 1000, requests: {count: 2}}
        """,
        "t.yaml:10:32: clients[0].send: send does not go with requests: a request/response client"
            + " writes requests");
  }

  @Test
  void udpSources_bindWithDefaults_namesCountsAndTheirOwnStartStreams() {
    ExperimentConfig config =
        load(
            """
            udpSources:
              - {name: v, host: a, to: "b:9", rate: 2Mbps, until: 5s, count: 2, startJitter: 1s}
              - {host: a, to: "b:9", kind: poisson, localPort: 6000}
            """
                + SINK);
    assertThat(config.udpSources())
        .extracting(s -> s.name() + " " + s.traffic().kind() + " " + s.localPort())
        .containsExactly("v.1 cbr 0", "v.2 cbr 0", "udp2 poisson 6000");
    UdpTraffic v = config.udpSources().get(0).traffic();
    assertThat(v.rate()).isEqualTo(2_000_000);
    assertThat(v.size()).isEqualTo(1000);
    assertThat(v.until()).isEqualTo(Time.seconds(5));
    assertThat(config.udpSources().get(2).traffic().until()).isEqualTo(-1);
    assertThat(config.udpSources().get(0).at()).isBetween(0L, Time.seconds(1) - 1);
    assertThat(config.udpSources().get(0).at()).isNotEqualTo(config.udpSources().get(1).at());
    // Another entry before it does not move its starts: they come from udp-start/v.
    ExperimentConfig other =
        load(
            """
            udpSources:
              - {name: first, host: a, to: "b:9", startJitter: 1s, count: 3}
              - {name: v, host: a, to: "b:9", rate: 2Mbps, until: 5s, count: 2, startJitter: 1s}
            """
                + SINK);
    assertThat(other.udpSources().get(3).at()).isEqualTo(config.udpSources().get(0).at());
    assertThat(other.udpSources().get(4).at()).isEqualTo(config.udpSources().get(1).at());
  }

  @Test
  void udpMistakes_areRefusedWhereWritten() {
    refused(
        """
        udpSources:
          - {host: a, to: "b:10"}
        """
            + SINK,
        "t.yaml:10:15: udpSources[0].to: no UDP sink on b:10: add {host: b, port: 10} to udpSinks");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", kind: vbr}
        """
            + SINK,
        "t.yaml:10:26: udpSources[0].kind: unknown UDP source kind 'vbr' (known: cbr, onoff,"
            + " poisson)");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", size: 65508}
        """
            + SINK,
        "t.yaml:10:26: udpSources[0].size: out of range: 65508 bytes (expected 1 to 65507)");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", rate: 0}
        """
            + SINK,
        "t.yaml:10:26: udpSources[0].rate: a source needs a rate above 0 (such as \"1Mbps\")");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", at: 2s, until: 1s}
        """
            + SINK,
        "t.yaml:10:34: udpSources[0].until: until must come after at: the source would send"
            + " nothing");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", rate: 10Tbps, size: 1}
        """
            + SINK,
        "t.yaml:10:26: udpSources[0].rate: datagrams of 1 bytes at 10Tbps would leave less than"
            + " 1ns apart, the clock's resolution");
    refused(
        """
        udpSources:
          - {host: a, to: "a:9"}
        """
            + SINK,
        "t.yaml:10:15: udpSources[0].to: a UDP source cannot send to its own host 'a'");
    refused(
        """
        clients:
          - {name: x, host: a, connect: "b:80"}
        udpSources:
          - {name: x, host: a, to: "b:9"}
        """
            + SINK,
        "t.yaml:12:6: udpSources[0].name: duplicate name 'x' (of clients[0]): flows are reported"
            + " by name; give the source a name of its own");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9"}
        udpSinks:
          - {host: b, port: 9}
          - {host: b, port: 9}
        """,
        "t.yaml:13:15: udpSinks[1].port: a sink on b:9 exists already (udpSinks[0]): a port"
            + " takes one sink");
  }

  @Test
  void aFixedSourcePort_takenByASinkOrAnotherSource_isRefused() {
    refused(
        """
        udpSources:
          - {host: b, to: "a:9", localPort: 9}
        udpSinks:
          - {host: a, port: 9}
          - {host: b, port: 9}
        """,
        "t.yaml:10:26: udpSources[0].localPort: UDP port 9 of b is taken by udpSinks[1]: a port"
            + " has one sink or source");
    refused(
        """
        udpSources:
          - {host: a, to: "b:9", localPort: 5000, count: 2}
          - {host: a, to: "b:9", localPort: 5001}
        """
            + SINK,
        "t.yaml:11:26: udpSources[1].localPort: UDP port 5001 of a is taken by udpSources[0]: a"
            + " port has one sink or source");
  }

  @Test
  void aRunWithOnlyUdpSources_needsNoClient() {
    ExperimentConfig config =
        load(
            """
            udpSources:
              - {host: a, to: "b:9", until: 1s}
            """
                + SINK);
    assertThat(config.clients()).isEmpty();
    assertThat(config.udpSources()).hasSize(1);
  }
}
