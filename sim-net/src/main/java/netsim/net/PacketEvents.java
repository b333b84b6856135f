package netsim.net;

import java.util.Arrays;
import netsim.core.Simulator;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;

/**
 * Dispatches the packet events of one network to its {@link PacketObserver}s, stamped with the
 * current virtual time. Nodes and links report here; with no observer it costs one length check.
 */
public final class PacketEvents {
  private final Simulator simulator;
  private PacketObserver[] observers = new PacketObserver[0];

  PacketEvents(Simulator simulator) {
    this.simulator = simulator;
  }

  void add(PacketObserver observer) {
    observers = Arrays.copyOf(observers, observers.length + 1);
    observers[observers.length - 1] = observer;
  }

  void sent(Host host, Packet packet) {
    for (PacketObserver o : observers) {
      o.onSend(simulator.now(), host, packet);
    }
  }

  void received(Host host, Packet packet) {
    for (PacketObserver o : observers) {
      o.onReceive(simulator.now(), host, packet);
    }
  }

  void forwarded(Router router, Packet packet) {
    for (PacketObserver o : observers) {
      o.onForward(simulator.now(), router, packet);
    }
  }

  public void enqueued(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onEnqueue(simulator.now(), link, packet);
    }
  }

  public void transmitted(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onTransmit(simulator.now(), link, packet);
    }
  }

  public void delivered(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onDeliver(simulator.now(), link, packet);
    }
  }

  public void duplicated(LinkDirection link, Packet original, Packet copy) {
    for (PacketObserver o : observers) {
      o.onDuplicate(simulator.now(), link, original, copy);
    }
  }

  public void ruleTook(FaultChain chain, FaultRule rule, Packet packet) {
    for (PacketObserver o : observers) {
      o.onRule(simulator.now(), chain, rule, packet);
    }
  }

  public void dropped(Node node, LinkDirection link, Packet packet, DropCause cause) {
    for (PacketObserver o : observers) {
      o.onDrop(simulator.now(), node, link, packet, cause);
    }
  }
}
