package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * {@code final-ack-lost}: an ACK sent from TIME-WAIT is lost and the peer retransmits its FIN — the
 * case TIME-WAIT exists for (RFC 9293 3.6): the waiting side is still there to ACK it again.
 */
final class FinalAckLostDetector implements Detector {
  @Override
  public String name() {
    return "final-ack-lost";
  }

  @Override
  public String meaning() {
    return "an ACK sent from TIME_WAIT is lost and the peer retransmits its FIN";
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    Map<Long, TraceEvent.Packet> acks = new HashMap<>();
    // The lost ACK and its drop, by the peer's connection.
    Map<FourTuple, TraceEvent.Packet[]> lost = new HashMap<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p) {
        if (p.kind() == EventKind.SEND
            && p.state() == TcpState.TIME_WAIT
            && p.flags() == TcpFlags.ACK
            && p.len() == 0) {
          acks.put(p.pkt(), p);
        } else if (p.kind() == EventKind.DROP && acks.containsKey(p.pkt())) {
          TraceEvent.Packet ack = acks.get(p.pkt());
          lost.put(ack.receiver(), new TraceEvent.Packet[] {ack, p});
        }
      } else if (e instanceof TraceEvent.Duplicate d && acks.containsKey(d.pkt())) {
        acks.put(d.copy(), acks.get(d.pkt()));
      } else if (e instanceof TraceEvent.Retransmit r && r.has(TcpFlags.FIN)) {
        TraceEvent.Packet[] loss = lost.remove(r.conn());
        if (loss != null) {
          found.add(
              new Detection(
                  r.t(),
                  "final ACK lost: "
                      + run.index().node(loss[0].node())
                      + "'s ACK from TIME_WAIT "
                      + ConnectionTracker.path(loss[0])
                      + " was dropped at "
                      + Detection.time(loss[1].t())
                      + " ("
                      + loss[1].cause().traceName()
                      + "); "
                      + run.index().node(r.node())
                      + " retransmitted its FIN at "
                      + Detection.time(r.t())));
        }
      }
    }
    return found;
  }
}
