package netsim.scenario.trace;

import netsim.tcp.FourTuple;

/**
 * The fields of a change of congestion state ({@link EventKind#CC}), whoever holds them: the value
 * {@link TraceEvent.Congestion}, or {@link CongestionFields}, which a recorder fills in place for
 * each change so that a run makes no object per change. Code that reads a congestion event reads
 * this, and works on both.
 */
public interface CongestionEvent {
  long t();

  /** The id of the host whose connection it is. */
  int node();

  /** The connection: local, remote. */
  FourTuple conn();

  /** The congestion window, in bytes. */
  long cwnd();

  /** The slow-start threshold, or {@link TraceEvent#NONE} until first set. */
  long ssthresh();

  /** The smoothed RTT in nanoseconds, or {@link TraceEvent#NONE} before the first sample. */
  long srtt();

  /** The retransmission timeout in nanoseconds. */
  long rto();

  /** The bytes in flight. */
  long inflight();

  /** These fields as a value, to keep. */
  TraceEvent.Congestion toEvent();
}
