package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * {@code syn-in-time-wait}: a SYN arrives for a 4-tuple its receiver holds in TIME_WAIT: a new
 * incarnation, or an old duplicate, meets the old connection's last state (RFC 9293 3.10.7.4, RFC
 * 5961 4.2, RFC 6191).
 */
final class SynInTimeWaitDetector implements Detector {
  @Override
  public String name() {
    return "syn-in-time-wait";
  }

  @Override
  public String meaning() {
    return "a SYN arrives for a connection its receiver holds in TIME_WAIT";
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    ConnectionTracker connections = new ConnectionTracker();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p
          && p.kind() == EventKind.RECV
          && p.flags() == TcpFlags.SYN) {
        FourTuple conn = p.receiver();
        if (connections.state(p.node(), conn) == TcpState.TIME_WAIT) {
          found.add(
              new Detection(
                  p.t(),
                  "SYN in TIME-WAIT: SYN "
                      + ConnectionTracker.path(p)
                      + " reached "
                      + run.index().node(p.node())
                      + "'s "
                      + conn
                      + " in TIME_WAIT at "
                      + Detection.time(p.t())));
        }
      }
      connections.accept(e);
    }
    return found;
  }
}
