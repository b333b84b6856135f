package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

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
    TcpState pendingState = null;
    for (TraceEvent e : run.events()) {
      if (pending != null) {
        FourTuple conn = pending.receiver();
        if (e.t() != pending.t()) {
          pending = null;
        } else if (e instanceof TraceEvent.State s
            && s.node() == pending.node()
            && s.conn().equals(conn)) {
          pending = null; // the segment changed the connection's state: not a challenge
        } else if (e instanceof TraceEvent.Packet p
            && p.kind() == EventKind.SEND
            && p.node() == pending.node()
            && p.sender().equals(conn)) {
          if (p.flags() == TcpFlags.ACK) {
            found.add(
                new Detection(
                    p.t(),
                    "challenge ACK: "
                        + run.index().node(p.node())
                        + "'s "
                        + conn
                        + " in "
                        + pendingState
                        + " answered "
                        + TcpFlags.format(pending.flags())
                        + " from "
                        + pending.source()
                        + " with an ACK at "
                        + Detection.time(p.t())));
          }
          pending = null;
        }
      }
      if (e instanceof TraceEvent.Packet p
          && p.kind() == EventKind.RECV
          && (p.has(TcpFlags.SYN) || p.has(TcpFlags.RST))) {
        TcpState state = connections.state(p.node(), p.receiver());
        if (state != null
            && (ConnectionTracker.SYNCHRONIZED.contains(state) || state == TcpState.TIME_WAIT)) {
          pending = p;
          pendingState = state;
        }
      }
      connections.accept(e);
    }
    return found;
  }
}
