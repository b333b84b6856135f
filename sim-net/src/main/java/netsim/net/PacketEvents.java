package netsim.net;

import java.util.Arrays;
import netsim.core.Simulator;
import netsim.net.fault.FaultAction;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.fault.RuleListener;
import netsim.net.link.LinkDirection;
import netsim.net.link.LinkEvents;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches the packet events of one network to its {@link PacketObserver}s, stamped with the
 * current virtual time. Nodes and links report here; with no observer it costs one length check.
 */
public final class PacketEvents implements RuleListener {
  private final Simulator simulator;
  private PacketObserver[] observers = new PacketObserver[0];

  /** Packets sent or copied that have neither been received nor dropped yet. */
  private long inFlight;

  PacketEvents(Simulator simulator) {
    this.simulator = simulator;
  }

  void add(PacketObserver observer) {
    observers = Arrays.copyOf(observers, observers.length + 1);
    observers[observers.length - 1] = observer;
  }

  /** Packets sent or copied that have neither been received nor dropped yet. */
  long inFlight() {
    return inFlight;
  }

  void sent(Host host, Packet packet) {
    inFlight++;
    for (PacketObserver o : observers) {
      o.onSend(simulator.now(), host, packet);
    }
  }

  void received(Host host, Packet packet) {
    inFlight--;
    for (PacketObserver o : observers) {
      o.onReceive(simulator.now(), host, packet);
    }
  }

  void forwarded(Router router, Packet packet) {
    for (PacketObserver o : observers) {
      o.onForward(simulator.now(), router, packet);
    }
  }

  void enqueued(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onEnqueue(simulator.now(), link, packet);
    }
  }

  void dequeued(LinkDirection link, Packet packet, long sojourn) {
    for (PacketObserver o : observers) {
      o.onDequeue(simulator.now(), link, packet, sojourn);
    }
  }

  void transmitted(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onTransmit(simulator.now(), link, packet);
    }
  }

  void delivered(LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onDeliver(simulator.now(), link, packet);
    }
  }

  void marked(Node sender, LinkDirection link, Packet packet) {
    for (PacketObserver o : observers) {
      o.onMark(simulator.now(), sender, link, packet);
    }
  }

  void duplicated(LinkDirection link, Packet original, Packet copy) {
    inFlight++;
    for (PacketObserver o : observers) {
      o.onDuplicate(simulator.now(), link, original, copy);
    }
  }

  /** A rule took a packet; a {@code duplicate} rule's copy is in flight from now on. */
  @Override
  public void ruleTook(FaultChain chain, FaultRule rule, Packet packet) {
    if (rule.action().verb() == FaultAction.Verb.DUPLICATE) {
      inFlight++;
    }
    for (PacketObserver o : observers) {
      o.onRule(simulator.now(), chain, rule, packet);
    }
  }

  void dropped(Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
    inFlight--;
    report(node, link, packet, cause);
  }

  /** A host's protocol handler dropped a packet the host had received (its way ended there). */
  void discarded(Host host, Packet packet, DropCause cause) {
    report(host, null, packet, cause);
  }

  /**
   * The events of the link direction that carries {@code sender}'s packets away: a drop on the
   * direction is reported at the sending node.
   */
  LinkEvents sentBy(Node sender) {
    return new LinkEvents() {
      @Override
      public void enqueued(LinkDirection direction, Packet packet) {
        PacketEvents.this.enqueued(direction, packet);
      }

      @Override
      public void dequeued(LinkDirection direction, Packet packet, long sojourn) {
        PacketEvents.this.dequeued(direction, packet, sojourn);
      }

      @Override
      public void transmitted(LinkDirection direction, Packet packet) {
        PacketEvents.this.transmitted(direction, packet);
      }

      @Override
      public void delivered(LinkDirection direction, Packet packet) {
        PacketEvents.this.delivered(direction, packet);
      }

      @Override
      public void duplicated(LinkDirection direction, Packet original, Packet copy) {
        PacketEvents.this.duplicated(direction, original, copy);
      }

      @Override
      public void marked(LinkDirection direction, Packet packet) {
        PacketEvents.this.marked(sender, direction, packet);
      }

      @Override
      public void dropped(LinkDirection direction, Packet packet, DropCause cause) {
        PacketEvents.this.dropped(sender, direction, packet, cause);
      }

      @Override
      public void ruleTook(FaultChain chain, FaultRule rule, Packet packet) {
        PacketEvents.this.ruleTook(chain, rule, packet);
      }
    };
  }

  private void report(Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
    for (PacketObserver o : observers) {
      o.onDrop(simulator.now(), node, link, packet, cause);
    }
  }
}
