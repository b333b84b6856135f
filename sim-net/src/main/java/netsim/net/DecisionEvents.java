package netsim.net;

import java.util.Arrays;
import netsim.net.link.LinkDecisions;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;

/**
 * Passes the random decisions of one network's link directions to its {@link LinkDecisions}
 * observers; with none it costs one length check.
 */
final class DecisionEvents implements LinkDecisions {
  private LinkDecisions[] observers = new LinkDecisions[0];

  void add(LinkDecisions observer) {
    observers = Arrays.copyOf(observers, observers.length + 1);
    observers[observers.length - 1] = observer;
  }

  @Override
  public void lost(LinkDirection direction, Packet packet, DropCause cause) {
    for (LinkDecisions o : observers) {
      o.lost(direction, packet, cause);
    }
  }

  @Override
  public void duplicated(LinkDirection direction, Packet original, Packet copy) {
    for (LinkDecisions o : observers) {
      o.duplicated(direction, original, copy);
    }
  }

  @Override
  public void corrupted(LinkDirection direction, Packet packet, int bit) {
    for (LinkDecisions o : observers) {
      o.corrupted(direction, packet, bit);
    }
  }

  @Override
  public void aqmDropped(LinkDirection direction, Packet packet) {
    for (LinkDecisions o : observers) {
      o.aqmDropped(direction, packet);
    }
  }

  @Override
  public void aqmMarked(LinkDirection direction, Packet packet) {
    for (LinkDecisions o : observers) {
      o.aqmMarked(direction, packet);
    }
  }

  @Override
  public void propagated(LinkDirection direction, Packet packet, long delay, boolean reordered) {
    for (LinkDecisions o : observers) {
      o.propagated(direction, packet, delay, reordered);
    }
  }
}
