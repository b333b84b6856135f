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
    // SYNs sent from SYN_SENT, by sender's 4-tuple and ISN: copies and retransmissions share it.
    Map<Syn, TraceEvent.Packet> sent = new HashMap<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Packet p && p.flags() == TcpFlags.SYN) {
        Syn key = new Syn(p.sender(), p.seq());
        if (p.kind() == EventKind.SEND && p.state() == TcpState.SYN_SENT) {
          sent.putIfAbsent(key, p);
        } else if (p.kind() == EventKind.RECV) {
          check(run, p, sent.get(key), connections, found);
        }
      }
      connections.accept(e);
    }
    return found;
  }

  /** A SYN: its sender's 4-tuple and its sequence number. */
  private record Syn(FourTuple conn, long seq) {}

  private static void check(
      RunTrace run,
      TraceEvent.Packet arrival,
      TraceEvent.Packet send,
      ConnectionTracker connections,
      List<Detection> found) {
    if (send == null
        || connections.hasConnection(arrival.node(), arrival.receiver())
        || !connections.listening(arrival.node(), arrival.destination())) {
      return;
    }
    FourTuple senderConn = arrival.sender();
    Long latestIsn = connections.isn(send.node(), senderConn);
    boolean replaced = latestIsn != null && latestIsn != arrival.seq();
    boolean closed = connections.state(send.node(), senderConn) == TcpState.CLOSED;
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
                + run.index().node(arrival.node())
                + "'s listener at "
                + Detection.time(arrival.t())
                + ", "
                + ended));
  }
}
