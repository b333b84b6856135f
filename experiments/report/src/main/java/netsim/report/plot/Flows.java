package netsim.report.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;

/**
 * The data directions of a run, from its events: for each connection and direction, the segments
 * sent (with their sequence numbers relative to the sender's ISN, as tcptrace and Wireshark show
 * them), which were retransmissions, which were lost, the acknowledgments that came back to the
 * sender, and the sender's congestion state. What the time-sequence and cwnd graphs draw.
 * Connections that reuse a 4-tuple (a client reconnecting from the same local port after TIME-WAIT)
 * are distinct flows, told apart by their incarnation.
 */
final class Flows {
  /** One segment as sent: virtual time, relative end of its sequence space, what happened. */
  record Segment(long t, long pkt, long end, boolean retransmission) {}

  /** An acknowledgment received by the sender: time and relative ACK number. */
  record Ack(long t, long ack) {}

  /**
   * One direction of one connection.
   *
   * @param conn the sender's view of the connection, "LOCAL-REMOTE", as in cc lines
   * @param tuple the same as a 4-tuple
   * @param incarnation 1 for the first connection on this 4-tuple, 2 for the next, ...
   * @param congestion the sender's cc lines for this connection, in order
   */
  record Flow(
      String sender,
      String receiver,
      String src,
      String dst,
      String conn,
      FourTuple tuple,
      int incarnation,
      List<Segment> segments,
      List<Segment> lost,
      List<Ack> acks,
      List<TraceEvent.Congestion> congestion,
      long dataBytes) {}

  private Flows() {}

  /**
   * The flows in order of their first segment; a SYN with a new ISN on a 4-tuple starts the next
   * incarnation of that 4-tuple. A connection's cc lines come after its first segment, so each
   * belongs to the incarnation open when it is logged.
   */
  static List<Flow> of(RunIndex index, List<TraceEvent> events) {
    Map<Integer, String> nodeOf = new LinkedHashMap<>(); // by address
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND) {
        nodeOf.putIfAbsent(p.src(), index.node(p.node()));
      }
    }
    Map<FourTuple, Building> open = new LinkedHashMap<>(); // by the sender's 4-tuple
    Map<FourTuple, Integer> incarnations = new LinkedHashMap<>();
    List<Building> all = new ArrayList<>();
    Map<Long, Building> byPacket = new LinkedHashMap<>();
    Map<Long, Segment> segmentOf = new LinkedHashMap<>();
    Map<Integer, Boolean> rtxNext = new LinkedHashMap<>(); // by node
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Retransmit r) {
        rtxNext.put(r.node(), true);
      } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND) {
        boolean retransmission = rtxNext.getOrDefault(p.node(), false);
        rtxNext.remove(p.node());
        FourTuple key = p.sender();
        Building flow = open.get(key);
        boolean syn = p.has(TcpFlags.SYN);
        if (flow == null || (syn && flow.isn != p.seq())) {
          flow =
              new Building(
                  p.node(),
                  index.node(p.node()),
                  nodeOf.getOrDefault(p.dst(), new Ipv4Address(p.dst()).toString()),
                  key,
                  p.seq(),
                  incarnations.merge(key, 1, Integer::sum));
          open.put(key, flow);
          all.add(flow);
        }
        long occupies = p.len() + (syn ? 1 : 0) + (p.has(TcpFlags.FIN) ? 1 : 0);
        if (occupies > 0) {
          long end = relative(p.seq() - flow.isn) + occupies;
          Segment s = new Segment(p.t(), p.pkt(), end, retransmission);
          flow.segments.add(s);
          flow.dataBytes += p.len();
          byPacket.put(p.pkt(), flow);
          segmentOf.put(p.pkt(), s);
        }
      } else if (e instanceof TraceEvent.Duplicate d && byPacket.containsKey(d.pkt())) {
        byPacket.put(d.copy(), byPacket.get(d.pkt()));
        segmentOf.put(d.copy(), segmentOf.get(d.pkt()));
      } else if (e instanceof TraceEvent.Packet p
          && p.kind() == EventKind.DROP
          && byPacket.containsKey(p.pkt())) {
        byPacket.get(p.pkt()).lost.add(segmentOf.get(p.pkt()));
      } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.RECV && p.ack() >= 0) {
        // An ACK for the reverse direction, seen at that direction's sender.
        Building flow = open.get(p.receiver());
        if (flow != null && flow.senderId == p.node()) {
          flow.acks.add(new Ack(p.t(), relative(p.ack() - flow.isn)));
        }
      } else if (e instanceof TraceEvent.Congestion c) {
        Building flow = open.get(c.conn());
        if (flow != null && flow.senderId == c.node()) {
          flow.congestion.add(c);
        }
      }
    }
    List<Flow> flows = new ArrayList<>();
    for (Building b : all) {
      flows.add(
          new Flow(
              b.sender,
              b.receiver,
              b.conn.local().toString(),
              b.conn.remote().toString(),
              b.conn.toString(),
              b.conn,
              b.incarnation,
              List.copyOf(b.segments),
              List.copyOf(b.lost),
              List.copyOf(b.acks),
              List.copyOf(b.congestion),
              b.dataBytes));
    }
    return flows;
  }

  /** Whether any segment of the run carried data. */
  static boolean anyData(List<TraceEvent> events) {
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND && p.len() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * "client \u2192 server", with the ports when the same two hosts have several flows among {@code
   * among}, and "#2" for the second connection on a 4-tuple when it has several. No two flows of
   * {@code among} get the same label: a host has one address, so the same hosts and ports are the
   * same 4-tuple, whose incarnations differ.
   */
  static String label(Flow flow, List<Flow> among) {
    boolean sameHosts = false;
    boolean sameTuple = false;
    for (Flow f : among) {
      if (f != flow && f.sender().equals(flow.sender()) && f.receiver().equals(flow.receiver())) {
        sameHosts = true;
        sameTuple |= f.tuple().equals(flow.tuple());
      }
    }
    String label = flow.sender() + " \u2192 " + flow.receiver();
    if (sameHosts) {
      label += " (" + port(flow.tuple().local()) + "\u2192" + port(flow.tuple().remote()) + ")";
    }
    if (sameTuple) {
      label += " #" + flow.incarnation();
    }
    return label;
  }

  private static String port(Endpoint endpoint) {
    return ":" + endpoint.port();
  }

  /** A 32-bit sequence difference as a non-negative offset. */
  private static long relative(long difference) {
    return difference & 0xFFFF_FFFFL;
  }

  private static final class Building {
    final int senderId;
    final String sender;
    final String receiver;
    final FourTuple conn;
    final long isn;
    final int incarnation;
    final List<Segment> segments = new ArrayList<>();
    final List<Segment> lost = new ArrayList<>();
    final List<Ack> acks = new ArrayList<>();
    final List<TraceEvent.Congestion> congestion = new ArrayList<>();
    long dataBytes;

    Building(
        int senderId, String sender, String receiver, FourTuple conn, long isn, int incarnation) {
      this.senderId = senderId;
      this.sender = sender;
      this.receiver = receiver;
      this.conn = conn;
      this.isn = isn;
      this.incarnation = incarnation;
    }
  }
}
