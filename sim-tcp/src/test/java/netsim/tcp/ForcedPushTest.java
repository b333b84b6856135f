package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Linux's forced push (tcp_sendmsg_locked, forced_push, tcp_mark_push) on stream positions: skbs of
 * 1000 bytes, a peer whose largest window was 4000, so a push is forced more than 2000 bytes after
 * the last.
 */
class ForcedPushTest {
  private static final long SIZE_GOAL = 1000;
  private static final long MAX_WINDOW = 4000;

  private final ForcedPush forcedPush = new ForcedPush();
  private final WriteEnds ends = new WriteEnds();

  /** Whether PSH marks exactly {@code positions} in [1, {@code last}]. */
  private void assertPushesAt(long last, long... positions) {
    long from = 0;
    for (long position : positions) {
      assertThat(ends.anyWithin(from, position - 1)).as("a push before %d", position).isFalse();
      assertThat(ends.anyWithin(position - 1, position)).as("a push at %d", position).isTrue();
      from = position;
    }
    assertThat(ends.anyWithin(from, last)).as("a push after %d", from).isFalse();
  }

  @Test
  void writeToAnUnsentTailSkb_fillsItFirst_soTheSkbsEndWhereTheTailsSizeGoalEnds() {
    // tcp_sendmsg_locked appends to the write queue's tail skb up to size_goal before it starts
    // a new one: 1001..1501 waits unsent, the next skbs end at 2001, 3001, 4001 (2500 after the
    // push at 1501: forced), and the write ends at 5001 (tcp_push).
    forcedPush.written(1, 1501, false, 1, SIZE_GOAL, MAX_WINDOW, ends);
    forcedPush.written(1501, 5001, false, 1, SIZE_GOAL, MAX_WINDOW, ends);
    assertPushesAt(6000, 1501, 4001, 5001);
  }

  @Test
  void writeAfterTheTailWasSent_startsANewSkb() {
    // The tail skb 1001..1501 left the write queue when it was sent: the new skbs start at 1501
    // and end at 2501, 3501, 4501 (3000 after the push at 1501: forced).
    forcedPush.written(1, 1501, false, 1, SIZE_GOAL, MAX_WINDOW, ends);
    forcedPush.written(1501, 5001, false, 1501, SIZE_GOAL, MAX_WINDOW, ends);
    assertPushesAt(6000, 1501, 4501, 5001);
  }

  @Test
  void writeWithMsgMore_isNoPushAtItsEnd_unlessOneIsForcedThere() {
    // tcp_push: "if (!(flags & MSG_MORE) || forced_push(tp)) tcp_mark_push(tp, skb)".
    forcedPush.written(1, 1501, true, 1, SIZE_GOAL, MAX_WINDOW, ends);
    assertPushesAt(6000);
    forcedPush.written(1501, 2501, true, 1, SIZE_GOAL, MAX_WINDOW, ends);
    assertPushesAt(6000, 2501);
  }

  @Test
  void sizeGoal_isTheChunkBoundedByHalfTheLargestWindow_inWholeSegments() {
    // tcp_xmit_size_goal with tcp_bound_to_half_wnd: 44 segments of 1460 bound to 32000 bytes.
    assertThat(ForcedPush.sizeGoal(44, 1460, 64000)).isEqualTo(21 * 1460);
    assertThat(ForcedPush.sizeGoal(2, 1000, 32896)).isEqualTo(2000);
    assertThat(ForcedPush.sizeGoal(2, 1460, 1000)).isEqualTo(1460); // at least one segment
  }
}
