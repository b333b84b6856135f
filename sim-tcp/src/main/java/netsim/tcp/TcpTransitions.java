package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;
import static netsim.tcp.TcpState.CLOSED;
import static netsim.tcp.TcpState.CLOSE_WAIT;
import static netsim.tcp.TcpState.CLOSING;
import static netsim.tcp.TcpState.ESTABLISHED;
import static netsim.tcp.TcpState.FIN_WAIT_1;
import static netsim.tcp.TcpState.FIN_WAIT_2;
import static netsim.tcp.TcpState.LAST_ACK;
import static netsim.tcp.TcpState.LISTEN;
import static netsim.tcp.TcpState.SYN_RECEIVED;
import static netsim.tcp.TcpState.SYN_SENT;
import static netsim.tcp.TcpState.TIME_WAIT;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state machine as a table: every transition a connection may make, with the event that makes
 * it and the RFC section that says so (RFC 9293 3.3.2's diagram, made exact by 3.10). {@link
 * TcpConnection} checks each state change against this table, so a transition that the RFC does not
 * have is a bug that fails loudly, and the table in docs/tcp.md is this one.
 */
public final class TcpTransitions {

  /** One row: in state {@code from}, {@code event} leads to {@code to}. */
  public record Transition(TcpState from, String event, TcpState to, String rfc) {}

  /** Events that end a connection from any synchronized or opening state. */
  private static final String ENDINGS =
      "ABORT (3.10.5); host crash; USER TIMEOUT (3.10.8); rcv RST (3.10.7.4 second)";

  public static final List<Transition> TABLE =
      List.of(
          new Transition(CLOSED, "OPEN: send SYN", SYN_SENT, "RFC 9293 3.10.1"),
          new Transition(LISTEN, "rcv SYN: send SYN,ACK", SYN_RECEIVED, "RFC 9293 3.10.7.2"),
          new Transition(
              LISTEN, "rcv SYN: send SYN,ACK (COUNTERFACTUAL two-way handshake)", ESTABLISHED, "-"),
          new Transition(
              SYN_SENT, "rcv SYN,ACK of our SYN: send ACK", ESTABLISHED, "RFC 9293 3.10.7.3"),
          new Transition(
              SYN_SENT,
              "rcv SYN (simultaneous open): send SYN,ACK",
              SYN_RECEIVED,
              "RFC 9293 3.10.7.3, Figure 7"),
          new Transition(
              SYN_SENT,
              "CLOSE; rcv RST acking our SYN; USER TIMEOUT; ABORT; crash",
              CLOSED,
              "RFC 9293 3.10.4, 3.10.7.3"),
          new Transition(
              SYN_RECEIVED, "rcv ACK of our SYN", ESTABLISHED, "RFC 9293 3.10.7.4 fifth"),
          new Transition(
              SYN_RECEIVED,
              "passive: rcv RST, rcv SYN, or SYN,ACK retries exhausted",
              LISTEN,
              "RFC 9293 3.10.7.4 second and fourth"),
          new Transition(SYN_RECEIVED, "CLOSE: send FIN", FIN_WAIT_1, "RFC 9293 3.10.4"),
          new Transition(SYN_RECEIVED, "rcv FIN", CLOSE_WAIT, "RFC 9293 3.10.7.4 eighth"),
          new Transition(
              SYN_RECEIVED, "active: rcv RST (refused); " + ENDINGS, CLOSED, "RFC 9293 3.10.7.4"),
          new Transition(ESTABLISHED, "CLOSE: send FIN", FIN_WAIT_1, "RFC 9293 3.10.4"),
          new Transition(ESTABLISHED, "rcv FIN: send ACK", CLOSE_WAIT, "RFC 9293 3.10.7.4 eighth"),
          new Transition(
              ESTABLISHED, ENDINGS + "; rcv SYN without RFC 5961", CLOSED, "RFC 9293 3.10.7.4"),
          new Transition(FIN_WAIT_1, "rcv ACK of our FIN", FIN_WAIT_2, "RFC 9293 3.10.7.4 fifth"),
          new Transition(
              FIN_WAIT_1,
              "rcv FIN (simultaneous close): send ACK",
              CLOSING,
              "RFC 9293 3.10.7.4 eighth"),
          new Transition(
              FIN_WAIT_1,
              "rcv FIN with the ACK of our FIN: send ACK",
              TIME_WAIT,
              "RFC 9293 3.10.7.4 eighth"),
          new Transition(
              FIN_WAIT_1,
              ENDINGS + "; rcv new data after CLOSE (host's choice)",
              CLOSED,
              "RFC 9293 3.10.7.4, 3.6"),
          new Transition(FIN_WAIT_2, "rcv FIN: send ACK", TIME_WAIT, "RFC 9293 3.10.7.4 eighth"),
          new Transition(
              FIN_WAIT_2,
              ENDINGS
                  + "; rcv new data after CLOSE; FIN-WAIT-2 timeout after CLOSE (host's choices)",
              CLOSED,
              "RFC 9293 3.10.7.4, 3.6"),
          new Transition(CLOSE_WAIT, "CLOSE: send FIN", LAST_ACK, "RFC 9293 3.10.4"),
          new Transition(CLOSE_WAIT, ENDINGS, CLOSED, "RFC 9293 3.10.7.4"),
          new Transition(CLOSING, "rcv ACK of our FIN", TIME_WAIT, "RFC 9293 3.10.7.4 fifth"),
          new Transition(CLOSING, ENDINGS, CLOSED, "RFC 9293 3.10.7.4"),
          new Transition(
              LAST_ACK, "rcv ACK of our FIN; " + ENDINGS, CLOSED, "RFC 9293 3.10.7.4 fifth"),
          new Transition(
              TIME_WAIT,
              "TIME-WAIT timeout (2*MSL); rcv RST unless RFC 1337; new SYN"
                  + " (when configured); ABORT; crash",
              CLOSED,
              "RFC 9293 3.10.8, 3.10.7.4; RFC 6191"));

  private static final Map<TcpState, Set<TcpState>> ALLOWED = new EnumMap<>(TcpState.class);

  static {
    for (TcpState state : TcpState.values()) {
      ALLOWED.put(state, EnumSet.noneOf(TcpState.class));
    }
    for (Transition transition : TABLE) {
      checkNotNull(ALLOWED.get(transition.from())).add(transition.to());
    }
  }

  private TcpTransitions() {}

  /** The table in Markdown, as docs/tcp.md shows it. */
  public static String markdownTable() {
    StringBuilder text = new StringBuilder("| from | event | to | rule |\n|---|---|---|---|\n");
    for (Transition t : TABLE) {
      text.append("| ")
          .append(t.from())
          .append(" | ")
          .append(t.event())
          .append(" | ")
          .append(t.to())
          .append(" | ")
          .append(t.rfc())
          .append(" |\n");
    }
    return text.toString();
  }

  /** Whether the table has a transition from {@code from} to {@code to}. */
  public static boolean allows(TcpState from, TcpState to) {
    return checkNotNull(ALLOWED.get(from)).contains(to);
  }
}
