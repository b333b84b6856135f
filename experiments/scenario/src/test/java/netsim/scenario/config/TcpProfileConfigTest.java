package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.core.Time;
import netsim.tcp.HostProfile;
import netsim.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code tcp.profile} selects a host profile for every host or, in a node's {@code tcp:}, for one:
 * its values become the defaults of the keys not given beside it, and its rules apply.
 */
class TcpProfileConfigTest {
  private static ExperimentConfig load(String tcp, String clientTcp) {
    return ConfigLoader.load(
        "profile.yaml",
        """
        tcp: %s
        nodes:
          - {name: a, address: 10.0.0.1, tcp: %s}
          - {name: b, address: 10.0.0.2}
        links:
          - {a: a, b: b}
        listeners:
          - {host: b, port: 80}
        clients:
          - {host: a, connect: "b:80"}
        """
            .formatted(tcp, clientTcp),
        List.of());
  }

  @Test
  void nodeProfile_makesThatHostALinuxOne_andLeavesTheOthersRfc() {
    ExperimentConfig config = load("{}", "{profile: linux}");
    TcpConfig a = config.nodes().get(0).tcp();
    assertThat(a.profile()).isSameAs(HostProfile.LINUX);
    assertThat(a.minRto()).isEqualTo(Time.millis(200));
    assertThat(a.initialWindow()).isEqualTo(10);
    assertThat(a.delayedAck()).isTrue();
    assertThat(config.nodes().get(1).tcp()).isEqualTo(TcpConfig.defaults());
  }

  @Test
  void keyGivenBesideTheProfile_overridesTheProfilesValue() {
    TcpConfig a = load("{}", "{profile: linux, minRto: 1s}").nodes().get(0).tcp();
    assertThat(a.minRto()).isEqualTo(Time.seconds(1));
    assertThat(a.initialWindow()).isEqualTo(10);
  }

  @Test
  void topLevelProfile_isInheritedByEveryHost_withAKeyInheritedFromBesideIt() {
    ExperimentConfig config = load("{profile: freebsd, mss: 1000}", "{}");
    for (NodeSettings node : config.nodes()) {
      assertThat(node.tcp().profile()).isSameAs(HostProfile.FREEBSD);
      assertThat(node.tcp().rfc1337()).isTrue();
      assertThat(node.tcp().mss()).isEqualTo(1000);
    }
  }

  @Test
  void profile_setsTheSackRecovery_andASackRecoveryBesideItOverridesIt() {
    ExperimentConfig config = load("{profile: freebsd}", "{profile: linux}");
    assertThat(config.nodes().get(0).tcp().sackRecovery()).isEqualTo("rack-tlp");
    assertThat(config.nodes().get(1).tcp().sackRecovery()).isEqualTo("prr");
    TcpConfig a = load("{}", "{profile: linux, sackRecovery: prr-crb}").nodes().get(0).tcp();
    assertThat(a.sackRecovery()).isEqualTo("prr-crb");
    assertThat(a.profile()).isSameAs(HostProfile.LINUX);
  }

  @Test
  void unknownProfile_isALocatedErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> load("{}", "{profile: solaris}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("profile.yaml:3:")
        .hasMessageContaining("unknown profile 'solaris' (known: rfc, linux, freebsd)");
  }
}
