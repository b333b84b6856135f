package netsim.report.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.AddressOwners;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;

/**
 * What the ladder diagram ({@link LadderSvg}) draws, gathered as the run goes: the first {@code
 * maxSegments} segments sent, each paired with its arrival or drop, labelled when sent; the state
 * changes, host crashes and link changes up to the moment of the cut; and a count of all segments.
 * Past the cut it keeps nothing but that count and which host owns which address (to end an arrow
 * dropped before the cut at the host it was heading for, even one heard from only later), so its
 * memory does not grow with the run.
 */
public final class LadderSink implements EventSink {
  /**
   * One arrow: a segment from its send to its arrival or drop.
   *
   * @param endNode the id of the node it arrived at, or -1 for a drop (see {@link #end(Arrow)})
   * @param dropCause why it was dropped, or null
   */
  record Arrow(
      TraceEvent.Packet send,
      long endT,
      int endNode,
      boolean dropped,
      String dropCause,
      String label,
      boolean retransmission) {}

  /** A segment sent before the cut whose arrival or drop has not come yet. */
  private record Sent(TraceEvent.Packet send, String label, boolean retransmission) {}

  private final int maxSegments;
  private RunIndex index = new RunIndex();
  private final AddressOwners owners = new AddressOwners(true);

  /** Sent segments still on their way, by packet id (a duplicate inherits its send). */
  private final Map<Long, Sent> sending = new HashMap<>();

  private final Map<FourTuple, Long> isn = new HashMap<>();
  private final List<Arrow> arrows = new ArrayList<>();
  private final List<TraceEvent.State> states = new ArrayList<>();
  private final List<TraceEvent> markers = new ArrayList<>();
  private boolean nextIsRetransmission;

  /** Segments sent up to the cut, the one that made it included. */
  private int beforeCut;

  /** Every segment sent in the run. */
  private long segments;

  /** When the first segment past {@code maxSegments} was sent; nothing after it is drawn. */
  private long cutAt = Long.MAX_VALUE;

  /**
   * @param maxSegments how many segments to draw at most
   */
  public LadderSink(int maxSegments) {
    this.maxSegments = maxSegments;
  }

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
        EventKind.DUP,
        EventKind.STATE,
        EventKind.RTX,
        EventKind.LINK,
        EventKind.HOST);
  }

  @Override
  public void accept(TraceEvent e) {
    owners.see(e);
    if (e.kind() == EventKind.SEND) {
      segments++;
    }
    if (e.t() > cutAt) {
      if (!sending.isEmpty()) {
        sending.clear(); // their arrivals come after the cut: not drawn
        isn.clear();
      }
      return;
    }
    if (e instanceof TraceEvent.Retransmit) {
      nextIsRetransmission = true;
    } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND) {
      if (p.has(TcpFlags.SYN)) {
        isn.put(p.sender(), p.seq());
      }
      beforeCut++;
      if (beforeCut > maxSegments) {
        cutAt = p.t();
        return;
      }
      sending.put(p.pkt(), new Sent(p, label(p, isn), nextIsRetransmission));
      nextIsRetransmission = false;
    } else if (e instanceof TraceEvent.Duplicate d) {
      Sent original = sending.get(d.pkt());
      if (original != null) {
        sending.put(
            d.copy(),
            new Sent(original.send(), original.label() + " (dup)", original.retransmission()));
      }
    } else if (e instanceof TraceEvent.Packet p) {
      Sent sent = sending.remove(p.pkt());
      if (sent != null) {
        boolean dropped = p.kind() == EventKind.DROP;
        arrows.add(
            new Arrow(
                sent.send(),
                p.t(),
                dropped ? -1 : p.node(),
                dropped,
                p.cause() == null ? null : p.cause().traceName(),
                sent.label(),
                sent.retransmission()));
      }
    } else if (e instanceof TraceEvent.State s) {
      states.add(s);
    } else if (e instanceof TraceEvent.Host || e instanceof TraceEvent.Link) {
      markers.add(e);
    }
  }

  /** The names behind the ids of the events kept. */
  RunIndex index() {
    return index;
  }

  /** The arrows, in order of their arrival or drop. */
  List<Arrow> arrows() {
    return Collections.unmodifiableList(arrows);
  }

  /**
   * The node an arrow ends at: where it arrived, or for a drop, the host that owns the address it
   * was heading for (-1 if no host ever showed that address).
   */
  int end(Arrow arrow) {
    return arrow.dropped() ? owners.owner(arrow.send().dst()) : arrow.endNode();
  }

  /** The state changes up to the cut, in order. */
  List<TraceEvent.State> states() {
    return Collections.unmodifiableList(states);
  }

  /** The host and link changes up to the cut, in order. */
  List<TraceEvent> markers() {
    return Collections.unmodifiableList(markers);
  }

  /** How many segments of the run are not drawn: those past the cut. */
  long undrawn() {
    return Math.max(0, segments - Math.min(beforeCut, maxSegments));
  }

  /** The label of an arrow: flags, seq and ack relative to each side's ISN, data length. */
  private static String label(TraceEvent.Packet p, Map<FourTuple, Long> isn) {
    StringBuilder text = new StringBuilder(TcpFlags.format(p.flags()));
    Long own = isn.get(p.sender());
    Long peer = isn.get(p.receiver());
    text.append(" seq=").append(own == null ? p.seq() : (p.seq() - own) & 0xFFFF_FFFFL);
    if (p.ack() >= 0) {
      text.append(" ack=").append(peer == null ? p.ack() : (p.ack() - peer) & 0xFFFF_FFFFL);
    }
    if (p.len() > 0) {
      text.append(" len=").append(p.len());
    }
    return text.toString();
  }
}
