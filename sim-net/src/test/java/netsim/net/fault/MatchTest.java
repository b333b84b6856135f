package netsim.net.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import netsim.core.Time;
import netsim.net.Packet;
import netsim.net.TestPackets;
import netsim.net.TestPayload;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;
import org.junit.jupiter.api.Test;

class MatchTest {
  // TCP's bit positions, as sim-tcp will define them.
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  private static Packet packet(TestPayload payload) {
    return TestPackets.packet(0, "10.0.0.1", "10.0.0.2", payload, "client", "ESTABLISHED");
  }

  private static Packet withFlags(int flags) {
    return packet(TestPayload.of("p", 0).withFlags(flags));
  }

  @Test
  void anEmptyMatchAcceptsEveryPacket() {
    assertThat(Match.ANY.test(withFlags(SYN), 0)).isTrue();
    assertThat(Match.ANY.test(withFlags(0), Long.MAX_VALUE - 1)).isTrue();
    assertThat(Match.ANY).hasToString("any");
  }

  @Test
  void exactFlagsAcceptOnlyThatExactSet() {
    Match synOnly = Match.builder().flags(SYN).build();
    assertThat(synOnly.test(withFlags(SYN), 0)).isTrue();
    assertThat(synOnly.test(withFlags(SYN | ACK), 0)).isFalse();
    assertThat(synOnly.test(withFlags(0), 0)).isFalse();
  }

  @Test
  void containedFlagsAcceptAnySuperset() {
    Match ack = Match.builder().flagsContain(ACK).build();
    assertThat(ack.test(withFlags(ACK), 0)).isTrue();
    assertThat(ack.test(withFlags(SYN | ACK), 0)).isTrue();
    assertThat(ack.test(withFlags(FIN | ACK | PSH), 0)).isTrue();
    assertThat(ack.test(withFlags(SYN), 0)).isFalse();
  }

  @Test
  void excludedFlagsRejectAPacketWithAnyOfThem() {
    Match pureAck = Match.builder().flagsContain(ACK).flagsExclude(SYN | FIN | RST).build();
    assertThat(pureAck.test(withFlags(ACK), 0)).isTrue();
    assertThat(pureAck.test(withFlags(ACK | PSH), 0)).isTrue();
    assertThat(pureAck.test(withFlags(ACK | FIN), 0)).isFalse();
    assertThat(pureAck.test(withFlags(SYN | ACK), 0)).isFalse();
    assertThat(pureAck).hasToString("flags&0x10=0x10 flags&0x7=0");
  }

  @Test
  void sequenceAndAcknowledgmentNumbersMustBeEqual() {
    TestPayload payload =
        TestPayload.of("p", 0).withSequenceNumber(4_000_000_000L).withAcknowledgmentNumber(7);
    assertThat(
            Match.builder()
                .sequenceNumber(4_000_000_000L)
                .acknowledgmentNumber(7)
                .build()
                .test(packet(payload), 0))
        .isTrue();
    assertThat(Match.builder().sequenceNumber(4_000_000_001L).build().test(packet(payload), 0))
        .isFalse();
    assertThat(Match.builder().acknowledgmentNumber(8).build().test(packet(payload), 0)).isFalse();
  }

  @Test
  void anAckMatchNeverAcceptsAPacketWithoutAcknowledgmentNumber() {
    // The payload reports -1: it carries no acknowledgment number.
    assertThat(
            Match.builder().acknowledgmentNumber(0).build().test(packet(TestPayload.of("p", 0)), 0))
        .isFalse();
  }

  @Test
  void dataLengthIsExactOrWithinAnInclusiveRange() {
    Match empty = Match.builder().dataLength(0).build();
    Match small = Match.builder().dataLength(1, 100).build();
    assertThat(empty.test(packet(TestPayload.of("p", 0)), 0)).isTrue();
    assertThat(empty.test(packet(TestPayload.of("p", 1)), 0)).isFalse();
    assertThat(small.test(packet(TestPayload.of("p", 0)), 0)).isFalse();
    assertThat(small.test(packet(TestPayload.of("p", 1)), 0)).isTrue();
    assertThat(small.test(packet(TestPayload.of("p", 100)), 0)).isTrue();
    assertThat(small.test(packet(TestPayload.of("p", 101)), 0)).isFalse();
  }

  @Test
  void portsAndAddressesMustBeEqual() {
    Packet p = packet(TestPayload.of("p", 0).withPorts(49152, 80));
    assertThat(
            Match.builder()
                .sourcePort(49152)
                .destinationPort(80)
                .source(Ipv4Address.parse("10.0.0.1"))
                .destination(Ipv4Address.parse("10.0.0.2"))
                .build()
                .test(p, 0))
        .isTrue();
    assertThat(Match.builder().sourcePort(80).build().test(p, 0)).isFalse();
    assertThat(Match.builder().destinationPort(49152).build().test(p, 0)).isFalse();
    assertThat(Match.builder().source(Ipv4Address.parse("10.0.0.2")).build().test(p, 0)).isFalse();
    assertThat(Match.builder().destination(Ipv4Address.parse("10.0.0.1")).build().test(p, 0))
        .isFalse();
  }

  @Test
  void anAddressPrefixAcceptsEveryAddressInIt() {
    Packet p = packet(TestPayload.of("p", 0));
    assertThat(Match.builder().source(Prefix.parse("10.0.0.0/24")).build().test(p, 0)).isTrue();
    assertThat(Match.builder().source(Prefix.parse("10.0.1.0/24")).build().test(p, 0)).isFalse();
  }

  @Test
  void senderNodeAndStateMustBeEqual_andANullStateNeverMatches() {
    Match lastAck = Match.builder().senderNode("client").senderState("TIME_WAIT").build();
    assertThat(
            lastAck.test(
                TestPackets.packet(
                    0, "10.0.0.1", "10.0.0.2", TestPayload.of("p", 0), "client", "TIME_WAIT"),
                0))
        .isTrue();
    assertThat(
            lastAck.test(
                TestPackets.packet(
                    0, "10.0.0.1", "10.0.0.2", TestPayload.of("p", 0), "server", "TIME_WAIT"),
                0))
        .isFalse();
    assertThat(
            lastAck.test(
                TestPackets.packet(
                    0, "10.0.0.1", "10.0.0.2", TestPayload.of("p", 0), "client", "FIN_WAIT_2"),
                0))
        .isFalse();
    assertThat(
            lastAck.test(
                TestPackets.packet(
                    0, "10.0.0.1", "10.0.0.2", TestPayload.of("p", 0), "client", null),
                0))
        .isFalse();
  }

  @Test
  void theTimeWindowIncludesItsStartAndExcludesItsEnd() {
    Match window = Match.builder().during(Time.millis(10), Time.millis(20)).build();
    Packet p = packet(TestPayload.of("p", 0));
    assertThat(window.test(p, Time.millis(10) - 1)).isFalse();
    assertThat(window.test(p, Time.millis(10))).isTrue();
    assertThat(window.test(p, Time.millis(20) - 1)).isTrue();
    assertThat(window.test(p, Time.millis(20))).isFalse();
    assertThat(window).hasToString("time=[10ms,20ms)");
  }

  @Test
  void fromAndUntilCombineIntoOneWindow() {
    Match window = Match.builder().from(Time.seconds(1)).until(Time.seconds(2)).build();
    assertThat(window).isEqualTo(Match.builder().during(Time.seconds(1), Time.seconds(2)).build());
  }

  @Test
  void everyConditionMustHold() {
    Match m =
        Match.builder()
            .flagsContain(ACK)
            .dataLength(0)
            .senderState("TIME_WAIT")
            .senderNode("client")
            .build();
    assertThat(
            m.test(
                TestPackets.packet(
                    0,
                    "10.0.0.1",
                    "10.0.0.2",
                    TestPayload.of("p", 0).withFlags(ACK),
                    "client",
                    "TIME_WAIT"),
                0))
        .isTrue();
    assertThat(
            m.test(
                TestPackets.packet(
                    0,
                    "10.0.0.1",
                    "10.0.0.2",
                    TestPayload.of("p", 1).withFlags(ACK),
                    "client",
                    "TIME_WAIT"),
                0))
        .isFalse();
    assertThat(m).hasToString("flags&0x10=0x10 data=0 node=client state=TIME_WAIT");
  }

  @Test
  void badConditionsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> Match.builder().sourcePort(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port out of range 0-65535: 70000");
    assertThatThrownBy(() -> Match.builder().sequenceNumber(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sequence number out of range 0-4294967295: -1");
    assertThatThrownBy(() -> Match.builder().dataLength(10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data length range is empty: 10..5");
    assertThatThrownBy(() -> Match.builder().during(Time.seconds(2), Time.seconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time window [2s, 1s) is empty");
    assertThatThrownBy(() -> Match.builder().flagsContain(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flag mask must be positive, got 0");
  }

  @Test
  void contradictoryFlagConditionsAreRejected() {
    assertThatThrownBy(() -> Match.builder().flagsContain(ACK).flagsExclude(ACK | SYN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flags can never match: bits 0x10 are both required and excluded");
    assertThatThrownBy(() -> Match.builder().flags(SYN).flagsContain(ACK).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flags 0x2 can never match: they lack required bits 0x10");
  }
}
