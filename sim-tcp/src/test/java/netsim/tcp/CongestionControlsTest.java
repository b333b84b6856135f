package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CongestionControlsTest {

  @Test
  void registry_pairsEachAlgorithmWithItsLossRecovery_andRefusesUnknownNames() {
    RecoveryBench bench = new RecoveryBench(1000, 1);
    // Registration order; a congestion control added later is one more name, not a test's edit.
    assertThat(CongestionControls.NAMES).startsWith("reno", "newreno", "cubic");
    assertThat(CongestionControls.get("reno").congestionControl().apply(HostProfile.RFC).name())
        .isEqualTo("reno");
    assertThat(CongestionControls.get("reno").lossRecovery().apply(bench))
        .isExactlyInstanceOf(RenoRecovery.class);
    assertThat(CongestionControls.get("newreno").congestionControl().apply(HostProfile.RFC).name())
        .isEqualTo("reno");
    assertThat(CongestionControls.get("newreno").lossRecovery().apply(bench))
        .isExactlyInstanceOf(NewRenoRecovery.class);
    assertThat(CongestionControls.get("cubic").congestionControl().apply(HostProfile.RFC).name())
        .isEqualTo("cubic");
    assertThat(CongestionControls.get("cubic").lossRecovery().apply(bench))
        .isExactlyInstanceOf(NewRenoRecovery.class);
    assertThatThrownBy(() -> CongestionControls.check("bbr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown congestion control 'bbr' (known: "
                + String.join(", ", CongestionControls.NAMES)
                + ")");
  }
}
