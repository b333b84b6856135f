package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which handlers hear of delivered data: one whose class overrides {@link TcpHandler#onData}
 * (itself or through a superclass) is called with every delivery; one that does not is never called
 * for DATA (the default does nothing), while the observers hear every delivery either way.
 */
class HandlerDataTest {

  /** A handler that reads no data: it hears only the peer's FIN. */
  private static final class FinOnly implements TcpHandler {
    final List<String> heard = new ArrayList<>();

    @Override
    public void onPeerClosed(TcpConnection connection) {
      heard.add("peer-closed");
    }
  }

  /** A handler that reads data, for subclasses that add nothing. */
  private abstract static class Reading implements TcpHandler {
    final ByteArrayOutputStream read = new ByteArrayOutputStream();

    @Override
    public void onData(TcpConnection connection, ReceivedData data) {
      read.writeBytes(data.toArray());
    }
  }

  /** Inherits {@link Reading}'s {@code onData}. */
  private static final class InheritsReading extends Reading {}

  @Test
  void aHandlerWithoutOnData_hearsTheSegmentsOtherEvents_andTheObserversHearTheData() {
    TcpHarness h = TcpHarness.established();
    FinOnly handler = new FinOnly();
    h.connection.setHandler(handler);
    h.appEvents.clear();

    h.receive("FIN|PSH|ACK", 5001, 1001, "hello".getBytes(US_ASCII));

    assertThat(h.appEvents).containsExactly("data", "peer-closed");
    assertThat(handler.heard).containsExactly("peer-closed");
    assertThat(h.received.size()).isZero(); // the harness's own reader was replaced
  }

  @Test
  void aHandlerThatInheritsOnData_readsEveryDelivery() {
    TcpHarness h = TcpHarness.established();
    InheritsReading handler = new InheritsReading();
    h.connection.setHandler(handler);

    h.receive("PSH|ACK", 5001, 1001, "one".getBytes(US_ASCII));
    h.receive("PSH|ACK", 5004, 1001, "two".getBytes(US_ASCII));

    assertThat(handler.read.toString(US_ASCII)).isEqualTo("onetwo");
  }

  @Test
  void aReadingHandler_setInPlaceOfOneWithoutOnData_readsTheDataThatFollows() {
    TcpHarness h = TcpHarness.established();
    h.connection.setHandler(new FinOnly());
    h.appEvents.clear();
    h.receive("PSH|ACK", 5001, 1001, "lost".getBytes(US_ASCII));
    InheritsReading reader = new InheritsReading();
    h.connection.setHandler(reader);

    h.receive("PSH|ACK", 5005, 1001, "kept".getBytes(US_ASCII));

    assertThat(reader.read.toString(US_ASCII)).isEqualTo("kept");
    assertThat(h.appEvents).containsExactly("data", "data");
  }

  @Test
  void aReadingHandler_setByTheEstablishedCallbackOfAHandlerWithoutOnData_readsThatSegmentsData() {
    // The third step of the handshake carries text: ESTABLISHED and DATA are held until the
    // segment is processed, and the DATA callback goes to the handler in place when it runs.
    TcpHarness h = TcpHarness.synReceived();
    InheritsReading reader = new InheritsReading();
    h.connection.setHandler(
        new TcpHandler() {
          @Override
          public void onEstablished(TcpConnection connection) {
            connection.setHandler(reader);
          }
        });

    h.receive("PSH|ACK", 5001, 1001, "first".getBytes(US_ASCII));

    assertThat(h.appEvents).containsExactly("established", "data");
    assertThat(reader.read.toString(US_ASCII)).isEqualTo("first");
  }
}
