package netsim.report.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import netsim.net.fault.FaultAction;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * The key events of a run, as the human summary prints them: retransmissions, drops, rule hits,
 * re-ACKs in TIME-WAIT, challenge ACKs, resets, crashes, link changes. A sink: it keeps the text of
 * the first {@value #SHOWN} lines and counts the rest, so it does not grow with the run's length.
 * The rule that took a packet is kept while the packet is on its way (a drop names it), and
 * forgotten where the way ends: at its drop, or at its arrival, where only the arriving host's
 * stack may still drop it (a SYN beyond a listener's backlog), before the host's next arrival.
 */
public final class KeyEvents implements EventSink {
  /** How many key events the summary shows; the rest are counted. */
  static final int SHOWN = 12;

  /** How many drops are shown one by one (a drop by a rule always is). */
  private static final int DROPS_SHOWN = 5;

  private final List<String> first = new ArrayList<>();
  private int count;
  private RunIndex index = new RunIndex();

  /**
   * The rule that took each packet a rule took and that is still on its way (sent or copied, and
   * neither arrived nor dropped yet), to name it when the packet is dropped.
   */
  private final Map<Long, String> ruleOf = new HashMap<>();

  /**
   * By node id: the last packet that arrived at the node after a rule took it ({@code -1} for
   * none), and that rule: the node's stack may still drop it.
   */
  private long[] arrivedPkt = new long[0];

  private String[] arrivedRule = new String[0];

  private int drops;
  private final Map<Connection, Integer> timeWaitAcks = new HashMap<>();
  private final Map<Connection, Arrival> lastArrival = new HashMap<>();

  /** Key events of a run that has not started. */
  public KeyEvents() {}

  @Override
  public void start(RunIndex index) {
    this.index = index;
  }

  @Override
  public Set<EventKind> kinds() {
    return EnumSet.of(
        EventKind.SEND,
        EventKind.RECV,
        EventKind.DROP,
        EventKind.RULE,
        EventKind.STATE,
        EventKind.RTX,
        EventKind.LINK,
        EventKind.HOST,
        EventKind.UDP_RECV,
        EventKind.UDP_DROP);
  }

  @Override
  public void accept(TraceEvent e) {
    if (e instanceof TraceEvent.Retransmit r) {
      if (counted()) {
        first.add(
            index.node(r.node())
                + " retransmitted "
                + TcpFlags.format(r.flags())
                + (r.len() > 0 ? " len=" + r.len() : "")
                + at(e.t())
                + " ("
                + r.reason().traceName()
                + ")");
      }
    } else if (e instanceof TraceEvent.Rule r) {
      String rule = index.rules().name(r.rule());
      ruleOf.put(r.pkt(), rule);
      if (r.action() != FaultAction.Verb.DROP && counted()) {
        first.add(
            "rule "
                + rule
                + " ("
                + r.action().traceName()
                + ") took "
                + TcpFlags.format(r.flags())
                + at(e.t()));
      }
    } else if (e instanceof TraceEvent.Packet p) {
      packet(new PacketFields().set(p));
    } else if (e instanceof TraceEvent.State st && st.to() == TcpState.TIME_WAIT) {
      timeWaitAcks.remove(new Connection(st.node(), st.conn()));
    } else if (e instanceof TraceEvent.Host h) {
      if (counted()) {
        first.add(index.node(h.node()) + " " + h.what().traceName() + at(e.t()));
      }
    } else if (e instanceof TraceEvent.Link l) {
      if (counted()) {
        first.add("link " + index.link(l.link()) + " " + l.what().traceName() + at(e.t()));
      }
    } else if (e instanceof TraceEvent.Datagram d && !ruleOf.isEmpty()) {
      ruleOf.remove(d.pkt()); // a datagram's way ended; its drops are not key events
    }
  }

  @Override
  public void packet(PacketFields p) {
    if (p.kind() == EventKind.DROP) {
      dropped(p);
    } else if (p.kind() == EventKind.RECV) {
      if (!ruleOf.isEmpty()) {
        arrivedAfterRule(p.node(), p.pkt());
      }
      arrived(p);
    } else if (p.kind() == EventKind.SEND) {
      sent(p);
    }
  }

  private void dropped(PacketFields p) {
    drops++;
    String rule = takenBy(p);
    if ((drops <= DROPS_SHOWN || rule != null) && counted()) {
      String why = rule != null ? "rule " + rule : p.cause().traceName();
      first.add(
          index.node(p.node())
              + "'s "
              + TcpFlags.format(p.flags())
              + (p.len() > 0 ? " len=" + p.len() : "")
              + " to "
              + p.destination()
              + " dropped"
              + at(p.t())
              + " ("
              + why
              + ")");
    }
  }

  /**
   * The rule that took dropped packet {@code p}, or null: kept while it was on its way, or the last
   * arrival at the dropping node. Either way the packet's way ends here.
   */
  private @Nullable String takenBy(PacketFields p) {
    String rule = ruleOf.isEmpty() ? null : ruleOf.remove(p.pkt());
    int node = p.node();
    if (rule == null && node >= 0 && node < arrivedPkt.length && arrivedPkt[node] == p.pkt()) {
      rule = arrivedRule[node];
    }
    return rule;
  }

  /** Packet {@code pkt} arrived at {@code node}: its way ends, unless the node's stack drops it. */
  private void arrivedAfterRule(int node, long pkt) {
    String rule = ruleOf.remove(pkt);
    if (rule == null) {
      return;
    }
    if (node >= arrivedPkt.length) {
      int size = Math.max(node + 1, 2 * arrivedPkt.length);
      int from = arrivedPkt.length;
      arrivedPkt = Arrays.copyOf(arrivedPkt, size);
      Arrays.fill(arrivedPkt, from, size, -1);
      arrivedRule = Arrays.copyOf(arrivedRule, size);
    }
    arrivedPkt[node] = pkt;
    arrivedRule[node] = rule;
  }

  /** The packets taken by a rule and still on their way, as far as this sink knows: for tests. */
  int packetsTakenOnTheirWay() {
    return ruleOf.size();
  }

  /**
   * Notes an arrival with SYN or FIN, the only ones {@link #sent} looks back to; any other arrival
   * clears its connection's note. Most arrivals carry neither and find no note, so they cost no
   * lookup.
   */
  private void arrived(PacketFields p) {
    if ((p.flags() & (TcpFlags.SYN | TcpFlags.FIN)) != 0) {
      lastArrival.put(new Connection(p.node(), p.receiver()), new Arrival(p.flags(), p.t()));
    } else if (!lastArrival.isEmpty()) {
      lastArrival.remove(new Connection(p.node(), p.receiver()));
    }
  }

  private void sent(PacketFields p) {
    // Only a bare ACK can be a re-ACK in TIME-WAIT or a challenge ACK: look up nothing for others.
    Connection key = null;
    Arrival last = null;
    if (p.flags() == TcpFlags.ACK && (p.state() == TcpState.TIME_WAIT || !lastArrival.isEmpty())) {
      key = new Connection(p.node(), p.sender());
      last = lastArrival.get(key);
    }
    // A re-ACK answers a retransmitted FIN after the ACK that entered TIME_WAIT; the same
    // 4-tuple's next incarnation starts counting again.
    if (p.state() == TcpState.TIME_WAIT
        && p.flags() == TcpFlags.ACK
        && timeWaitAcks.merge(key, 1, Integer::sum) > 1
        && last != null
        && (last.flags() & TcpFlags.FIN) != 0) {
      if (counted()) {
        first.add(
            index.node(p.node())
                + " in TIME_WAIT re-ACKed"
                + at(p.t())
                + " and restarted its timer");
      }
    } else if (p.flags() == TcpFlags.ACK
        && last != null
        && last.flags() == TcpFlags.SYN
        && last.t() == p.t()
        && p.state() != null
        && p.state() != TcpState.SYN_SENT
        && p.state() != TcpState.SYN_RECEIVED) {
      if (counted()) {
        first.add(
            index.node(p.node())
                + " in "
                + p.state()
                + " answered a SYN with a challenge ACK"
                + at(p.t()));
      }
    } else if (p.has(TcpFlags.RST)) {
      if (counted()) {
        first.add(
            index.node(p.node())
                + " sent "
                + TcpFlags.format(p.flags())
                + at(p.t())
                + (p.state() != null ? " (from " + p.state() + ")" : ""));
      }
    }
  }

  /** The closing line on drops, once the run has ended. */
  @Override
  public void end(RunResult result) {
    if (drops > DROPS_SHOWN && counted()) {
      first.add(drops + " packets dropped in all");
    }
  }

  /** Counts one key event; true when its text is among the first shown. */
  private boolean counted() {
    return count++ < SHOWN;
  }

  private static String at(long t) {
    return " at " + Time.format(t);
  }

  /** The first {@value #SHOWN} key events, in order. */
  public List<String> first() {
    return Collections.unmodifiableList(first);
  }

  /** How many key events the run had, those shown included. */
  public int count() {
    return count;
  }

  /**
   * Appends the summary's "key events:" block, if the run had any: the first {@value #SHOWN}, one a
   * line, and how many more the trace holds.
   */
  public void appendTo(StringBuilder out) {
    appendTo(out, true);
  }

  /**
   * {@link #appendTo(StringBuilder)}, for a run that wrote a trace ({@code traced}) or not: the
   * line about the others points to the trace only when there is one.
   */
  public void appendTo(StringBuilder out, boolean traced) {
    if (first.isEmpty()) {
      return;
    }
    out.append("key events:\n");
    for (String line : first) {
      out.append("  ").append(line).append('\n');
    }
    if (count > first.size()) {
      out.append("  ... and ")
          .append(count - first.size())
          .append(traced ? " more (see trace.jsonl)\n" : " more (outputs.trace writes them all)\n");
    }
  }

  /** A connection as host {@code node} sees it. */
  private record Connection(int node, FourTuple conn) {
    // equals and hashCode as the record's own, written out: see netsim.net.packet.Ipv4Address.

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Connection c && c.node == node && c.conn.equals(conn);
    }

    @Override
    public int hashCode() {
      return 31 * node + conn.hashCode();
    }
  }

  /** The flags and time of the last segment that arrived on a connection, if SYN or FIN. */
  private record Arrival(int flags, long t) {}
}
