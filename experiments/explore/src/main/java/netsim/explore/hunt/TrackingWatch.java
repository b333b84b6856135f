package netsim.explore.hunt;

import netsim.scenario.trace.TraceEvent;

/**
 * A watch that follows every connection's state ({@link ConnectionTracker}) for a detector that
 * asks what state a connection was in when something happened: it sees each packet and state change
 * with the connections as they were just before it.
 */
abstract class TrackingWatch extends Watch {
  protected final ConnectionTracker connections = new ConnectionTracker();

  TrackingWatch() {
    super(ConnectionTracker.KINDS);
  }

  @Override
  public final void accept(TraceEvent event) {
    see(event);
    connections.accept(event);
  }

  /** One event, a packet or a state change, before {@link #connections} takes it in. */
  abstract void see(TraceEvent event);
}
