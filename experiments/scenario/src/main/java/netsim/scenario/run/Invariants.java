package netsim.scenario.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import netsim.scenario.config.InvariantSettings;
import netsim.scenario.run.ExpectedOutcome.Kind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.StateCause;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * The checks every run makes. A run's connections end in one of three ways:
 *
 * <ul>
 *   <li>a normal close, which is neither listed nor counted (TIME_WAIT when the run ends, or cut
 *       short by a RST, included: the connection had closed and only waited out 2 MSL);
 *   <li>an <b>expected outcome</b>: TCP doing its job when the network or a host fails it (a reset,
 *       a refused, timed-out or failed OPEN, a user timeout, an abort, a crash, or a connection
 *       left open because its peer gave up without a RST);
 *   <li>a <b>violation</b>, a bug: data read that differs from what the peer sent (corrupted,
 *       reordered or duplicated); fewer or more bytes delivered than the peer sent before its FIN;
 *       an embryonic connection left in SYN_RECEIVED; a connection left open when its peer did not
 *       give up.
 * </ul>
 *
 * <p>Each violation is a sentence; {@code netsim run --check} and the {@code data-violation}
 * detector act on violations only. docs/reliability.md ("Invariants and expected outcomes") states
 * the rule.
 */
public final class Invariants {
  /** Causes with which a peer's connection ends when it gives up on the connection. */
  private static final Set<StateCause> GIVING_UP =
      EnumSet.of(StateCause.USER_TIMEOUT, StateCause.ABORT, StateCause.HOST_CRASH);

  /**
   * One incarnation of a connection, as one of its ends sees it. Equal and hashed as the record's
   * own methods would be, but written out: those are linked at their first call through {@code
   * ObjectMethods}' bootstrap, a few milliseconds of the run's thread (benchmarks/RESULTS.md,
   * "Session 13, CLI start-up").
   */
  private record Incarnation(FourTuple conn, long iss, long irs) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Incarnation i && conn.equals(i.conn) && iss == i.iss && irs == i.irs;
    }

    @Override
    public int hashCode() {
      return (31 * conn.hashCode() + Long.hashCode(iss)) * 31 + Long.hashCode(irs);
    }
  }

  /** A run's violations and its expected outcomes, each in a stable order. */
  public record Verdict(List<String> violations, List<ExpectedOutcome> expected) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private Invariants() {}

  /** The violations of {@code result}, in a stable order; empty when all hold. */
  public static List<String> check(RunResult result, List<ConnectionReport> connections) {
    return verdict(result, connections).violations();
  }

  /** The violations and expected outcomes of {@code result}. */
  public static Verdict verdict(RunResult result, List<ConnectionReport> connections) {
    InvariantSettings on = result.config().invariants();
    List<String> violations = new ArrayList<>();
    List<ExpectedOutcome> expected = new ArrayList<>();
    if (on.dataIntact()) {
      dataIntact(result, violations);
    }
    Map<Incarnation, ConnectionReport> byIncarnation = new LinkedHashMap<>();
    for (ConnectionReport c : connections) {
      if (c.record().tuple() != null) {
        byIncarnation.put(new Incarnation(c.tuple(), c.record().iss(), c.record().irs()), c);
      }
    }
    for (ConnectionReport c : connections) {
      if (c.ended()) {
        ExpectedOutcome outcome = howItEnded(c);
        if (outcome != null) {
          expected.add(outcome);
        }
        continue;
      }
      boolean embryonic = c.role().equals("server") && c.finalState() == TcpState.SYN_RECEIVED;
      if (embryonic) {
        if (on.noEmbryonic()) {
          violations.add(
              c.node()
                  + " "
                  + c.conn()
                  + ": embryonic connection leaked (left in"
                  + " SYN_RECEIVED by the listener)");
        }
        continue;
      }
      if (!on.allClosed() || c.finalState() == TcpState.TIME_WAIT) {
        continue; // a connection in TIME_WAIT has closed; it only waits out 2 MSL
      }
      ConnectionReport peer =
          c.finalState() == TcpState.SYN_SENT
              ? null
              : byIncarnation.get(
                  new Incarnation(
                      ConnectionReport.reverse(c.tuple()), c.record().irs(), c.record().iss()));
      if (peer != null
          && peer.ended()
          && !peer.transitions().isEmpty()
          && GIVING_UP.contains(peer.last().cause())) {
        expected.add(
            new ExpectedOutcome(
                c.node(),
                c.conn(),
                Kind.PEER_GAVE_UP,
                "left in "
                    + c.finalState()
                    + " when the run ended: "
                    + peer.node()
                    + "'s end "
                    + gaveUp(peer)
                    + " at "
                    + Time.format(peer.closedAt())
                    + " and sent no RST that"
                    + " arrived (RFC 9293 3.10.8 and 3.5.1)"));
      } else {
        violations.add(
            c.node()
                + " "
                + c.conn()
                + ": left in "
                + c.finalState()
                + " when the run ended ("
                + result.stopReason()
                + ")"
                + (peer == null ? "" : ", though its peer did not give up"));
      }
    }
    for (AppRecord r : result.apps()) {
      if (r.openFailed() != null) {
        expected.add(
            new ExpectedOutcome(
                r.node(),
                r.tuple().toString(),
                Kind.OPEN_FAILED,
                "OPEN failed: " + r.openFailed() + " (RFC 9293 3.10.1)"));
      }
    }
    return new Verdict(List.copyOf(violations), List.copyOf(expected));
  }

  /** How an ended connection ended, when that was not a normal close; else null. */
  private static ExpectedOutcome howItEnded(ConnectionReport c) {
    TraceEvent.State last = c.transitions().isEmpty() ? null : c.last();
    if (last != null && last.from() == TcpState.TIME_WAIT) {
      return null; // it had closed; a RST (or a new SYN) only cut TIME-WAIT short
    }
    String cause = c.lastCause();
    StateCause why = last == null ? null : last.cause();
    int whyFlags = last == null ? 0 : last.causeFlags();
    String at = " at " + Time.format(c.closedAt());
    boolean opened = c.establishedAt() >= 0;
    boolean released = c.finalState() == TcpState.LISTEN;
    Kind kind;
    String detail;
    if (released) {
      kind = Kind.HANDSHAKE_ABANDONED;
      detail = "handshake abandoned (" + cause + "), back to LISTEN" + at;
    } else if (why == StateCause.USER_TIMEOUT) {
      kind = opened ? Kind.USER_TIMEOUT : Kind.OPEN_TIMED_OUT;
      detail =
          opened
              ? "gave up"
                  + at
                  + ": its retransmissions went unanswered (USER TIMEOUT,"
                  + " RFC 9293 3.10.8)"
              : "OPEN timed out" + at + ": its SYNs went unanswered";
    } else if (why == StateCause.RCV && (whyFlags == TcpFlags.RST || whyFlags == TcpFlags.SYN)) {
      kind = opened ? Kind.RESET : Kind.OPEN_REFUSED;
      detail =
          (opened ? "reset by the peer" : "OPEN refused by the peer's RST")
              + at
              + " ("
              + cause
              + ")";
    } else if (why == StateCause.ABORT) {
      kind = Kind.ABORTED;
      detail = "aborted by its application" + at;
    } else if (why == StateCause.HOST_CRASH) {
      kind = Kind.CRASHED;
      detail = "vanished when its host crashed" + at;
    } else {
      return null;
    }
    return new ExpectedOutcome(c.node(), c.conn(), kind, detail);
  }

  private static String gaveUp(ConnectionReport peer) {
    return switch (peer.last().cause()) {
      case USER_TIMEOUT -> "gave up (USER TIMEOUT)";
      case ABORT -> "was aborted";
      default -> "vanished in a host crash";
    };
  }

  private static void dataIntact(RunResult result, List<String> violations) {
    Map<Incarnation, AppRecord> senders = new LinkedHashMap<>(); // by the sender's ISN; irs unused
    for (AppRecord r : result.apps()) {
      if (r.tuple() == null || r.openFailed() != null) {
        continue;
      }
      if (r.firstMismatch() >= 0) {
        violations.add(
            r.node()
                + " "
                + r.tuple()
                + ": byte "
                + r.firstMismatch()
                + " read differs from the byte the peer sent (data corrupted, reordered or"
                + " duplicated)");
      }
      if (r.iss() >= 0) {
        senders.put(new Incarnation(r.tuple(), r.iss(), 0), r);
      }
    }
    for (AppRecord receiver : result.apps()) {
      if (!receiver.peerClosed()) {
        continue; // no FIN: the peer's data may rightly be incomplete (reset, crash, abort)
      }
      // The application at the other end: the reversed 4-tuple, whose ISN is our IRS.
      AppRecord sender =
          senders.get(
              new Incarnation(ConnectionReport.reverse(receiver.tuple()), receiver.irs(), 0));
      long delivered = receiver.bytesDelivered();
      if (sender != null && delivered != sender.written()) {
        violations.add(
            receiver.node()
                + " "
                + receiver.tuple()
                + ": "
                + delivered
                + " bytes delivered before the peer's FIN, but the peer sent "
                + sender.written()
                + (delivered < sender.written() ? " (data lost)" : " (data duplicated)"));
      }
    }
  }
}
