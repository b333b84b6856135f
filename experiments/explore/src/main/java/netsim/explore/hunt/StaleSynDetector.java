package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.trace.TraceEvent;

/**
 * {@code stale-syn}: a SYN reaches a listener after the connection attempt that sent it has ended
 * (its connection closed, or a newer one took its 4-tuple) — the old duplicate of RFC 9293 3.5 that
 * the three-way handshake is there to refuse.
 */
final class StaleSynDetector implements Detector {
  @Override
  public String name() {
    return "stale-syn";
  }

  @Override
  public String meaning() {
    return "a SYN reaches a listener after the connection attempt that sent it has ended";
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    ConnectionTracker connections = new ConnectionTracker();
    // SYNs sent from SYN_SENT, by "src>dst#seq": copies and retransmissions share the key.
    Map<String, TraceEvent.Packet> sent = new HashMap<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p && p.flags().equals("SYN")) {
        String key = p.src() + ">" + p.dst() + "#" + p.seq();
        if (p.ev().equals("send") && "SYN_SENT".equals(p.state())) {
          sent.putIfAbsent(key, p);
        } else if (p.ev().equals("recv")) {
          check(p, sent.get(key), connections, found);
        }
      }
      connections.accept(e);
    }
    return found;
  }

  private static void check(
      TraceEvent.Packet arrival,
      TraceEvent.Packet send,
      ConnectionTracker connections,
      List<Detection> found) {
    String receiverConn = arrival.dst() + "-" + arrival.src();
    if (send == null
        || connections.hasConnection(arrival.node(), receiverConn)
        || !connections.listening(arrival.node(), arrival.dst())) {
      return;
    }
    String senderConn = arrival.src() + "-" + arrival.dst();
    Long latestIsn = connections.isn(send.node(), senderConn);
    boolean replaced = latestIsn != null && latestIsn != arrival.seq();
    boolean closed = "CLOSED".equals(connections.state(send.node(), senderConn));
    if (!replaced && !closed) {
      return;
    }
    Long endedAt = connections.closedAt(send.node(), senderConn, arrival.seq());
    String ended =
        endedAt == null
            ? "after a newer connection took its 4-tuple"
            : Detection.time(arrival.t() - endedAt) + " after the connection that sent it closed";
    found.add(
        new Detection(
            arrival.t(),
            "stale SYN "
                + ConnectionTracker.path(arrival)
                + " (sent at "
                + Detection.time(send.t())
                + ") reached "
                + arrival.node()
                + "'s listener at "
                + Detection.time(arrival.t())
                + ", "
                + ended));
  }
}
