package netsim.net.packet;

/**
 * The packet ids of one network, handed out in order of creation from 0, so that traces name the
 * same packets on every run. Everything that makes a packet (a host sending, a link or a fault rule
 * duplicating) draws from the network's one counter.
 */
public final class PacketIds {
  private long next;

  /** A new id: one more than the last. */
  public long next() {
    return next++;
  }
}
