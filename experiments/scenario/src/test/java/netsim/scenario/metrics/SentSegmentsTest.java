package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Round trips measured on the wire: from the newest segment an ACK covers, never a resent one. */
class SentSegmentsTest {
  @Test
  void ackCoveringTwoSegments_samplesTheNewest() {
    SentSegments s = new SentSegments();
    s.sent(100, 1000, 2000);
    s.sent(150, 2000, 3000);
    assertThat(s.acked(400, 3000)).isEqualTo(250);
  }

  @Test
  void duplicateAck_givesNoSample_andTheNextAckStillDoes() {
    SentSegments s = new SentSegments();
    s.sent(100, 1000, 2000);
    s.sent(150, 2000, 3000);
    assertThat(s.acked(300, 2000)).isEqualTo(200);
    assertThat(s.acked(310, 2000)).isEqualTo(-1);
    assertThat(s.acked(420, 3000)).isEqualTo(270);
  }

  @Test
  void ackCoveringAResentSegment_givesNoSample_karnsRule() {
    SentSegments s = new SentSegments();
    s.sent(100, 1000, 2000);
    s.sent(150, 2000, 3000);
    s.sent(500, 1000, 2000); // the first again
    assertThat(s.acked(600, 3000)).isEqualTo(-1);
    s.sent(700, 3000, 4000);
    assertThat(s.acked(760, 4000)).isEqualTo(60);
  }

  @Test
  void sequenceNumbers_wrapAroundTwoToThe32() {
    SentSegments s = new SentSegments();
    s.sent(0, 0xFFFF_FF00L, 0xFFFF_FFF0L);
    s.sent(10, 0xFFFF_FFF0L, 0x10L);
    s.sent(20, 0x10L, 0x20L);
    assertThat(s.acked(50, 0x10L)).isEqualTo(40);
    assertThat(s.acked(70, 0x20L)).isEqualTo(50);
  }

  @Test
  void manySegmentsInFlight_growTheQueue_inOrder() {
    SentSegments s = new SentSegments();
    for (int i = 0; i < 100; i++) {
      s.sent(i, i * 10L, i * 10L + 10);
    }
    assertThat(s.acked(1000, 500)).isEqualTo(1000 - 49);
    assertThat(s.acked(2000, 1000)).isEqualTo(2000 - 99);
  }
}
