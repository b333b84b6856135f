package netsim.scenario.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.ConnectionRecord;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * The life of every connection of a run, from its state changes as they happen: per host and
 * 4-tuple, one list of changes per incarnation (a 4-tuple is used again once its connection has
 * ended), and when each last delivered data to its application. At the end, {@link #reports} pairs
 * them with what each stack kept of its connections.
 */
public final class ConnectionLog implements EventSink {
  /**
   * A connection as one host sees it. Equal and hashed as the record's own methods would be, but
   * written out: a record's own {@code equals} and {@code hashCode} are linked at their first call
   * through {@code ObjectMethods}' bootstrap, a few milliseconds of the run's thread at start-up
   * (benchmarks/RESULTS.md, "Session 13, CLI start-up").
   */
  private record Key(int node, FourTuple conn) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && node == k.node && conn.equals(k.conn);
    }

    @Override
    public int hashCode() {
      return 31 * Integer.hashCode(node) + conn.hashCode();
    }
  }

  /** One connection's life: its state changes, and when it last delivered data, or -1. */
  private static final class Life {
    final List<TraceEvent.State> changes = new ArrayList<>();
    long lastDataAt = -1;
  }

  /** Per host and 4-tuple, its connections' lives, oldest first. */
  private final Map<Key, List<Life>> lives = new LinkedHashMap<>(); // never iterated

  /**
   * The lives of the connection the last data event was for ({@link #lastNode}, {@link #lastConn}),
   * or null: data arrives in runs on one connection, so most data events need no key and no lookup.
   * A key's list, once made, stays its list for the whole run.
   */
  private @Nullable List<Life> lastLives;

  private int lastNode;
  private @Nullable FourTuple lastConn;

  private RunIndex index = new RunIndex();

  @Override
  public Set<EventKind> kinds() {
    return EnumSet.of(EventKind.STATE, EventKind.APP);
  }

  @Override
  public void start(RunIndex index) {
    this.index = index;
  }

  @Override
  public void application(ApplicationFields a) {
    if (a.event() == AppEvent.DATA) {
      List<Life> incarnations = livesOf(a.node(), a.conn());
      if (incarnations != null) {
        last(incarnations).lastDataAt = a.t(); // the incarnation alive now
      }
    }
  }

  @Override
  public void accept(TraceEvent event) {
    if (event instanceof TraceEvent.App a) {
      application(new ApplicationFields().set(a));
    }
    if (!(event instanceof TraceEvent.State s) || s.isListener()) {
      return;
    }
    List<Life> incarnations =
        lives.computeIfAbsent(new Key(s.node(), s.conn()), k -> new ArrayList<>());
    // After a life ended (CLOSED, or a child back in LISTEN and released), the next change on the
    // same 4-tuple starts a new connection.
    if (incarnations.isEmpty() || ended(last(incarnations))) {
      incarnations.add(new Life());
    }
    last(incarnations).changes.add(s);
  }

  /** The lives of host {@code node}'s connection {@code conn}, or null if it has had no change. */
  private @Nullable List<Life> livesOf(int node, FourTuple conn) {
    if (lastLives != null && node == lastNode && conn.equals(lastConn)) {
      return lastLives;
    }
    List<Life> found = lives.get(new Key(node, conn));
    if (found != null) {
      lastLives = found;
      lastNode = node;
      lastConn = conn;
    }
    return found;
  }

  /** Every connection of {@code stacks}, host by host, each host's in order of creation. */
  public List<ConnectionReport> reports(Map<String, TcpStack> stacks) {
    Map<Key, Integer> used = new LinkedHashMap<>(); // never iterated
    List<ConnectionReport> reports = new ArrayList<>();
    for (Map.Entry<String, TcpStack> entry : stacks.entrySet()) {
      String node = entry.getKey();
      int id = index.nodes().intern(node);
      for (ConnectionRecord c : entry.getValue().history()) {
        Key key = new Key(id, c.tuple());
        int incarnation = used.merge(key, 1, Integer::sum) - 1;
        List<Life> incarnations = lives.getOrDefault(key, List.of());
        Life life = incarnation < incarnations.size() ? incarnations.get(incarnation) : null;
        List<TraceEvent.State> transitions = life == null ? List.of() : List.copyOf(life.changes);
        long dataAt = life == null ? -1 : life.lastDataAt;
        reports.add(ConnectionReport.of(node, c, transitions, dataAt));
      }
    }
    return reports;
  }

  private static boolean ended(Life life) {
    TcpState to = last(life.changes).to();
    return to == TcpState.CLOSED || to == TcpState.LISTEN;
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
