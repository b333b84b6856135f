package netsim.scenario.trace;

import java.util.Locale;

/** The kinds of trace event, one per {@code ev} name of {@code trace.jsonl} (docs/trace.md). */
public enum EventKind {
  /** A host sent a segment. */
  SEND,
  /** A host accepted a segment. */
  RECV,
  /** A segment was dropped. */
  DROP,
  /** A link direction's queue marked a segment Congestion Experienced instead of dropping it. */
  MARK,
  /** A link direction duplicated a packet. */
  DUP,
  /** A fault rule took a packet. */
  RULE,
  /** A connection or listener changed state. */
  STATE,
  /** An application event. */
  APP,
  /** A retransmission. */
  RTX,
  /** A change of congestion state. */
  CC,
  /** A link direction was changed, cut or restored. */
  LINK,
  /** A host crashed or restarted. */
  HOST,
  /** A host sent a UDP datagram. */
  UDP_SEND,
  /** A host accepted a UDP datagram. */
  UDP_RECV,
  /** A UDP datagram was dropped. */
  UDP_DROP;

  private final String traceName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** The {@code ev} field: "send", "cc", "udp-send", ... */
  public String traceName() {
    return traceName;
  }
}
