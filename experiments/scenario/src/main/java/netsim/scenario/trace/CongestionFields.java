package netsim.scenario.trace;

import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import org.jspecify.annotations.Nullable;

/**
 * A congestion event's fields, filled in place by the run's recorder for one change after another:
 * a change costs no object. Whoever is given one reads it during that call only; {@link #toEvent()}
 * makes the value to keep (once per event, however many ask).
 */
public final class CongestionFields implements CongestionEvent {
  private static final FourTuple NO_CONNECTION =
      new FourTuple(new Endpoint(new Ipv4Address(0), 0), new Endpoint(new Ipv4Address(0), 0));

  private long t;
  private int node;
  private FourTuple conn = NO_CONNECTION;
  private long cwnd;
  private long ssthresh;
  private long srtt;
  private long rto;
  private long inflight;

  /** The value of the current fields, once made; null until asked for. */
  private TraceEvent.@Nullable Congestion event;

  /**
   * Makes these the fields of the next event (see {@link CongestionEvent} for each one's meaning).
   */
  public CongestionFields set(
      long t,
      int node,
      FourTuple conn,
      long cwnd,
      long ssthresh,
      long srtt,
      long rto,
      long inflight) {
    this.t = t;
    this.node = node;
    this.conn = conn;
    this.cwnd = cwnd;
    this.ssthresh = ssthresh;
    this.srtt = srtt;
    this.rto = rto;
    this.inflight = inflight;
    this.event = null;
    return this;
  }

  /** Makes {@code c}'s fields (a value or another event's fields) the fields of the next event. */
  public CongestionFields set(CongestionEvent c) {
    return set(c.t(), c.node(), c.conn(), c.cwnd(), c.ssthresh(), c.srtt(), c.rto(), c.inflight());
  }

  @Override
  public TraceEvent.Congestion toEvent() {
    TraceEvent.Congestion made = event;
    if (made == null) {
      made = new TraceEvent.Congestion(t, node, conn, cwnd, ssthresh, srtt, rto, inflight);
      event = made;
    }
    return made;
  }

  @Override
  public long t() {
    return t;
  }

  @Override
  public int node() {
    return node;
  }

  @Override
  public FourTuple conn() {
    return conn;
  }

  @Override
  public long cwnd() {
    return cwnd;
  }

  @Override
  public long ssthresh() {
    return ssthresh;
  }

  @Override
  public long srtt() {
    return srtt;
  }

  @Override
  public long rto() {
    return rto;
  }

  @Override
  public long inflight() {
    return inflight;
  }
}
