package netsim.scenario.trace;

/**
 * One line of {@code trace.jsonl}: something that happened at virtual time {@code t} (nanoseconds).
 * Each kind writes its fields in a fixed order; docs/trace.md is the schema.
 */
public sealed interface TraceEvent {
  long t();

  /** The {@code ev} field. */
  String ev();

  /** The JSON line, without the newline. */
  JsonLine json();

  private static JsonLine start(TraceEvent e) {
    return new JsonLine().num("t", e.t()).str("ev", e.ev());
  }

  /**
   * A TCP segment sent by a host ({@code send}), accepted by one ({@code recv}), or dropped ({@code
   * drop}, with {@code cause} and, for a drop on a link, the link direction).
   *
   * @param ack the acknowledgment number, or -1 when the ACK bit is clear
   * @param state the sender's TCP state when it sent the segment (send only), or null
   * @param link for a drop on a link: the direction ("client->server"), else null
   */
  record Packet(
      long t,
      String ev,
      String node,
      long pkt,
      String src,
      String dst,
      String flags,
      long seq,
      long ack,
      int len,
      String state,
      String link,
      String cause)
      implements TraceEvent {
    @Override
    public JsonLine json() {
      JsonLine line = start(this).str("node", node);
      if (link != null) {
        line.str("link", link);
      }
      line.num("pkt", pkt).str("src", src).str("dst", dst).str("flags", flags).num("seq", seq);
      if (ack >= 0) {
        line.num("ack", ack);
      }
      line.num("len", len);
      if (state != null) {
        line.str("state", state);
      }
      if (cause != null) {
        line.str("cause", cause);
      }
      return line;
    }

    public boolean has(String flag) {
      for (String f : flags.split("\\|")) {
        if (f.equals(flag)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A link direction duplicated packet {@code pkt} as {@code copy}. */
  record Duplicate(long t, String link, long pkt, long copy) implements TraceEvent {
    @Override
    public String ev() {
      return "dup";
    }

    @Override
    public JsonLine json() {
      return start(this).str("link", link).num("pkt", pkt).num("copy", copy);
    }
  }

  /** Fault rule {@code rule} of the chain at {@code at} took packet {@code pkt}. */
  record Rule(
      long t, String at, String rule, String action, long pkt, String flags, long seq, int len)
      implements TraceEvent {
    @Override
    public String ev() {
      return "rule";
    }

    @Override
    public JsonLine json() {
      return start(this)
          .str("at", at)
          .str("rule", rule)
          .str("action", action)
          .num("pkt", pkt)
          .str("flags", flags)
          .num("seq", seq)
          .num("len", len);
    }
  }

  /** A TCP connection (or listener) of {@code node} changed state. */
  record State(long t, String node, String conn, String from, String to, String cause)
      implements TraceEvent {
    @Override
    public String ev() {
      return "state";
    }

    @Override
    public JsonLine json() {
      return start(this)
          .str("node", node)
          .str("conn", conn)
          .str("from", from)
          .str("to", to)
          .str("cause", cause);
    }
  }

  /** What an application saw or did: established, data, peer-closed, close, abort, ... */
  record App(long t, String node, String conn, String event, long bytes) implements TraceEvent {
    @Override
    public String ev() {
      return "app";
    }

    @Override
    public JsonLine json() {
      JsonLine line = start(this).str("node", node).str("conn", conn).str("event", event);
      if (bytes > 0) {
        line.num("bytes", bytes);
      }
      return line;
    }
  }

  /** A retransmission ({@code reason}: rto or fast); the {@code send} line follows. */
  record Retransmit(
      long t, String node, String conn, String flags, long seq, int len, String reason)
      implements TraceEvent {
    @Override
    public String ev() {
      return "rtx";
    }

    @Override
    public JsonLine json() {
      return start(this)
          .str("node", node)
          .str("conn", conn)
          .str("flags", flags)
          .num("seq", seq)
          .num("len", len)
          .str("reason", reason);
    }
  }

  /**
   * The congestion state of a connection changed (sim-tcp reports every change): the congestion
   * window, the slow-start threshold ({@link #UNSET} until first set), the smoothed RTT ({@link
   * #UNSET} before the first sample), the RTO and the bytes in flight. For the cwnd graph.
   */
  record Congestion(
      long t,
      String node,
      String conn,
      long cwnd,
      long ssthresh,
      long srtt,
      long rto,
      long inflight)
      implements TraceEvent {
    /** ssthresh or srtt not known yet: the field is left out of the trace line. */
    public static final long UNSET = -1;

    @Override
    public String ev() {
      return "cc";
    }

    @Override
    public JsonLine json() {
      JsonLine line = start(this).str("node", node).str("conn", conn).num("cwnd", cwnd);
      if (ssthresh != UNSET) {
        line.num("ssthresh", ssthresh);
      }
      if (srtt != UNSET) {
        line.num("srtt", srtt);
      }
      return line.num("rto", rto).num("inflight", inflight);
    }
  }

  /** A link direction changed: {@code what} is "set", "down" or "up". */
  record Link(long t, String dir, String what) implements TraceEvent {
    @Override
    public String ev() {
      return "link";
    }

    @Override
    public JsonLine json() {
      return start(this).str("dir", dir).str("what", what);
    }
  }

  /** A host crashed or restarted its listeners. */
  record Host(long t, String node, String what) implements TraceEvent {
    @Override
    public String ev() {
      return "host";
    }

    @Override
    public JsonLine json() {
      return start(this).str("node", node).str("what", what);
    }
  }
}
