package netsim.explore.hunt;

import java.util.EnumSet;
import java.util.HashMap;
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
  public Watch watch() {
    return new Watch(EnumSet.of(EventKind.SEND, EventKind.DROP, EventKind.DUP, EventKind.RTX)) {
      /** ACKs sent from TIME_WAIT, and their link-made copies, by packet id. */
      private final Map<Long, TraceEvent.Packet> acks = new HashMap<>(); // never iterated

      /** The lost ACK and its drop, by the peer's connection. */
      private final Map<FourTuple, TraceEvent.Packet[]> lost = new HashMap<>(); // never iterated

      @Override
      public void accept(TraceEvent e) {
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
            found(
                r.t(),
                "final ACK lost: "
                    + node(loss[0].node())
                    + "'s ACK from TIME_WAIT "
                    + ConnectionTracker.path(loss[0])
                    + " was dropped at "
                    + Detection.time(loss[1].t())
                    + " ("
                    + loss[1].cause().traceName()
                    + "); "
                    + node(r.node())
                    + " retransmitted its FIN at "
                    + Detection.time(r.t()));
          }
        }
      }
    };
  }
}
