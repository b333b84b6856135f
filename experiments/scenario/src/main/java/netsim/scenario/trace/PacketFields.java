package netsim.scenario.trace;

import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * A packet event's fields, filled in place by the run's recorder for one event after another: a
 * packet event costs no object. Whoever is given one reads it during that call only; {@link
 * #toEvent()} makes the value to keep (once per event, however many ask).
 */
public final class PacketFields implements PacketEvent {
  private long t;
  private EventKind kind = EventKind.SEND;
  private int node;
  private int link;
  private long pkt;
  private int src;
  private int srcPort;
  private int dst;
  private int dstPort;
  private int flags;
  private long seq;
  private long ack;
  private int len;
  private @Nullable TcpState state;
  private @Nullable DropCause cause;
  private Ecn ecn = Ecn.NOT_ECT;

  /** The value of the current fields, once made; null until asked for. */
  private TraceEvent.@Nullable Packet event;

  /** Makes these the fields of the next event (see {@link PacketEvent} for each one's meaning). */
  public PacketFields set(
      long t,
      EventKind kind,
      int node,
      int link,
      long pkt,
      int src,
      int srcPort,
      int dst,
      int dstPort,
      int flags,
      long seq,
      long ack,
      int len,
      @Nullable TcpState state,
      @Nullable DropCause cause,
      Ecn ecn) {
    this.t = t;
    this.kind = kind;
    this.node = node;
    this.link = link;
    this.pkt = pkt;
    this.src = src;
    this.srcPort = srcPort;
    this.dst = dst;
    this.dstPort = dstPort;
    this.flags = flags;
    this.seq = seq;
    this.ack = ack;
    this.len = len;
    this.state = state;
    this.cause = cause;
    this.ecn = ecn;
    this.event = null;
    return this;
  }

  /** Makes {@code p}'s fields (a value or another event's fields) the fields of the next event. */
  public PacketFields set(PacketEvent p) {
    return set(
        p.t(),
        p.kind(),
        p.node(),
        p.link(),
        p.pkt(),
        p.src(),
        p.srcPort(),
        p.dst(),
        p.dstPort(),
        p.flags(),
        p.seq(),
        p.ack(),
        p.len(),
        p.state(),
        p.cause(),
        p.ecn());
  }

  @Override
  public TraceEvent.Packet toEvent() {
    TraceEvent.Packet made = event;
    if (made == null) {
      made =
          new TraceEvent.Packet(
              t, kind, node, link, pkt, src, srcPort, dst, dstPort, flags, seq, ack, len, state,
              cause, ecn);
      event = made;
    }
    return made;
  }

  @Override
  public long t() {
    return t;
  }

  @Override
  public EventKind kind() {
    return kind;
  }

  @Override
  public int node() {
    return node;
  }

  @Override
  public int link() {
    return link;
  }

  @Override
  public long pkt() {
    return pkt;
  }

  @Override
  public int src() {
    return src;
  }

  @Override
  public int srcPort() {
    return srcPort;
  }

  @Override
  public int dst() {
    return dst;
  }

  @Override
  public int dstPort() {
    return dstPort;
  }

  @Override
  public int flags() {
    return flags;
  }

  @Override
  public long seq() {
    return seq;
  }

  @Override
  public long ack() {
    return ack;
  }

  @Override
  public int len() {
    return len;
  }

  @Override
  public @Nullable TcpState state() {
    return state;
  }

  @Override
  public @Nullable DropCause cause() {
    return cause;
  }

  @Override
  public Ecn ecn() {
    return ecn;
  }
}
