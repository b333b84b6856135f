package netsim.report.output;

import java.util.Arrays;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketEvent;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@link #capacity()} trace events in order, as {@link TraceBehind} hands them from the run's
 * thread to the writer's: a TCP segment's event as a row of primitive columns, so that the run
 * makes no object per packet event, any other as its {@link TraceEvent}. A batch is filled on one
 * thread, read on the other after the hand-over, then emptied and filled again. Read a packet row
 * through {@link #at(int)}: the batch itself, as the {@link PacketEvent} of that row.
 */
final class TraceBatch implements PacketEvent {
  private static final EventKind[] KINDS = EventKind.values();
  private static final TcpState[] STATES = TcpState.values();
  private static final DropCause[] CAUSES = DropCause.values();
  private static final Ecn[] ECNS = Ecn.values();

  /** Each row's event if it is not a TCP segment's, else null. */
  private final @Nullable TraceEvent[] others;

  private final long[] t;
  private final byte[] kind;
  private final int[] node;
  private final int[] link;
  private final long[] pkt;
  private final int[] src;
  private final int[] srcPort;
  private final int[] dst;
  private final int[] dstPort;
  private final int[] flags;
  private final long[] seq;
  private final long[] ack;
  private final int[] len;

  /** The sender's state's ordinal + 1, 0 for none; the same for the drop cause. */
  private final byte[] state;

  private final byte[] cause;
  private final byte[] ecn;

  private int size;

  /** The row {@link #at(int)} reads. */
  private int row;

  TraceBatch(int capacity) {
    others = new TraceEvent[capacity];
    t = new long[capacity];
    kind = new byte[capacity];
    node = new int[capacity];
    link = new int[capacity];
    pkt = new long[capacity];
    src = new int[capacity];
    srcPort = new int[capacity];
    dst = new int[capacity];
    dstPort = new int[capacity];
    flags = new int[capacity];
    seq = new long[capacity];
    ack = new long[capacity];
    len = new int[capacity];
    state = new byte[capacity];
    cause = new byte[capacity];
    ecn = new byte[capacity];
  }

  int capacity() {
    return t.length;
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == t.length;
  }

  /** Appends an event; a TCP segment's goes into the columns. */
  void add(TraceEvent event) {
    if (event instanceof TraceEvent.Packet p) {
      addPacket(p);
    } else {
      others[size++] = event;
    }
  }

  /** Appends a TCP segment's event, copying its fields into the columns. */
  void addPacket(PacketEvent p) {
    int i = size++;
    t[i] = p.t();
    kind[i] = (byte) p.kind().ordinal();
    node[i] = p.node();
    link[i] = p.link();
    pkt[i] = p.pkt();
    src[i] = p.src();
    srcPort[i] = p.srcPort();
    dst[i] = p.dst();
    dstPort[i] = p.dstPort();
    flags[i] = p.flags();
    seq[i] = p.seq();
    ack[i] = p.ack();
    len[i] = p.len();
    TcpState s = p.state();
    state[i] = (byte) (s == null ? 0 : s.ordinal() + 1);
    DropCause c = p.cause();
    cause[i] = (byte) (c == null ? 0 : c.ordinal() + 1);
    ecn[i] = (byte) p.ecn().ordinal();
  }

  /** Row {@code i}'s event if it is not a TCP segment's, else null (read it with {@link #at}). */
  @Nullable TraceEvent other(int i) {
    return others[i];
  }

  /** This batch as the TCP segment's event of row {@code i}, until the next call. */
  PacketEvent at(int i) {
    row = i;
    return this;
  }

  /** Empties the batch, for the next events. */
  void clear() {
    Arrays.fill(others, 0, size, null);
    size = 0;
  }

  @Override
  public long t() {
    return t[row];
  }

  @Override
  public EventKind kind() {
    return KINDS[kind[row]];
  }

  @Override
  public int node() {
    return node[row];
  }

  @Override
  public int link() {
    return link[row];
  }

  @Override
  public long pkt() {
    return pkt[row];
  }

  @Override
  public int src() {
    return src[row];
  }

  @Override
  public int srcPort() {
    return srcPort[row];
  }

  @Override
  public int dst() {
    return dst[row];
  }

  @Override
  public int dstPort() {
    return dstPort[row];
  }

  @Override
  public int flags() {
    return flags[row];
  }

  @Override
  public long seq() {
    return seq[row];
  }

  @Override
  public long ack() {
    return ack[row];
  }

  @Override
  public int len() {
    return len[row];
  }

  @Override
  public @Nullable TcpState state() {
    int s = state[row];
    return s == 0 ? null : STATES[s - 1];
  }

  @Override
  public @Nullable DropCause cause() {
    int c = cause[row];
    return c == 0 ? null : CAUSES[c - 1];
  }

  @Override
  public Ecn ecn() {
    return ECNS[ecn[row]];
  }

  @Override
  public TraceEvent.Packet toEvent() {
    return new TraceEvent.Packet(
        t(), kind(), node(), link(), pkt(), src(), srcPort(), dst(), dstPort(), flags(), seq(),
        ack(), len(), state(), cause(), ecn());
  }
}
