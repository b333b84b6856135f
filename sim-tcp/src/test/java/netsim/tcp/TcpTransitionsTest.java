package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TcpTransitionsTest {
  @Test
  void theTableHasTheRfcDiagramsTransitions() {
    assertThat(TcpTransitions.allows(TcpState.FIN_WAIT_1, TcpState.CLOSING)).isTrue();
    assertThat(TcpTransitions.allows(TcpState.FIN_WAIT_1, TcpState.TIME_WAIT)).isTrue();
    assertThat(TcpTransitions.allows(TcpState.SYN_RECEIVED, TcpState.LISTEN)).isTrue();
    assertThat(TcpTransitions.allows(TcpState.CLOSE_WAIT, TcpState.LAST_ACK)).isTrue();
  }

  @Test
  void theTableRefusesWhatTheRfcDoesNotHave() {
    assertThat(TcpTransitions.allows(TcpState.CLOSED, TcpState.ESTABLISHED)).isFalse();
    assertThat(TcpTransitions.allows(TcpState.CLOSE_WAIT, TcpState.CLOSING)).isFalse();
    assertThat(TcpTransitions.allows(TcpState.TIME_WAIT, TcpState.ESTABLISHED)).isFalse();
    assertThat(TcpTransitions.allows(TcpState.FIN_WAIT_2, TcpState.CLOSING)).isFalse();
  }

  @Test
  void everyStateButClosedAndListenCanEndInClosed() {
    for (TcpState state : TcpState.values()) {
      if (state != TcpState.CLOSED && state != TcpState.LISTEN) {
        assertThat(TcpTransitions.allows(state, TcpState.CLOSED)).as(state.name()).isTrue();
      }
    }
  }

  @Test
  void theDocumentedTableIsTheCodesTable() throws IOException {
    String doc = Files.readString(Path.of("../docs/tcp.md"));
    assertThat(doc).contains(TcpTransitions.markdownTable());
  }
}
