package netsim.scenario.run;

/**
 * What one UDP source sent and its sink received, counted as it happens: the per-flow metrics read
 * it at the end of the run (docs/outputs.md, "flows").
 */
public final class DatagramFlow {
  private final String name;
  private final String sender;
  private final String receiver;
  private final String conn;
  private final long start;
  private final long until;
  long sent;
  long sentBytes;
  long received;
  long receivedBytes;
  long dropped;
  long lastReceivedAt = -1;
  boolean stopped;

  DatagramFlow(String name, String sender, String receiver, String conn, long start, long until) {
    this.name = name;
    this.sender = sender;
    this.receiver = receiver;
    this.conn = conn;
    this.start = start;
    this.until = until;
  }

  /** The source's name: {@code name} of its entry, with {@code .i} for the i-th of a count. */
  public String name() {
    return name;
  }

  /** The sending host. */
  public String sender() {
    return sender;
  }

  /** The receiving host. */
  public String receiver() {
    return receiver;
  }

  /** Its endpoints as the sender sees them, {@code LOCAL-REMOTE}. */
  public String conn() {
    return conn;
  }

  /** When the source started. */
  public long start() {
    return start;
  }

  /** When the source stops sending, or -1 for never (the run's end). */
  public long until() {
    return until;
  }

  /** Datagrams sent. */
  public long sent() {
    return sent;
  }

  /** Data bytes sent. */
  public long sentBytes() {
    return sentBytes;
  }

  /** Datagrams the sink received. */
  public long received() {
    return received;
  }

  /** Data bytes the sink received. */
  public long receivedBytes() {
    return receivedBytes;
  }

  /**
   * Datagrams dropped on the way (a link's loss or queue, a rule, no sink at the port): with those
   * received, every datagram whose fate is known; the rest were in flight when the run ended.
   */
  public long dropped() {
    return dropped;
  }

  /** When the sink received the last datagram, or -1. */
  public long lastReceivedAt() {
    return lastReceivedAt;
  }

  /** Whether the source stopped early: its host crashed. */
  public boolean stoppedByCrash() {
    return stopped;
  }
}
