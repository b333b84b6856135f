package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

/** The host profiles: what each fixes, and lookup by name. */
class ProfileTest {
  @Test
  void rfc_isTheModelsDefaults_andComparesWindowsAndBufferSizes() {
    Profile rfc = Profile.rfc();
    assertThat(rfc.tcp()).isEqualTo(netsim.tcp.TcpConfig.defaults());
    assertThat(rfc.tcp().initialWindowBytes(1460)).as("RFC 5681 3.1").isEqualTo(4380);
    assertThat(rfc.tcp().minRto()).isEqualTo(Time.seconds(1));
    assertThat(rfc.compareWindow()).isTrue();
    assertThat(rfc.strictOptionOrder()).isFalse();
    assertThat(rfc.reportedReceiveBuffer()).isEqualTo(rfc.tcp().receiveBuffer());
  }

  @Test
  void linux_hasLinuxsTimersWindowScaleAndTimeWaitRules() {
    Profile linux = Profile.linux();
    assertThat(linux.tcp().minRto()).isEqualTo(Time.millis(200));
    assertThat(linux.tcp().initialWindowBytes(1460)).isEqualTo(10 * 1460);
    assertThat(linux.tcp().delayedAck()).isTrue();
    assertThat(linux.tcp().delayedAckTimeout()).isEqualTo(Time.millis(40));
    assertThat(linux.tcp().receiveWindowShift()).isEqualTo(7);
    assertThat(linux.tcp().challengeAckInterval()).isEqualTo(Time.millis(500));
    assertThat(linux.tcp().acceptSynInTimeWait()).isTrue();
    assertThat(linux.compareWindow()).isFalse();
    assertThat(linux.compareWindowScale()).isFalse();
    assertThat(linux.strictOptionOrder()).isTrue();
  }

  @Test
  void freebsd_ignoresRstInTimeWait_andStartsWithRecvspace() {
    Profile freebsd = Profile.freebsd();
    assertThat(freebsd.tcp().rfc1337()).isTrue();
    assertThat(freebsd.tcp().receiveBuffer()).isEqualTo(65536);
    assertThat(freebsd.tcp().profile().receiveBuffer()).isEqualTo(2 * 1024 * 1024);
    assertThat(freebsd.nonBlockFlag()).isEqualTo(0x4);
    assertThat(freebsd.compareWindowScale()).isTrue();
    assertThat(freebsd.tcp().receiveWindowShift()).isEqualTo(6);
  }

  @Test
  void named_findsEachProfile_caseBlind_andNamesTheKnownOnes() {
    assertThat(Profile.named("LINUX").name()).isEqualTo("linux");
    assertThat(Profile.named("freebsd").name()).isEqualTo("freebsd");
    assertThatThrownBy(() -> Profile.named("solaris"))
        .hasMessage("unknown profile 'solaris' (known: rfc, linux, freebsd)");
  }

  @Test
  void withTcp_keepsReportedBufferSizesInStepWithTheConfig() {
    Profile rfc = Profile.rfc();
    Profile bigger = rfc.withTcp("big", rfc.tcp().toBuilder().receiveBuffer(1 << 20).build());
    assertThat(bigger.reportedReceiveBuffer()).isEqualTo(1 << 20);
    assertThat(bigger.name()).isEqualTo("big");
  }
}
