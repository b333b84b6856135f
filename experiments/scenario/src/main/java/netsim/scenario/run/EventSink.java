package netsim.scenario.run;

import java.util.EnumSet;
import java.util.Set;
import netsim.scenario.trace.ApplicationEvent;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionEvent;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketEvent;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * Receives a run's events as they happen, in order of virtual time: the trace file, the summary's
 * counters, the connection log, detectors. A sink says which {@link #kinds()} it wants, and no
 * event of another kind is built for it.
 */
public interface EventSink {
  /** The run is about to start; {@code index} names the ids its events carry. */
  default void start(RunIndex index) {}

  /** One event, of a kind in {@link #kinds()}. */
  void accept(TraceEvent event);

  /**
   * One TCP segment's event (send, receive, drop, mark), of a kind in {@link #kinds()}: the run's
   * recorder gives these as {@link PacketFields} filled in place, valid during the call only, so
   * that the run makes no object per packet. By default accepted as its value ({@link
   * PacketEvent#toEvent()}); a sink on every run's path reads the fields instead. The parameter is
   * the final class, not {@link PacketEvent}: {@code ./netsim run} compiles with the client
   * compiler alone, which inlines a getter it can bind statically and calls every getter of an
   * interface with several implementations (the trace writer's rows, the records).
   */
  default void packet(PacketFields event) {
    accept(event.toEvent());
  }

  /**
   * One change of a connection's congestion state, of kind {@link EventKind#CC} if in {@link
   * #kinds()}: given as {@link CongestionFields} filled in place, valid during the call only, as
   * {@link #packet} is. By default accepted as its value ({@link CongestionEvent#toEvent()}).
   */
  default void congestion(CongestionFields event) {
    accept(event.toEvent());
  }

  /**
   * One application event, of kind {@link EventKind#APP} if in {@link #kinds()}: given as {@link
   * ApplicationFields} filled in place, valid during the call only, as {@link #packet} is. By
   * default accepted as its value ({@link ApplicationEvent#toEvent()}).
   */
  default void application(ApplicationFields event) {
    accept(event.toEvent());
  }

  /** The run has ended with {@code result}. */
  default void end(RunResult result) {}

  /** The kinds of event this sink wants; read once, before the run starts. */
  default Set<EventKind> kinds() {
    return EnumSet.allOf(EventKind.class);
  }
}
