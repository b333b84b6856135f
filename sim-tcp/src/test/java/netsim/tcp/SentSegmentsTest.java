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

  /** The entries of a walk in send order, as "start-end". */
  private String sendOrder() {
    StringBuilder order = new StringBuilder();
    for (int i = segments.firstInSendOrder(); i >= 0; i = segments.nextInSendOrder()) {
      order.append(order.length() == 0 ? "" : " ").append(segments.start(i)).append('-');
      order.append(segments.end(i));
    }
    return order.toString();
  }

  @Test
  void sendOrder_aRetransmissionMovesTheSegmentToTheTail() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    segments.sent(2001, 3001, 30);
    segments.sent(1001, 2001, 40);
    assertThat(sendOrder()).isEqualTo("1-1001 2001-3001 1001-2001");
  }

  @Test
  void sendOrder_aRetransmissionOverPartsOfSegments_sendsThePiecesLast_inPositionOrder() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    segments.sent(501, 1501, 30);
    assertThat(segments).hasToString("[1-501@10 501-1001@30R 1001-1501@30R 1501-2001@20]");
    assertThat(sendOrder()).isEqualTo("1-501 1501-2001 501-1001 1001-1501");
  }

  @Test
  void sendOrder_leavesOutSackedAndAcknowledgedSegments_butKeepsLostOnesUntilResent() {
    for (int k = 0; k < 4; k++) {
      segments.sent(1 + k * 1000L, 1001 + k * 1000L, 10 + k);
    }
    segments.markSacked(2);
    segments.markLost(1);
    segments.removeBelow(1001);
    assertThat(sendOrder()).isEqualTo("1001-2001 3001-4001");
    segments.sent(1001, 2001, 50);
    assertThat(sendOrder()).isEqualTo("3001-4001 1001-2001");
  }

  @Test
  void sendOrder_aRetransmissionOfSackedDataOnly_addsNothing() {
    segments.sent(1, 1001, 10);
    segments.sent(1001, 2001, 20);
    segments.markSacked(1);
    segments.sent(1001, 2001, 30);
    assertThat(sendOrder()).isEqualTo("1-1001");
  }

  @Test
  void counts_followTheMarks_throughResends_splitsAndAcks() {
    for (int k = 0; k < 4; k++) {
      segments.sent(1 + k * 1000L, 1001 + k * 1000L, 10);
    }
    segments.markSacked(3);
    segments.markLost(0);
    segments.markLost(1);
    assertThat(segments.sackedCount()).isEqualTo(1);
    assertThat(segments.lostCount()).isEqualTo(2);
    assertThat(segments.pipeBytes()).isEqualTo(1000);
    segments.sent(1, 501, 20); // resends half of the first: no longer lost, in flight
    assertThat(segments.lostCount()).isEqualTo(2); // 501-1001 and 1001-2001
    assertThat(segments.pipeBytes()).isEqualTo(1500);
    segments.markLost(3); // 2001-3001, the split having added an entry
    segments.removeBelow(1001);
    assertThat(segments.lostCount()).isEqualTo(2);
    assertThat(segments.pipeBytes()).isZero();
    assertThat(segments.sackedCount()).isEqualTo(1);
  }

  @Test
  void unchecked_marksThePiecesOfASplitAndATrimmedHead_untilChecked() {
    segments.sent(1, 2001, 10);
    segments.sent(2001, 3001, 10);
    assertThat(segments.uncheckedCount()).isZero();
    segments.sent(1, 1001, 20);
    assertThat(segments.isUnchecked(0)).isTrue();
    assertThat(segments.isUnchecked(1)).isTrue();
    assertThat(segments.isUnchecked(2)).isFalse();
    segments.markAllChecked();
    assertThat(segments.uncheckedCount()).isZero();
    segments.removeBelow(2501);
    assertThat(segments.isUnchecked(0)).isTrue();
    assertThat(segments.uncheckedCount()).isEqualTo(1);
  }

  @Test
  void firstLostCandidate_startsAtTheLowestLostSegment_notSacked() {
    for (int k = 0; k < 5; k++) {
      segments.sent(1 + k * 1000L, 1001 + k * 1000L, 10);
    }
    assertThat(segments.firstLostCandidate()).isEqualTo(5);
    segments.markLost(3);
    segments.noLostBelow(3);
    assertThat(segments.firstLostCandidate()).isEqualTo(3);
    segments.markLost(1);
    assertThat(segments.firstLostCandidate()).isEqualTo(1);
  }
}
