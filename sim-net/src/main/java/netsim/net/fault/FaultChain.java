package netsim.net.fault;

import java.util.function.Consumer;
import netsim.net.DropCause;
import netsim.net.Packet;
import netsim.net.link.QueueDiscipline.DropSink;

/**
 * An ordered chain of targeted fault rules at one place in the network (a link direction or a
 * node). Each packet passing that place is offered to the rules in order; the first rule that
 * matches decides what happens to it, and a packet no rule matches passes unchanged.
 *
 * <p>The chain continues a packet by calling {@code next}: at once, later, never, or twice.
 */
public final class FaultChain {

  /** Whether the chain has any rule; a link skips it entirely when it has none. */
  public boolean isEmpty() {
    return true;
  }

  /**
   * Applies the rules to {@code packet}.
   *
   * @param next continues the packet's way through the network (called once for a packet that
   *     passes)
   * @param drops where a dropped packet is reported, with {@link DropCause#RULE}
   */
  public void apply(Packet packet, Consumer<Packet> next, DropSink drops) {
    next.accept(packet);
  }
}
