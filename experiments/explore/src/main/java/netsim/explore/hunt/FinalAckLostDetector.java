package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.trace.TraceEvent;

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
    // The lost ACK and its drop, by the peer's connection ("dst-src").
    Map<String, TraceEvent.Packet[]> lost = new HashMap<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p) {
        if (p.ev().equals("send")
            && "TIME_WAIT".equals(p.state())
            && p.flags().equals("ACK")
            && p.len() == 0) {
          acks.put(p.pkt(), p);
        } else if (p.ev().equals("drop") && acks.containsKey(p.pkt())) {
          TraceEvent.Packet ack = acks.get(p.pkt());
          lost.put(ack.dst() + "-" + ack.src(), new TraceEvent.Packet[] {ack, p});
        }
      } else if (e instanceof TraceEvent.Duplicate d && acks.containsKey(d.pkt())) {
        acks.put(d.copy(), acks.get(d.pkt()));
      } else if (e instanceof TraceEvent.Retransmit r && hasFin(r.flags())) {
        TraceEvent.Packet[] loss = lost.remove(r.conn());
        if (loss != null) {
          found.add(
              new Detection(
                  r.t(),
                  "final ACK lost: "
                      + loss[0].node()
                      + "'s ACK from TIME_WAIT "
                      + ConnectionTracker.path(loss[0])
                      + " was dropped at "
                      + Detection.time(loss[1].t())
                      + " ("
                      + loss[1].cause()
                      + "); "
                      + r.node()
                      + " retransmitted its FIN at "
                      + Detection.time(r.t())));
        }
      }
    }
    return found;
  }

  private static boolean hasFin(String flags) {
    for (String flag : flags.split("\\|")) {
      if (flag.equals("FIN")) {
        return true;
      }
    }
    return false;
  }
}
