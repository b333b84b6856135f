package netsim.scenario.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.ConnectionRecord;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;

/**
 * The life of every connection of a run, from its state changes as they happen: per host and
 * 4-tuple, one list of changes per incarnation (a 4-tuple is used again once its connection has
 * ended), and when each last delivered data to its application. At the end, {@link #reports} pairs
 * them with what each stack kept of its connections.
 */
public final class ConnectionLog implements EventSink {
  /** A connection as one host sees it. */
  private record Key(int node, FourTuple conn) {}

  private final Map<Key, List<List<TraceEvent.State>>> lives =
      new LinkedHashMap<>(); // never iterated

  /**
   * When each incarnation last delivered data to its application, in the order of {@link #lives}.
   */
  private final Map<Key, List<Long>> lastData = new LinkedHashMap<>(); // never iterated

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
  public void accept(TraceEvent event) {
    if (event instanceof TraceEvent.App a && a.event() == AppEvent.DATA) {
      List<Long> times = lastData.get(new Key(a.node(), a.conn()));
      if (times != null) {
        times.set(times.size() - 1, a.t()); // the incarnation alive now
      }
    }
    if (!(event instanceof TraceEvent.State s) || s.isListener()) {
      return;
    }
    Key key = new Key(s.node(), s.conn());
    List<List<TraceEvent.State>> incarnations = lives.computeIfAbsent(key, k -> new ArrayList<>());
    // After a life ended (CLOSED, or a child back in LISTEN and released), the next change on the
    // same 4-tuple starts a new connection.
    if (incarnations.isEmpty() || ended(last(incarnations))) {
      incarnations.add(new ArrayList<>());
      lastData.computeIfAbsent(key, k -> new ArrayList<>()).add(-1L);
    }
    last(incarnations).add(s);
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
        List<List<TraceEvent.State>> incarnations = lives.getOrDefault(key, List.of());
        boolean logged = incarnation < incarnations.size();
        List<TraceEvent.State> transitions =
            logged ? List.copyOf(incarnations.get(incarnation)) : List.of();
        long dataAt = logged ? lastData.get(key).get(incarnation) : -1;
        reports.add(ConnectionReport.of(node, c, transitions, dataAt));
      }
    }
    return reports;
  }

  private static boolean ended(List<TraceEvent.State> life) {
    TcpState to = last(life).to();
    return to == TcpState.CLOSED || to == TcpState.LISTEN;
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
