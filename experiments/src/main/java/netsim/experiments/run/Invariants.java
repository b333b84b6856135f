package netsim.experiments.run;

import java.util.ArrayList;
import java.util.List;
import netsim.experiments.config.InvariantSettings;
import netsim.tcp.TcpState;

/**
 * The checks every run makes, each a sentence when it fails: data delivered equals data sent, in
 * order; no connection left open at the end; no embryonic connection leaked by a listener.
 */
public final class Invariants {
  private Invariants() {}

  /** The violations of {@code result}, in a stable order; empty when all hold. */
  public static List<String> check(RunResult result, List<ConnectionReport> connections) {
    InvariantSettings on = result.config().invariants();
    List<String> violations = new ArrayList<>();
    if (on.dataIntact()) {
      dataIntact(result, violations);
    }
    for (ConnectionReport c : connections) {
      boolean embryonic = c.role().equals("server") && c.finalState() == TcpState.SYN_RECEIVED;
      if (embryonic && on.noEmbryonic()) {
        violations.add(c.node() + " " + c.conn() + ": embryonic connection leaked (left in"
            + " SYN_RECEIVED by the listener)");
      } else if (!embryonic && on.allClosed() && c.finalState() != TcpState.CLOSED
          && !(c.role().equals("server") && c.finalState() == TcpState.LISTEN)) {
        violations.add(c.node() + " " + c.conn() + ": left in " + c.finalState()
            + " when the run ended (" + result.stopReason() + ")");
      }
    }
    return violations;
  }

  private static void dataIntact(RunResult result, List<String> violations) {
    for (AppRecord r : result.apps()) {
      String name = r.node() + " " + r.connection().tuple();
      if (r.firstMismatch() >= 0) {
        violations.add(name + ": byte " + r.firstMismatch()
            + " read differs from the byte the peer sent (data corrupted or out of order)");
      }
    }
    for (AppRecord receiver : result.apps()) {
      if (!receiver.peerClosed()) {
        continue; // no FIN: the peer's data may rightly be incomplete (reset, crash, abort)
      }
      AppRecord sender = peerOf(result, receiver);
      long delivered = receiver.connection().bytesDelivered();
      if (sender != null && delivered != sender.written()) {
        violations.add(receiver.node() + " " + receiver.connection().tuple() + ": "
            + delivered + " bytes delivered before the peer's FIN, but the peer sent "
            + sender.written());
      }
    }
  }

  /** The application at the other end of {@code r}'s connection, by 4-tuple and ISN. */
  private static AppRecord peerOf(RunResult result, AppRecord r) {
    for (AppRecord other : result.apps()) {
      if (other != r && other.connection().local().equals(r.connection().remote())
          && other.connection().remote().equals(r.connection().local())
          && other.iss() == r.irs() && other.iss() >= 0) {
        return other;
      }
    }
    return null;
  }
}
