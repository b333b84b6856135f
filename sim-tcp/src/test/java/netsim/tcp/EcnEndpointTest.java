package netsim.tcp;

import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.CWR;
import static netsim.tcp.TcpFlags.ECE;
import static netsim.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.net.packet.Ecn;
import org.junit.jupiter.api.Test;

class EcnEndpointTest {
  private static final TcpSegment ECN_SETUP_SYN =
      TcpSegment.builder(49152, 80).flags(SYN | ECE | CWR).build();

  @Test
  void hostWithEcnOff_sharesOneEndpoint_thatAnEcnSetupSynLeavesOff() {
    EcnEndpoint first = EcnEndpoint.of(EcnMode.OFF);
    EcnEndpoint second = EcnEndpoint.of(EcnMode.OFF);
    assertThat(first).isSameAs(second);

    first.synArrived(ECN_SETUP_SYN, true);

    assertThat(second.isOn()).isFalse();
    assertThat(second.synFlags(SYN | ACK)).isZero();
    assertThat(second.arrived(TcpSegment.builder(49152, 80).flags(ACK).build(), Ecn.CE)).isFalse();
    assertThat(second.ackFlags()).isZero();
    assertThat(second.newDataFlags(1)).isZero();
  }

  @Test
  void hostThatAcceptsEcn_givesEachConnectionItsOwnEndpoint() {
    EcnEndpoint first = EcnEndpoint.of(EcnMode.PASSIVE);
    EcnEndpoint second = EcnEndpoint.of(EcnMode.PASSIVE);
    assertThat(first).isNotSameAs(second);

    first.synArrived(ECN_SETUP_SYN, true);

    assertThat(first.isOn()).isTrue();
    assertThat(first.synFlags(SYN | ACK)).isEqualTo(ECE);
    assertThat(second.isOn()).isFalse();
  }

  @Test
  void echoReducesTheWindowOncePerWindowOfData_notAgainUntilItsEndIsAcknowledged() {
    EcnEndpoint endpoint = EcnEndpoint.of(EcnMode.PASSIVE);
    endpoint.synArrived(ECN_SETUP_SYN, true);
    assertThat(endpoint.mayReduceAt(1)).isTrue();

    endpoint.reducedUntil(10_001); // SND.MAX when the send side reduced its window

    assertThat(endpoint.mayReduceAt(1)).isFalse();
    assertThat(endpoint.mayReduceAt(10_000)).isFalse();
    assertThat(endpoint.mayReduceAt(10_001)).isTrue();
  }
}
