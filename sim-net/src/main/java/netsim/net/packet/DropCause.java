package netsim.net.packet;

import java.util.Locale;

/** Why a packet was dropped. Trace files use {@link #traceName()}. */
public enum DropCause {
  /** The link's queue was full (or over its byte limit). */
  QUEUE,
  /** An active queue management (RED, CoDel) dropped it early. */
  AQM,
  /** Random (Bernoulli) loss. */
  LOSS,
  /** Bursty (Gilbert-Elliott) loss. */
  BURST,
  /** Corrupted on the way; the receiver's checksum check discarded it. */
  CORRUPT,
  /** A targeted fault rule dropped it. */
  RULE,
  /** The link was down, or went down while the packet was on it. */
  DOWN,
  /** The TTL reached zero at a router. */
  TTL,
  /** A router had no route to the destination. */
  NO_ROUTE,
  /** It reached a host that does not have its destination address. */
  NOT_FOR_HOST,
  /** No protocol handler at the destination host for its protocol. */
  NO_PROTOCOL,
  /**
   * The destination host received it (a {@code recv} precedes the drop) and its transport dropped
   * it unanswered because the listen queue was full (a SYN beyond a listener's backlog).
   */
  BACKLOG,
  /**
   * The destination host received it (a {@code recv} precedes the drop) and no application was
   * bound to its destination port (a UDP datagram; RFC 1122 4.1.3.1 would answer with an ICMP Port
   * Unreachable, which netsim does not model).
   */
  NO_PORT;

  /** The lower-case name used in traces and summaries, e.g. "queue", "no-route". */
  public String traceName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
