package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-segment transmit log RACK reads (RFC 8985 5.2). */
class SentSegmentsTest {
  private final SentSegments segments = new SentSegments();

  @Test
  void newSegments_areAppended_withTheirTransmitTimes() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    assertThat(segments).hasToString("[1-1001@10 1001-2001@20]");
  }

  @Test
  void aRetransmission_restampsTheSegment_andClearsItsLostMark() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    segments.markLost(0);
    segments.sent(1, 1001, 50);
    assertThat(segments).hasToString("[1-1001@50R 1001-2001@20]");
  }

  @Test
  void aRetransmissionOverPartOfASegment_splitsIt_andOneBeyondTheEnd_appendsTheRest() {
    segments.sent(1, 1001, 10);
    segments.sent(501, 1501, 30);
    assertThat(segments).hasToString("[1-501@10 501-1001@30R 1001-1501@30]");
  }

  @Test
  void removeBelow_dropsWhatIsAcknowledged_andTrimsAPartlyAcknowledgedSegment() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    segments.sent(2001, 3001, 30);
    segments.markSacked(2);
    segments.removeBelow(1501);
    assertThat(segments).hasToString("[1501-2001@20 2001-3001@30S]");
    assertThat(segments.indexOf(2500)).isEqualTo(1);
    assertThat(segments.indexOf(1000)).isEqualTo(-1);
  }

  @Test
  void manySegments_growTheArrays_andKeepTheirOrder() {
    for (int k = 0; k < 1000; k++) {
      segments.sent(1 + k * 100L, 101 + k * 100L, k);
      if (k % 3 == 0) {
        segments.removeBelow(1 + (k / 2) * 100L);
      }
    }
    assertThat(segments.start(0)).isEqualTo(1 + 499 * 100L);
    assertThat(segments.end(segments.count() - 1)).isEqualTo(100_001);
    for (int i = 1; i < segments.count(); i++) {
      assertThat(segments.start(i)).isEqualTo(segments.end(i - 1));
    }
  }
}
