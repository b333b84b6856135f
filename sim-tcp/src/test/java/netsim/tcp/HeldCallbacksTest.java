package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldCallbacksTest {
  private final HeldCallbacks held = new HeldCallbacks();
  private final TcpConnection connection = new TcpHarness(TcpHarness.CONFIG, false).connection;
  private final List<String> heard = new ArrayList<>();
  private final List<ReceivedData> dataHeard = new ArrayList<>();

  HeldCallbacksTest() {
    connection.setHandler(
        new TcpHandler() {
          @Override
          public void onEstablished(TcpConnection c) {
            heard.add("established");
          }

          @Override
          public void onData(TcpConnection c, ReceivedData data) {
            heard.add("data");
            dataHeard.add(data);
          }

          @Override
          public void onPeerClosed(TcpConnection c) {
            heard.add("peer-closed");
          }

          @Override
          public void onReset(TcpConnection c) {
            heard.add("reset");
          }

          @Override
          public void onClosed(TcpConnection c) {
            heard.add("closed");
          }
        });
  }

  @Test
  void callbacksOfASegment_runAtItsEnd_inTheOrderRaised() {
    held.add(AppEvent.ESTABLISHED, null);
    ReceivedData first = held.nextData(true);
    held.add(AppEvent.DATA, first);
    held.add(AppEvent.PEER_CLOSED, null);
    ReceivedData second = held.nextData(true);
    held.add(AppEvent.DATA, second);
    held.add(AppEvent.RESET, null);
    held.add(AppEvent.CLOSED, null);
    assertThat(heard).isEmpty();

    held.release(connection);

    assertThat(heard)
        .containsExactly("established", "data", "peer-closed", "data", "reset", "closed");
    assertThat(dataHeard).containsExactly(first, second);
    assertThat(first).isNotSameAs(second);
  }

  @Test
  void eachSlotsData_isReusedByLaterSegments_butNotOutsideOne() {
    ReceivedData one = held.nextData(true);
    held.add(AppEvent.DATA, one);
    held.add(AppEvent.PEER_CLOSED, null);
    ReceivedData two = held.nextData(true);
    held.add(AppEvent.DATA, two);
    held.release(connection);

    assertThat(held.nextData(true)).isSameAs(one);
    held.add(AppEvent.DATA, one);
    held.add(AppEvent.ESTABLISHED, null); // slot 1 holds no data
    assertThat(held.nextData(true)).isSameAs(two);
    held.add(AppEvent.DATA, two);
    held.release(connection);
    assertThat(heard).containsExactly("data", "peer-closed", "data", "data", "established", "data");

    assertThat(held.nextData(false)).isNotSameAs(one).isNotSameAs(two);
  }
}
