package netsim.report.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.trace.TraceEvent;

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
   * @param incarnation 1 for the first connection on this 4-tuple, 2 for the next, ...
   * @param congestion the sender's cc lines for this connection, in order
   */
  record Flow(
      String sender,
      String receiver,
      String src,
      String dst,
      String conn,
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
  static List<Flow> of(List<TraceEvent> events) {
    Map<String, String> nodeOf = new LinkedHashMap<>();
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Packet p && p.ev().equals("send")) {
        nodeOf.putIfAbsent(address(p.src()), p.node());
      }
    }
    Map<String, Building> open = new LinkedHashMap<>(); // by "SRC-DST", as cc lines name them
    Map<String, Integer> incarnations = new LinkedHashMap<>();
    List<Building> all = new ArrayList<>();
    Map<Long, Building> byPacket = new LinkedHashMap<>();
    Map<Long, Segment> segmentOf = new LinkedHashMap<>();
    Map<String, Boolean> rtxNext = new LinkedHashMap<>();
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Retransmit r) {
        rtxNext.put(r.node(), true);
      } else if (e instanceof TraceEvent.Packet p && p.ev().equals("send")) {
        boolean retransmission = rtxNext.getOrDefault(p.node(), false);
        rtxNext.remove(p.node());
        String key = p.src() + "-" + p.dst();
        Building flow = open.get(key);
        boolean syn = p.has("SYN");
        if (flow == null || (syn && flow.isn != p.seq())) {
          flow =
              new Building(
                  p.node(),
                  nodeOf.getOrDefault(address(p.dst()), address(p.dst())),
                  p.src(),
                  p.dst(),
                  p.seq(),
                  incarnations.merge(key, 1, Integer::sum));
          open.put(key, flow);
          all.add(flow);
        }
        long occupies = p.len() + (syn ? 1 : 0) + (p.has("FIN") ? 1 : 0);
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
          && p.ev().equals("drop")
          && byPacket.containsKey(p.pkt())) {
        byPacket.get(p.pkt()).lost.add(segmentOf.get(p.pkt()));
      } else if (e instanceof TraceEvent.Packet p && p.ev().equals("recv") && p.ack() >= 0) {
        // An ACK for the reverse direction, seen at that direction's sender.
        Building flow = open.get(p.dst() + "-" + p.src());
        if (flow != null && flow.sender.equals(p.node())) {
          flow.acks.add(new Ack(p.t(), relative(p.ack() - flow.isn)));
        }
      } else if (e instanceof TraceEvent.Congestion c) {
        Building flow = open.get(c.conn());
        if (flow != null && flow.sender.equals(c.node())) {
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
              b.src,
              b.dst,
              b.src + "-" + b.dst,
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
      if (e instanceof TraceEvent.Packet p && p.ev().equals("send") && p.len() > 0) {
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
        sameTuple |= f.src().equals(flow.src()) && f.dst().equals(flow.dst());
      }
    }
    String label = flow.sender() + " \u2192 " + flow.receiver();
    if (sameHosts) {
      label += " (" + port(flow.src()) + "\u2192" + port(flow.dst()) + ")";
    }
    if (sameTuple) {
      label += " #" + flow.incarnation();
    }
    return label;
  }

  private static String port(String endpoint) {
    return ":" + endpoint.substring(endpoint.lastIndexOf(':') + 1);
  }

  private static String address(String endpoint) {
    return endpoint.substring(0, endpoint.lastIndexOf(':'));
  }

  /** A 32-bit sequence difference as a non-negative offset. */
  private static long relative(long difference) {
    return difference & 0xFFFF_FFFFL;
  }

  private static final class Building {
    final String sender;
    final String receiver;
    final String src;
    final String dst;
    final long isn;
    final int incarnation;
    final List<Segment> segments = new ArrayList<>();
    final List<Segment> lost = new ArrayList<>();
    final List<Ack> acks = new ArrayList<>();
    final List<TraceEvent.Congestion> congestion = new ArrayList<>();
    long dataBytes;

    Building(String sender, String receiver, String src, String dst, long isn, int incarnation) {
      this.sender = sender;
      this.receiver = receiver;
      this.src = src;
      this.dst = dst;
      this.isn = isn;
      this.incarnation = incarnation;
    }
  }
}
