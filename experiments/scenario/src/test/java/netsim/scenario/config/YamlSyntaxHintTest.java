package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A YAML syntax error that a quoted value would avoid says so. */
class YamlSyntaxHintTest {
  @Test
  void aPathWithBracketsInAOneLineList_isLocated_andTheErrorSaysToQuoteIt() {
    String text =
        """
        topology: {kind: dumbbell, pairs: 1}
        listeners: [{host: d1, port: 80}]
        clients: [{host: s1, connect: "d1:80", send: 1000}]
        sweep:
          parameters: {tcp.congestionControl: [reno, cubic]}
          metrics: [flows.goodput.mean, links[bottleneck].utilization]
        """;
    assertThatThrownBy(() -> ConfigLoader.load("t.yaml", text, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("t.yaml:6:")
        .hasMessageContaining("YAML syntax error: while parsing a flow sequence")
        .hasMessageEndingWith(
            "(inside [...] or {...}, quote a value with brackets:"
                + " \"links[bottleneck].utilization\")");
  }
}
