package netsim.scenario.run;

import java.util.Locale;

/**
 * A connection that did not end with a normal close, for a reason that is TCP doing its job, not a
 * bug: it was reset, gave up, was refused or aborted, vanished in a crash, or was left open because
 * its peer gave up. The invariants list these beside the violations, which they are not.
 * docs/reliability.md ("Invariants and expected outcomes") gives the rule.
 *
 * @param node the host the connection belongs to
 * @param conn the connection as its host sees it, "LOCAL-REMOTE"
 * @param detail what happened, in words, with the time and the RFC rule
 */
public record ExpectedOutcome(String node, String conn, Kind kind, String detail) {

  /** The kinds of expected outcome; {@link #label()} names them in files. */
  public enum Kind {
    /** A RST from the peer closed a synchronized connection (RFC 9293 3.10.7.4). */
    RESET,
    /** The peer answered the SYN with a RST: "connection refused" (RFC 9293 3.10.7.3). */
    OPEN_REFUSED,
    /** The SYNs went unanswered until the OPEN gave up (RFC 9293 3.8.3, 3.10.8). */
    OPEN_TIMED_OUT,
    /** The OPEN failed at once: its 4-tuple was in use (RFC 9293 3.10.1). */
    OPEN_FAILED,
    /** A listener's child went back to LISTEN: its handshake was reset or timed out. */
    HANDSHAKE_ABANDONED,
    /** Retransmissions went unanswered until it gave up: USER TIMEOUT (RFC 9293 3.10.8). */
    USER_TIMEOUT,
    /** Its application aborted it (RFC 9293 3.10.5). */
    ABORTED,
    /** It vanished when its host crashed (RFC 9293 3.5.1). */
    CRASHED,
    /** Left open at the end because its peer gave up, aborted or crashed, without a RST. */
    PEER_GAVE_UP;

    /** The name in files and summaries: "peer-gave-up". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** "client 10.0.0.1:49152-10.0.0.2:80: reset by the peer at 3.2s". */
  public String line() {
    return node + " " + conn + ": " + detail;
  }
}
