package netsim.report.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.AddressOwners;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;

/**
 * The data directions of a run, built as its events arrive: for each connection and direction, the
 * segments sent (with their sequence numbers relative to the sender's ISN, as tcptrace and
 * Wireshark show them), which were retransmissions, which were lost, the acknowledgments that came
 * back to the sender, and the sender's congestion state, each as a {@link Thinning} series. What
 * the time-sequence and cwnd graphs draw. Connections that reuse a 4-tuple (a client reconnecting
 * from the same local port after TIME-WAIT) are distinct flows, told apart by their incarnation.
 *
 * <p>Memory: every flow keeps a few numbers; only a flow that can still be among the first {@link
 * TimeSequenceGraph#MAX_FLOWS} drawn keeps series, and each series is bounded. Once that many flows
 * carry data and congestion state, a later flow cannot be drawn.
 */
final class Flows implements EventSink {
  /**
   * One direction of one connection, as the run left it.
   *
   * @param tuple the sender's view of the connection
   * @param incarnation 1 for the first connection on this 4-tuple, 2 for the next, ...
   * @param segments whether it sent a segment that occupies sequence space (data, SYN or FIN)
   * @param congestion whether its sender reported congestion state
   * @param series what is drawn of it, or null for a flow that cannot be drawn
   */
  record Flow(
      String sender,
      String receiver,
      FourTuple tuple,
      int incarnation,
      long dataBytes,
      boolean segments,
      boolean congestion,
      Series series) {
    /** "LOCAL-REMOTE", as in cc lines. */
    String conn() {
      return tuple.toString();
    }
  }

  /**
   * The series of one flow, x in seconds: segments first sent, retransmitted and lost (at the time
   * they were sent, the relative end of their sequence range); the ACK number the sender received
   * as a step line; cwnd, ssthresh (once set) and bytes in flight as step lines.
   */
  static final class Series {
    final Thinning sent = new Thinning();
    final Thinning retransmitted = new Thinning();
    final Thinning lost = new Thinning();
    final Thinning acked = new Thinning();
    final Thinning cwnd = new Thinning();
    final Thinning ssthresh = new Thinning();
    final Thinning inflight = new Thinning();
    private long lastAck;
    private long lastCwnd;
    private long lastSsthresh;
    private long lastInflight;

    private void ack(long t, long ack) {
      step(acked, t, lastAck, ack);
      lastAck = ack;
    }

    private void congestion(TraceEvent.Congestion c) {
      step(cwnd, c.t(), lastCwnd, c.cwnd());
      step(inflight, c.t(), lastInflight, c.inflight());
      lastCwnd = c.cwnd();
      lastInflight = c.inflight();
      if (c.ssthresh() != TraceEvent.NONE) {
        step(ssthresh, c.t(), lastSsthresh, c.ssthresh());
        lastSsthresh = c.ssthresh();
      }
    }

    /** A step line: each value holds until the next, which starts where it ends. */
    private static void step(Thinning line, long t, long previous, long value) {
      double x = seconds(t);
      if (!line.isEmpty()) {
        line.add(x, (double) previous);
      }
      line.add(x, (double) value);
    }
  }

  private RunIndex index = new RunIndex();
  private final AddressOwners owners = new AddressOwners(false);

  /** Every flow, in order of its first segment. */
  private final List<Building> all = new ArrayList<>();

  /** The open incarnation of each 4-tuple, by the sender's 4-tuple. */
  private final Map<FourTuple, Building> open = new HashMap<>();

  /** By node id: the flow it last sent on, to find it again without building a 4-tuple. */
  private Building[] lastOf = new Building[0];

  /** By node id: whether the node's next segment is a retransmission. */
  private boolean[] retransmitting = new boolean[0];

  /** The segments of drawn flows still in the network, by packet id (a duplicate too). */
  private final Map<Long, Sent> inNetwork = new HashMap<>();

  /**
   * Packets accepted at {@code acceptedAt}: let go once time moves on (a full backlog drops one).
   */
  private long[] accepted = new long[8];

  private int acceptedCount;
  private long acceptedAt;

  /** The flows that keep series, in order; those past the cut are let go. */
  private final List<Building> drawable = new ArrayList<>();

  /** The numbers of the first flows (in order) with data and congestion state, up to the limit. */
  private final int[] firstFull = new int[TimeSequenceGraph.MAX_FLOWS];

  private int fullCount;
  private boolean anyData;

  @Override
  public void start(RunIndex index) {
    this.index = index;
  }

  @Override
  public Set<EventKind> kinds() {
    return EnumSet.of(
        EventKind.SEND, EventKind.RECV, EventKind.DROP, EventKind.DUP, EventKind.RTX, EventKind.CC);
  }

  /**
   * A SYN with a new ISN on a 4-tuple starts the next incarnation of that 4-tuple. A connection's
   * cc lines come after its first segment, so each belongs to the incarnation open when it is
   * logged.
   */
  @Override
  public void accept(TraceEvent e) {
    if (acceptedCount > 0 && e.t() > acceptedAt) {
      for (int i = 0; i < acceptedCount; i++) {
        inNetwork.remove(accepted[i]);
      }
      acceptedCount = 0;
    }
    owners.see(e);
    if (e instanceof TraceEvent.Retransmit r) {
      retransmitting = grow(retransmitting, r.node());
      retransmitting[r.node()] = true;
    } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND) {
      sent(p);
    } else if (e instanceof TraceEvent.Duplicate d) {
      Sent original = inNetwork.get(d.pkt());
      if (original != null) {
        inNetwork.put(d.copy(), original);
      }
    } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.DROP) {
      Sent lost = inNetwork.remove(p.pkt());
      if (lost != null && lost.flow().series != null) {
        lost.flow().series.lost.add(lost.x(), (double) lost.end());
      }
    } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.RECV) {
      received(p);
    } else if (e instanceof TraceEvent.Congestion c) {
      Building flow = flowOf(c.node(), c.conn());
      if (flow != null) {
        if (!flow.congestion) {
          flow.congestion = true;
          filled(flow);
        }
        if (flow.series != null) {
          flow.series.congestion(c);
        }
      }
    }
  }

  private void sent(TraceEvent.Packet p) {
    retransmitting = grow(retransmitting, p.node());
    boolean retransmission = retransmitting[p.node()];
    retransmitting[p.node()] = false;
    Building flow = lastOf(p.node());
    if (flow == null || !flow.sends(p)) {
      flow = open.get(p.sender());
    }
    boolean syn = p.has(TcpFlags.SYN);
    if (flow == null || (syn && flow.isn != p.seq())) {
      FourTuple key = p.sender();
      flow =
          new Building(all.size(), p.node(), key, p.seq(), flow == null ? 1 : flow.incarnation + 1);
      open.put(key, flow);
      all.add(flow);
      if (fullCount < firstFull.length) {
        flow.series = new Series();
        drawable.add(flow);
      }
    }
    lastOf[p.node()] = flow;
    long occupies = (long) p.len() + (syn ? 1 : 0) + (p.has(TcpFlags.FIN) ? 1 : 0);
    if (occupies > 0) {
      flow.segments = true;
      if (p.len() > 0) {
        anyData = true;
        boolean first = flow.dataBytes == 0;
        flow.dataBytes += p.len();
        if (first) {
          filled(flow);
        }
      }
      if (flow.series != null) {
        double x = seconds(p.t());
        long end = relative(p.seq() - flow.isn) + occupies;
        (retransmission ? flow.series.retransmitted : flow.series.sent).add(x, (double) end);
        inNetwork.put(p.pkt(), new Sent(flow, x, end));
      }
    }
  }

  /** An ACK for the reverse direction, seen at that direction's sender. */
  private void received(TraceEvent.Packet p) {
    if (inNetwork.containsKey(p.pkt())) {
      if (acceptedCount == accepted.length) {
        accepted = Arrays.copyOf(accepted, 2 * accepted.length);
      }
      accepted[acceptedCount++] = p.pkt();
      acceptedAt = p.t();
    }
    if (p.ack() < 0) {
      return;
    }
    Building flow = lastOf(p.node());
    if (flow == null || !flow.receives(p)) {
      flow = open.get(p.receiver());
    }
    if (flow != null && flow.senderId == p.node() && flow.series != null) {
      flow.series.ack(p.t(), relative(p.ack() - flow.isn));
    }
  }

  /** The open flow that {@code node} sends on as {@code conn}, or null. */
  private Building flowOf(int node, FourTuple conn) {
    Building flow = lastOf(node);
    if (flow == null || !flow.conn.equals(conn)) {
      flow = open.get(conn);
    }
    return flow != null && flow.senderId == node ? flow : null;
  }

  private Building lastOf(int node) {
    if (node >= lastOf.length) {
      lastOf = Arrays.copyOf(lastOf, Math.max(node + 1, 2 * lastOf.length));
    }
    return lastOf[node];
  }

  /**
   * A flow may have just come to carry data and congestion state: once {@link
   * TimeSequenceGraph#MAX_FLOWS} flows before a flow do, neither graph can draw it, and its series
   * are let go.
   */
  private void filled(Building flow) {
    if (flow.dataBytes == 0 || !flow.congestion) {
      return;
    }
    int at = fullCount;
    while (at > 0 && firstFull[at - 1] > flow.number) {
      at--;
    }
    if (at == firstFull.length) {
      return;
    }
    System.arraycopy(firstFull, at, firstFull, at + 1, firstFull.length - at - 1);
    firstFull[at] = flow.number;
    fullCount = Math.min(fullCount + 1, firstFull.length);
    if (fullCount == firstFull.length) {
      int cut = firstFull[firstFull.length - 1];
      while (!drawable.isEmpty() && drawable.get(drawable.size() - 1).number > cut) {
        drawable.remove(drawable.size() - 1).series = null;
      }
    }
  }

  /** Whether any segment of the run carried data. */
  boolean anyData() {
    return anyData;
  }

  /** The flows in order of their first segment, as they are now. */
  List<Flow> flows() {
    List<Flow> flows = new ArrayList<>(all.size());
    for (Building b : all) {
      int receiver = owners.owner(b.conn.remote().address().bits());
      flows.add(
          new Flow(
              index.node(b.senderId),
              receiver < 0 ? b.conn.remote().address().toString() : index.node(receiver),
              b.conn,
              b.incarnation,
              b.dataBytes,
              b.segments,
              b.congestion,
              b.series));
    }
    return flows;
  }

  /**
   * "client \u2192 server", with the ports when the same two hosts have several flows among {@code
   * among}, and "#2" for the second connection on a 4-tuple when it has several. No two flows of
   * {@code among} get the same label: a host has one address, so the same hosts and ports are the
   * same 4-tuple, whose incarnations differ.
   */
  @SuppressWarnings("ReferenceEquality") // every flow but this one: identity, not equal value
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

  static double seconds(long nanos) {
    return (double) nanos / Time.SECOND;
  }

  private static String port(Endpoint endpoint) {
    return ":" + endpoint.port();
  }

  /** A 32-bit sequence difference as a non-negative offset. */
  private static long relative(long difference) {
    return difference & 0xFFFF_FFFFL;
  }

  private static boolean[] grow(boolean[] array, int node) {
    return node < array.length ? array : Arrays.copyOf(array, Math.max(node + 1, 2 * array.length));
  }

  /** A segment of a drawn flow on its way: where it was drawn, to cross it out if it is lost. */
  private record Sent(Building flow, double x, long end) {}

  private static final class Building {
    final int number;
    final int senderId;
    final FourTuple conn;
    final int src;
    final int srcPort;
    final int dst;
    final int dstPort;
    final long isn;
    final int incarnation;
    long dataBytes;
    boolean segments;
    boolean congestion;
    Series series;

    Building(int number, int senderId, FourTuple conn, long isn, int incarnation) {
      this.number = number;
      this.senderId = senderId;
      this.conn = conn;
      this.src = conn.local().address().bits();
      this.srcPort = conn.local().port();
      this.dst = conn.remote().address().bits();
      this.dstPort = conn.remote().port();
      this.isn = isn;
      this.incarnation = incarnation;
    }

    /** Whether {@code p} was sent on this flow's 4-tuple. */
    boolean sends(TraceEvent.Packet p) {
      return p.src() == src && p.srcPort() == srcPort && p.dst() == dst && p.dstPort() == dstPort;
    }

    /** Whether {@code p} came in on this flow's 4-tuple, from its remote end. */
    boolean receives(TraceEvent.Packet p) {
      return p.dst() == src && p.dstPort() == srcPort && p.src() == dst && p.srcPort() == dstPort;
    }
  }
}
