package netsim.report.output;

import java.util.Arrays;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.scenario.trace.ApplicationEvent;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionEvent;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketEvent;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@link #capacity()} trace events in order, as {@link TraceBehind} hands them from the run's
 * thread to the writer's. A TCP segment's event, a congestion change and an application event are
 * each a row of {@value #WORDS} {@code long}s, one after another in one array (one cache line a
 * row, written in sequence), their connection beside it; any other event is kept as its {@link
 * TraceEvent}. So the run makes no object for the events it makes most. A batch is filled on one
 * thread, read on the other after the hand-over, then emptied and filled again. Read a row by its
 * {@link #kind(int)}: {@link #packetAt}, {@link #congestionAt}, {@link #applicationAt} (views of
 * the row, valid until the next call of the same method) or {@link #other}.
 *
 * <p>A row's words: the kind's ordinal is the low byte of word 7 in every row. A packet: 0 time, 1
 * packet id, 2 sequence number, 3 acknowledgment number, 4 node (high half) and link (low half), 5
 * source and destination addresses, 6 source port (bits 48-63), destination port (32-47) and flags
 * (0-31), 7 length (high half), the sender's state's ordinal + 1 (bits 24-31, 0 for none), the drop
 * cause's the same way (16-23) and the ECN codepoint's ordinal (8-15). A congestion change: 0 time,
 * 1 cwnd, 2 ssthresh, 3 srtt, 4 RTO, 5 bytes in flight, 6 node. An application event: 0 time, 1
 * bytes, 6 node, 7 the event's ordinal (bits 8-15).
 */
final class TraceBatch {
  /** The words of one row. */
  static final int WORDS = 8;

  private static final EventKind[] KINDS = EventKind.values();
  private static final TcpState[] STATES = TcpState.values();
  private static final DropCause[] CAUSES = DropCause.values();
  private static final Ecn[] ECNS = Ecn.values();
  private static final AppEvent[] APP_EVENTS = AppEvent.values();

  private static final long LOW = 0xFFFF_FFFFL;

  private final long[] rows;

  /** A congestion or application row's connection, else null. */
  private final @Nullable FourTuple[] conns;

  /** A row's event if it is kept as its value, else null. */
  private final @Nullable TraceEvent[] others;

  private final PacketRow packet = new PacketRow();
  private final CongestionRow congestion = new CongestionRow();
  private final ApplicationRow application = new ApplicationRow();

  private int size;

  /** A value's fields, copied to be appended as the recorder's are ({@link #add}). */
  private final PacketFields packetCopy = new PacketFields();

  private final CongestionFields congestionCopy = new CongestionFields();
  private final ApplicationFields applicationCopy = new ApplicationFields();

  TraceBatch(int capacity) {
    rows = new long[capacity * WORDS];
    conns = new FourTuple[capacity];
    others = new TraceEvent[capacity];
  }

  int capacity() {
    return others.length;
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == others.length;
  }

  /** Appends an event: a TCP segment's, a congestion change or an application event as a row. */
  void add(TraceEvent event) {
    if (event instanceof TraceEvent.Packet p) {
      addPacket(packetCopy.set(p));
    } else if (event instanceof TraceEvent.Congestion c) {
      addCongestion(congestionCopy.set(c));
    } else if (event instanceof TraceEvent.App a) {
      addApplication(applicationCopy.set(a));
    } else {
      others[size] = event;
      rows[size * WORDS + 7] = event.kind().ordinal();
      size++;
    }
  }

  /**
   * Appends a TCP segment's event, copying its fields into a row: read from the final class, whose
   * getters the client compiler binds and inlines (through {@link PacketEvent} each read would be
   * an interface call).
   */
  void addPacket(PacketFields p) {
    int at = size++ * WORDS;
    TcpState s = p.state();
    DropCause c = p.cause();
    rows[at] = p.t();
    rows[at + 1] = p.pkt();
    rows[at + 2] = p.seq();
    rows[at + 3] = p.ack();
    rows[at + 4] = (long) p.node() << 32 | (p.link() & LOW);
    rows[at + 5] = (long) p.src() << 32 | (p.dst() & LOW);
    rows[at + 6] = (long) p.srcPort() << 48 | (long) p.dstPort() << 32 | (p.flags() & LOW);
    rows[at + 7] =
        (long) p.len() << 32
            | (s == null ? 0 : s.ordinal() + 1) << 24
            | (c == null ? 0 : c.ordinal() + 1) << 16
            | p.ecn().ordinal() << 8
            | p.kind().ordinal();
  }

  /**
   * Appends a congestion change, copying its fields into a row (read from the final class, as
   * {@link #addPacket}).
   */
  void addCongestion(CongestionFields c) {
    int i = size++;
    int at = i * WORDS;
    rows[at] = c.t();
    rows[at + 1] = c.cwnd();
    rows[at + 2] = c.ssthresh();
    rows[at + 3] = c.srtt();
    rows[at + 4] = c.rto();
    rows[at + 5] = c.inflight();
    rows[at + 6] = c.node();
    rows[at + 7] = EventKind.CC.ordinal();
    conns[i] = c.conn();
  }

  /** Appends an application event, copying its fields into a row (as {@link #addCongestion}). */
  void addApplication(ApplicationFields a) {
    int i = size++;
    int at = i * WORDS;
    rows[at] = a.t();
    rows[at + 1] = a.bytes();
    rows[at + 6] = a.node();
    rows[at + 7] = (long) a.event().ordinal() << 8 | EventKind.APP.ordinal();
    conns[i] = a.conn();
  }

  /** The kind of row {@code i}'s event. */
  EventKind kind(int i) {
    return KINDS[(int) rows[i * WORDS + 7] & 0xFF];
  }

  /** Row {@code i} (a TCP segment's event) as its event, until the next call. */
  PacketEvent packetAt(int i) {
    packet.at = i * WORDS;
    return packet;
  }

  /** Row {@code i} (a congestion change) as its event, until the next call. */
  CongestionEvent congestionAt(int i) {
    congestion.row = i;
    return congestion;
  }

  /** Row {@code i} (an application event) as its event, until the next call. */
  ApplicationEvent applicationAt(int i) {
    application.row = i;
    return application;
  }

  /** Row {@code i}'s event, kept as its value (any kind but those read as fields). */
  TraceEvent other(int i) {
    TraceEvent event = others[i];
    if (event == null) {
      throw new IllegalStateException("row " + i + " is a " + kind(i) + " row, not a value");
    }
    return event;
  }

  /** Empties the batch, for the next events. */
  void clear() {
    Arrays.fill(conns, 0, size, null);
    Arrays.fill(others, 0, size, null);
    size = 0;
  }

  private FourTuple conn(int row) {
    FourTuple conn = conns[row];
    if (conn == null) {
      throw new IllegalStateException("row " + row + " has no connection");
    }
    return conn;
  }

  /** A packet row read as its event. */
  private final class PacketRow implements PacketEvent {
    private int at;

    @Override
    public long t() {
      return rows[at];
    }

    @Override
    public EventKind kind() {
      return KINDS[(int) rows[at + 7] & 0xFF];
    }

    @Override
    public int node() {
      return (int) (rows[at + 4] >> 32);
    }

    @Override
    public int link() {
      return (int) rows[at + 4];
    }

    @Override
    public long pkt() {
      return rows[at + 1];
    }

    @Override
    public int src() {
      return (int) (rows[at + 5] >> 32);
    }

    @Override
    public int srcPort() {
      return (int) (rows[at + 6] >>> 48);
    }

    @Override
    public int dst() {
      return (int) rows[at + 5];
    }

    @Override
    public int dstPort() {
      return (int) (rows[at + 6] >>> 32) & 0xFFFF;
    }

    @Override
    public int flags() {
      return (int) rows[at + 6];
    }

    @Override
    public long seq() {
      return rows[at + 2];
    }

    @Override
    public long ack() {
      return rows[at + 3];
    }

    @Override
    public int len() {
      return (int) (rows[at + 7] >> 32);
    }

    @Override
    public @Nullable TcpState state() {
      int s = (int) (rows[at + 7] >> 24) & 0xFF;
      return s == 0 ? null : STATES[s - 1];
    }

    @Override
    public @Nullable DropCause cause() {
      int c = (int) (rows[at + 7] >> 16) & 0xFF;
      return c == 0 ? null : CAUSES[c - 1];
    }

    @Override
    public Ecn ecn() {
      return ECNS[(int) (rows[at + 7] >> 8) & 0xFF];
    }

    @Override
    public TraceEvent.Packet toEvent() {
      return new TraceEvent.Packet(
          t(), kind(), node(), link(), pkt(), src(), srcPort(), dst(), dstPort(), flags(), seq(),
          ack(), len(), state(), cause(), ecn());
    }
  }

  /** A congestion row read as its event. */
  private final class CongestionRow implements CongestionEvent {
    private int row;

    private long word(int k) {
      return rows[row * WORDS + k];
    }

    @Override
    public long t() {
      return word(0);
    }

    @Override
    public int node() {
      return (int) word(6);
    }

    @Override
    public FourTuple conn() {
      return TraceBatch.this.conn(row);
    }

    @Override
    public long cwnd() {
      return word(1);
    }

    @Override
    public long ssthresh() {
      return word(2);
    }

    @Override
    public long srtt() {
      return word(3);
    }

    @Override
    public long rto() {
      return word(4);
    }

    @Override
    public long inflight() {
      return word(5);
    }

    @Override
    public TraceEvent.Congestion toEvent() {
      return new TraceEvent.Congestion(
          t(), node(), conn(), cwnd(), ssthresh(), srtt(), rto(), inflight());
    }
  }

  /** An application row read as its event. */
  private final class ApplicationRow implements ApplicationEvent {
    private int row;

    @Override
    public long t() {
      return rows[row * WORDS];
    }

    @Override
    public int node() {
      return (int) rows[row * WORDS + 6];
    }

    @Override
    public FourTuple conn() {
      return TraceBatch.this.conn(row);
    }

    @Override
    public AppEvent event() {
      return APP_EVENTS[(int) (rows[row * WORDS + 7] >> 8) & 0xFF];
    }

    @Override
    public long bytes() {
      return rows[row * WORDS + 1];
    }

    @Override
    public TraceEvent.App toEvent() {
      return new TraceEvent.App(t(), node(), conn(), event(), bytes());
    }
  }
}
