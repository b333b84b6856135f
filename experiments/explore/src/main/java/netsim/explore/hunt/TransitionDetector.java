package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpState;

/**
 * An edge case that shows as one state transition no ordinary connection makes: SYN_SENT ->
 * SYN_RECEIVED is a simultaneous open (RFC 9293 Figure 7), FIN_WAIT_1 -> CLOSING a simultaneous
 * close (Figure 13).
 */
final class TransitionDetector implements Detector {
  private final String name;
  private final String meaning;
  private final String what;
  private final TcpState from;
  private final TcpState to;

  /**
   * @param what how a description starts: "simultaneous open"
   */
  TransitionDetector(String name, String meaning, String what, TcpState from, TcpState to) {
    this.name = name;
    this.meaning = meaning;
    this.what = what;
    this.from = from;
    this.to = to;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String meaning() {
    return meaning;
  }

  @Override
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.State s && s.from() == from && s.to() == to) {
        found.add(
            new Detection(
                s.t(),
                what
                    + ": "
                    + run.index().node(s.node())
                    + "'s "
                    + s.conn()
                    + " went "
                    + from
                    + " -> "
                    + to
                    + " at "
                    + Detection.time(s.t())
                    + " ("
                    + s.causeText()
                    + ")"));
      }
    }
    return found;
  }
}
