package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD's {@code sockstat | grep} lines evaluated on a socket table: the listing sockstat prints,
 * each {@code grep}'s selection and count, and the pipeline's success as a shell's (its last
 * command's).
 */
class SocketTableTest {
  private static final SocketTable.Row LISTENER = new SocketTable.Row(3, "*:8080", "*:*", "LISTEN");
  private static final SocketTable.Row TIME_WAIT =
      new SocketTable.Row(4, "192.168.0.1:8080", "192.0.2.1:49999", "TIME_WAIT");
  private static final SocketTable.Row EMBRYONIC =
      new SocketTable.Row(-1, "192.168.0.1:8080", "192.0.2.1:49998", "SYN_RCVD");
  private static final List<SocketTable.Row> ROWS = List.of(LISTENER, TIME_WAIT, EMBRYONIC);

  private static SocketTable table(String command) {
    ShellEffect effect = SocketTable.interpret(command);
    assertThat(effect.kind()).as(effect.describe()).isEqualTo(ShellEffect.Kind.CHECK);
    SocketTable table = effect.check();
    assertThat(table).isNotNull();
    return table;
  }

  @Test
  void listing_hasAHeader_theOwnerOfHeldSockets_andTheStateWithMinusS() {
    assertThat(table("sockstat -4 -P tcp -s").listing(List.of(TIME_WAIT, EMBRYONIC)))
        .containsExactly(
            "USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS       CONN"
                + " STATE",
            "root     packetdril 1000  4  tcp4  192.168.0.1:8080      192.0.2.1:49999      "
                + " TIME_WAIT",
            "?        ?          ?     ?  tcp4  192.168.0.1:8080      192.0.2.1:49998      "
                + " SYN_RCVD");
    assertThat(table("sockstat -q -4").listing(List.of(TIME_WAIT)))
        .containsExactly(
            "root     packetdril 1000  4  tcp4  192.168.0.1:8080      192.0.2.1:49999      ");
  }

  @Test
  void countOfHeldSocketsInAState_succeedsWhenTheLastGrepFindsTheCount() {
    String line = "sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1";
    assertThat(table(line).failure(ROWS)).isNull();
    assertThat(table(line).failure(List.of(LISTENER)))
        .isEqualTo("grep 1 selected nothing of '0'; the socket table: fd 3 LISTEN");
  }

  @Test
  void countOfZero_succeeds_thoughTheCountingGrepItselfFails() {
    // `grep -c` exits 1 when it counts 0, but a pipeline's status is its last command's.
    String line = "sockstat -4 -P tcp -p 8080 -s | grep -c SYN_RCVD | grep 0";
    assertThat(table(line).failure(List.of(LISTENER))).isNull();
    assertThat(table(line).failure(ROWS)).startsWith("grep 0 selected nothing of '1'");
  }

  @Test
  void socketsNoProcessHolds_areListedWithoutTheCommand() {
    assertThat(table("sockstat -4 -s | grep packetdril | grep -c SYN_RCVD | grep 0").failure(ROWS))
        .isNull();
    assertThat(table("sockstat -4 -s | grep -c SYN_RCVD | grep 1").failure(ROWS)).isNull();
  }

  @Test
  void portListenAndProtocolFilters_selectRows() {
    assertThat(table("sockstat -4 -l -s | grep -c LISTEN | grep 1").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -l -s | grep -c TIME_WAIT | grep 0").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -c -s | grep -c LISTEN | grep 0").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -p 49998 -s | grep -c tcp4 | grep 1").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -P udp -s | grep -c tcp4 | grep 0").failure(ROWS)).isNull();
    assertThat(table("sockstat -6 -s | grep -c tcp4 | grep 0").failure(ROWS)).isNull();
  }

  @Test
  void grepPattern_dotMatchesAnyCharacter_andMinusVInverts() {
    assertThat(table("sockstat -4 -s | grep -c TIME.WAIT | grep 1").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -q -s | grep -v -c packetdril | grep 1").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -s | grep -i -c time_wait | grep 1").failure(ROWS)).isNull();
  }

  @Test
  void grepWithoutCount_succeedsWhenALineIsSelected() {
    assertThat(table("sockstat -4 -s | grep CLOSING").failure(ROWS))
        .startsWith("grep CLOSING selected nothing of 4 lines");
    assertThat(table("sockstat -4 -s | grep LISTEN").failure(ROWS)).isNull();
    assertThat(table("sockstat -4 -s").failure(ROWS)).isNull();
  }
}
