package netsim.explore.shrink;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import netsim.net.packet.DropCause;
import netsim.report.output.TraceWriter;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;

/**
 * A run's trace as a replay by rules must reproduce it, kept as one 64-bit hash per event, so that
 * a run is compared with its replay as they stream by, without either keeping its events. The
 * replay's trace differs from the original only in how impairments show: a random loss is a drop
 * with cause {@code loss} (or {@code burst}), a rule's is {@code rule} with a {@code rule} line
 * before it (so is a RED queue's early drop, {@code aqm}), and a link's duplication has a {@code
 * dup} line where a rule's has a {@code rule} line. So rule and dup events are left out and the
 * drop causes of impairments hash alike; every other field of every event counts.
 */
final class TraceFingerprint implements EventSink {
  /** Drop causes that read the same in a replay: the link's random ones and a rule's. */
  private static final Set<DropCause> IMPAIRED =
      EnumSet.of(DropCause.LOSS, DropCause.BURST, DropCause.AQM, DropCause.RULE);

  /** How an impaired drop's cause hashes: unlike any {@link DropCause#ordinal()}. */
  private static final int IMPAIRED_CAUSE = -2;

  private long[] hashes = new long[1024];
  private int size;
  private long events;

  @Override
  public void accept(TraceEvent event) {
    events++;
    if (compared(event)) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, 2 * size);
      }
      hashes[size++] = hash(event);
    }
  }

  /** Every event of the run, compared or not. */
  long events() {
    return events;
  }

  /** The events a replay must reproduce. */
  int compared() {
    return size;
  }

  /** Whether a replay must reproduce {@code event}: all but the rule and dup lines. */
  static boolean compared(TraceEvent event) {
    return !(event instanceof TraceEvent.Rule || event instanceof TraceEvent.Duplicate);
  }

  /**
   * The index (from 0) of the first compared event in which {@code other} differs from this, the
   * shorter one's length if one is a beginning of the other, or -1 when both are the same.
   */
  int firstDifference(TraceFingerprint other) {
    int common = Math.min(size, other.size);
    for (int i = 0; i < common; i++) {
      if (hashes[i] != other.hashes[i]) {
        return i;
      }
    }
    return size == other.size ? -1 : common;
  }

  /** A hash of every field that a replay must reproduce. */
  static long hash(TraceEvent event) {
    Hasher h = Hashing.murmur3_128().newHasher().putInt(event.kind().ordinal()).putLong(event.t());
    if (event instanceof TraceEvent.Packet p) {
      h.putInt(p.node())
          .putInt(p.link())
          .putLong(p.pkt())
          .putInt(p.src())
          .putInt(p.srcPort())
          .putInt(p.dst())
          .putInt(p.dstPort())
          .putInt(p.flags())
          .putLong(p.seq())
          .putLong(p.ack())
          .putInt(p.len())
          .putInt(p.state() == null ? -1 : p.state().ordinal())
          .putInt(p.ecn().ordinal())
          .putInt(
              p.cause() == null
                  ? -1
                  : IMPAIRED.contains(p.cause()) ? IMPAIRED_CAUSE : p.cause().ordinal());
    } else if (event instanceof TraceEvent.Datagram d) {
      h.putInt(d.node())
          .putInt(d.link())
          .putLong(d.pkt())
          .putInt(d.src())
          .putInt(d.srcPort())
          .putInt(d.dst())
          .putInt(d.dstPort())
          .putInt(d.len())
          .putLong(d.number())
          .putInt(
              d.cause() == null
                  ? -1
                  : IMPAIRED.contains(d.cause()) ? IMPAIRED_CAUSE : d.cause().ordinal());
    } else if (event instanceof TraceEvent.State s) {
      put(h.putInt(s.node()), s.conn())
          .putInt(s.from().ordinal())
          .putInt(s.to().ordinal())
          .putInt(s.cause().ordinal())
          .putInt(s.causeFlags());
    } else if (event instanceof TraceEvent.App a) {
      put(h.putInt(a.node()), a.conn()).putInt(a.event().ordinal()).putLong(a.bytes());
    } else if (event instanceof TraceEvent.Retransmit r) {
      put(h.putInt(r.node()), r.conn())
          .putInt(r.flags())
          .putLong(r.seq())
          .putInt(r.len())
          .putInt(r.reason().ordinal());
    } else if (event instanceof TraceEvent.Congestion c) {
      put(h.putInt(c.node()), c.conn())
          .putLong(c.cwnd())
          .putLong(c.ssthresh())
          .putLong(c.srtt())
          .putLong(c.rto())
          .putLong(c.inflight());
    } else if (event instanceof TraceEvent.Link l) {
      h.putInt(l.link()).putInt(l.what().ordinal());
    } else if (event instanceof TraceEvent.Host o) {
      h.putInt(o.node()).putInt(o.what().ordinal());
    } else if (event instanceof TraceEvent.Rule r) {
      h.putInt(r.chain()).putInt(r.rule()).putInt(r.action().ordinal()).putLong(r.pkt());
    } else if (event instanceof TraceEvent.Duplicate d) {
      h.putInt(d.link()).putLong(d.pkt()).putLong(d.copy());
    }
    return h.hash().asLong();
  }

  private static Hasher put(Hasher h, FourTuple conn) {
    return h.putInt(conn.local().address().bits())
        .putInt(conn.local().port())
        .putInt(conn.remote().address().bits())
        .putInt(conn.remote().port());
  }

  /**
   * Keeps the text of one compared event, the {@code index}-th (from 0): where a replay parted from
   * its original, found again by running the (deterministic) run once more.
   */
  static final class LineAt implements EventSink {
    private final int index;
    private int seen;
    private RunIndex names = new RunIndex();
    private String line;

    LineAt(int index) {
      this.index = index;
    }

    @Override
    public void start(RunIndex index) {
      this.names = index;
    }

    @Override
    public void accept(TraceEvent event) {
      if (compared(event) && seen++ == index) {
        line = TraceFingerprint.line(event, names);
      }
    }

    /** The event's trace line, an impaired drop's cause written as "impaired"; null if none. */
    String line() {
      return line;
    }
  }

  /** The trace line of {@code event} as it is compared: an impaired drop's cause as "impaired". */
  static String line(TraceEvent event, RunIndex index) {
    if (!(event instanceof TraceEvent.Packet p
        && p.kind() == EventKind.DROP
        && IMPAIRED.contains(p.cause()))) {
      return TraceWriter.line(event, index);
    }
    // The drop's line with its cause, the last field, written as "impaired".
    String line =
        TraceWriter.line(
            new TraceEvent.Packet(
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
                null,
                p.ecn()),
            index);
    return line.substring(0, line.length() - 1) + ",\"cause\":\"impaired\"}";
  }
}
