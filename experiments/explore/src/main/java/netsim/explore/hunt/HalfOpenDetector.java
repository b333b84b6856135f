package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * {@code half-open}: one end holds a synchronized connection that the other end no longer has (RFC
 * 9293 3.5.1), which shows when the other end answers it with a RST from no connection at all (sent
 * from CLOSED or LISTEN).
 */
final class HalfOpenDetector implements Detector {
  @Override
  public String name() {
    return "half-open";
  }

  @Override
  public String meaning() {
    return "a host answers a synchronized connection of its peer with a RST from no connection";
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    ConnectionTracker connections = new ConnectionTracker();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p
          && p.kind() == EventKind.SEND
          && p.has(TcpFlags.RST)
          && (p.state() == TcpState.CLOSED || p.state() == TcpState.LISTEN)) {
        FourTuple peerConn = p.receiver();
        Integer peer = connections.nodeOf(peerConn);
        TcpState state = peer == null ? null : connections.state(peer, peerConn);
        if (state != null && ConnectionTracker.SYNCHRONIZED.contains(state)) {
          found.add(
              new Detection(
                  p.t(),
                  "half-open: "
                      + run.index().node(peer)
                      + "'s "
                      + peerConn
                      + " was "
                      + state
                      + " while "
                      + run.index().node(p.node())
                      + " had no connection for it; "
                      + run.index().node(p.node())
                      + " answered "
                      + TcpFlags.format(p.flags())
                      + " at "
                      + Detection.time(p.t())));
        }
      }
      connections.accept(e);
    }
    return found;
  }
}
