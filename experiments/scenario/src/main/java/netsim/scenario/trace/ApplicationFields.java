package netsim.scenario.trace;

import netsim.net.packet.Ipv4Address;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import org.jspecify.annotations.Nullable;

/**
 * An application event's fields, filled in place by the run's recorder for one event after another:
 * an application event costs no object. Whoever is given one reads it during that call only; {@link
 * #toEvent()} makes the value to keep (once per event, however many ask).
 */
public final class ApplicationFields implements ApplicationEvent {
  private static final FourTuple NO_CONNECTION =
      new FourTuple(new Endpoint(new Ipv4Address(0), 0), new Endpoint(new Ipv4Address(0), 0));

  private long t;
  private int node;
  private FourTuple conn = NO_CONNECTION;
  private AppEvent what = AppEvent.DATA;
  private long bytes;

  /** The value of the current fields, once made; null until asked for. */
  private TraceEvent.@Nullable App event;

  /**
   * Makes these the fields of the next event (see {@link ApplicationEvent} for each one's meaning).
   */
  public ApplicationFields set(long t, int node, FourTuple conn, AppEvent what, long bytes) {
    this.t = t;
    this.node = node;
    this.conn = conn;
    this.what = what;
    this.bytes = bytes;
    this.event = null;
    return this;
  }

  /** Makes {@code a}'s fields (a value or another event's fields) the fields of the next event. */
  public ApplicationFields set(ApplicationEvent a) {
    return set(a.t(), a.node(), a.conn(), a.event(), a.bytes());
  }

  @Override
  public TraceEvent.App toEvent() {
    TraceEvent.App made = event;
    if (made == null) {
      made = new TraceEvent.App(t, node, conn, what, bytes);
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
  public AppEvent event() {
    return what;
  }

  @Override
  public long bytes() {
    return bytes;
  }
}
