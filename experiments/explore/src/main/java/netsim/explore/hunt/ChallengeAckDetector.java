package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.TraceEvent;

/**
 * {@code challenge-ack}: a SYN or a RST reaches a synchronized connection (or one in TIME_WAIT)
 * and, instead of changing its state, the connection answers at once with a bare ACK: RFC 5961's
 * challenge ACK (sections 3.2 and 4.2), which a genuine peer answers and a blind attacker cannot.
 */
final class ChallengeAckDetector implements Detector {
  @Override
  public String name() {
    return "challenge-ack";
  }

  @Override
  public String meaning() {
    return "a SYN or RST reaching a synchronized connection is answered with a bare ACK"
        + " (RFC 5961)";
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    ConnectionTracker connections = new ConnectionTracker();
    TraceEvent.Packet pending = null; // a SYN or RST whose answer, if any, comes at once
    String pendingState = null;
    for (TraceEvent e : run.events()) {
      if (pending != null) {
        String conn = pending.dst() + "-" + pending.src();
        if (e.t() != pending.t()) {
          pending = null;
        } else if (e instanceof TraceEvent.State s
            && s.node().equals(pending.node())
            && s.conn().equals(conn)) {
          pending = null; // the segment changed the connection's state: not a challenge
        } else if (e instanceof TraceEvent.Packet p
            && p.ev().equals("send")
            && p.node().equals(pending.node())
            && (p.src() + "-" + p.dst()).equals(conn)) {
          if (p.flags().equals("ACK")) {
            found.add(
                new Detection(
                    p.t(),
                    "challenge ACK: "
                        + p.node()
                        + "'s "
                        + conn
                        + " in "
                        + pendingState
                        + " answered "
                        + pending.flags()
                        + " from "
                        + pending.src()
                        + " with an ACK at "
                        + Detection.time(p.t())));
          }
          pending = null;
        }
      }
      if (e instanceof TraceEvent.Packet p
          && p.ev().equals("recv")
          && (p.has("SYN") || p.has("RST"))) {
        String state = connections.state(p.node(), p.dst() + "-" + p.src());
        if (state != null
            && (ConnectionTracker.SYNCHRONIZED.contains(state) || state.equals("TIME_WAIT"))) {
          pending = p;
          pendingState = state;
        }
      }
      connections.accept(e);
    }
    return found;
  }
}
