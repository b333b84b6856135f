package netsim.tcp;

/**
 * A passive OPEN on a local port (RFC 9293 3.10.1): takes SYNs and makes a child connection per
 * 4-tuple. At most {@code backlog} children may be embryonic (in SYN-RECEIVED) at once; a SYN
 * beyond that is dropped, as Linux does when its SYN queue is full.
 */
public final class TcpListener {

  /** Chooses the application handler of each new child connection, when its SYN arrives. */
  @FunctionalInterface
  public interface Acceptor {
    TcpHandler accept(TcpConnection child);
  }

  private final TcpStack stack;
  private final Endpoint local;
  private final int backlog;
  private final Acceptor acceptor;

  /** What its children are made with: the stack's configuration, or this listener's own MSS. */
  private TcpConfig childConfig;

  private boolean open = true;
  private int embryonic;
  private long accepted;
  private long refusedForBacklog;

  TcpListener(TcpStack stack, Endpoint local, int backlog, Acceptor acceptor) {
    this.stack = stack;
    this.local = local;
    this.backlog = backlog;
    this.acceptor = acceptor;
    this.childConfig = stack.config();
  }

  public Endpoint local() {
    return local;
  }

  public int backlog() {
    return backlog;
  }

  /** Children now in SYN-RECEIVED. */
  public int embryonic() {
    return embryonic;
  }

  /** Children that reached ESTABLISHED. */
  public long accepted() {
    return accepted;
  }

  /** SYNs dropped because the backlog was full. */
  public long refusedForBacklog() {
    return refusedForBacklog;
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * The MSS that children made from now on announce and send with, instead of the stack's: a socket
   * option on the listening socket, which Linux's children inherit (TCP_MAXSEG sets the listener's
   * user_mss, and tcp_create_openreq_child copies it).
   */
  public void setMss(int mss) {
    childConfig = childConfig.toBuilder().mss(mss).build();
  }

  /** The configuration of the children made from now on. */
  TcpConfig childConfig() {
    return childConfig;
  }

  /** Stops listening (RFC 9293 3.10.4 CLOSE in LISTEN); children already made carry on. */
  public void close() {
    close(StateCause.CLOSE);
  }

  /** Stops listening; {@code cause} is what the state change reports (CLOSE, HOST_CRASH). */
  void close(StateCause cause) {
    if (open) {
      open = false;
      stack.closeListener(this, cause);
    }
  }

  boolean hasRoom() {
    return embryonic < backlog;
  }

  void refuse() {
    refusedForBacklog++;
  }

  TcpHandler accept(TcpConnection child) {
    return acceptor.accept(child);
  }

  void childEmbryonic(int delta) {
    embryonic += delta;
  }

  void childEstablished() {
    accepted++;
  }

  @Override
  public String toString() {
    return "listener " + local;
  }
}
