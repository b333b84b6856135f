package netsim.scenario.trace;

import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;

/**
 * The fields of what an application saw or did ({@link EventKind#APP}), whoever holds them: the
 * value {@link TraceEvent.App}, or {@link ApplicationFields}, which a recorder fills in place for
 * each event so that a run makes no object per application event. Code that reads an application
 * event reads this, and works on both.
 */
public interface ApplicationEvent {
  long t();

  /** The id of the host whose application it is. */
  int node();

  /** The connection: local, remote. */
  FourTuple conn();

  AppEvent event();

  /** The bytes for write and data, else 0. */
  long bytes();

  /** These fields as a value, to keep. */
  TraceEvent.App toEvent();
}
