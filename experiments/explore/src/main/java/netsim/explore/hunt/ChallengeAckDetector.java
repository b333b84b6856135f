package netsim.explore.hunt;

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
  public Watch watch() {
    return new ChallengeAcks();
  }

  /**
   * A challenge shows in packets and state changes; events of other kinds at the same time change
   * nothing, and the next packet or state change at a later time ends the wait for an answer.
   */
  private static final class ChallengeAcks extends TrackingWatch {
    private TraceEvent.Packet pending; // a SYN or RST whose answer, if any, comes at once
    private TcpState pendingState;

    @Override
    void see(TraceEvent e) {
      if (pending != null) {
        answer(e);
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
    }

    /** Whether {@code e} ends the wait for the pending segment's answer, and how. */
    private void answer(TraceEvent e) {
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
          found(
              p.t(),
              "challenge ACK: "
                  + node(p.node())
                  + "'s "
                  + conn
                  + " in "
                  + pendingState
                  + " answered "
                  + TcpFlags.format(pending.flags())
                  + " from "
                  + pending.source()
                  + " with an ACK at "
                  + Detection.time(p.t()));
        }
        pending = null;
      }
    }
  }
}
