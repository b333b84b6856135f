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
 *
 * <p>Each event goes only to the observers that override its method: the interface's default does
 * nothing, and an observer wants a few of the eleven events (a run's recorder sends, receives and
 * drops; its link metrics, the queues' events). A call through the interface is one the client
 * compiler ({@code ./netsim run}'s only one) cannot bind, several per packet and hop.
 */
public final class PacketEvents implements RuleListener {
  private static final PacketObserver[] NONE = new PacketObserver[0];

  private final Simulator simulator;

  /** The observers of each event: those that override its method. */
  private PacketObserver[] sends = NONE;

  private PacketObserver[] receives = NONE;
  private PacketObserver[] forwards = NONE;
  private PacketObserver[] enqueues = NONE;
  private PacketObserver[] dequeues = NONE;
  private PacketObserver[] transmits = NONE;
  private PacketObserver[] deliveries = NONE;
  private PacketObserver[] marks = NONE;
  private PacketObserver[] duplicates = NONE;
  private PacketObserver[] rules = NONE;
  private PacketObserver[] drops = NONE;

  /** Packets sent or copied that have neither been received nor dropped yet. */
  private long inFlight;

  PacketEvents(Simulator simulator) {
    this.simulator = simulator;
  }

  void add(PacketObserver observer) {
    Class<?> type = observer.getClass();
    Class<?> link = LinkDirection.class;
    sends = with(sends, observer, type, "onSend", long.class, Host.class, Packet.class);
    receives = with(receives, observer, type, "onReceive", long.class, Host.class, Packet.class);
    forwards = with(forwards, observer, type, "onForward", long.class, Router.class, Packet.class);
    enqueues = with(enqueues, observer, type, "onEnqueue", long.class, link, Packet.class);
    dequeues =
        with(dequeues, observer, type, "onDequeue", long.class, link, Packet.class, long.class);
    transmits = with(transmits, observer, type, "onTransmit", long.class, link, Packet.class);
    deliveries = with(deliveries, observer, type, "onDeliver", long.class, link, Packet.class);
    marks = with(marks, observer, type, "onMark", long.class, Node.class, link, Packet.class);
    duplicates =
        with(
            duplicates,
            observer,
            type,
            "onDuplicate",
            long.class,
            link,
            Packet.class,
            Packet.class);
    rules =
        with(
            rules,
            observer,
            type,
            "onRule",
            long.class,
            FaultChain.class,
            FaultRule.class,
            Packet.class);
    drops =
        with(
            drops,
            observer,
            type,
            "onDrop",
            long.class,
            Node.class,
            link,
            Packet.class,
            DropCause.class);
  }

  /**
   * {@code observers}, with {@code observer} last if its class {@code type} overrides the method
   * {@code name} of {@link PacketObserver} (it, a superclass or an interface between declares it).
   */
  private static PacketObserver[] with(
      PacketObserver[] observers,
      PacketObserver observer,
      Class<?> type,
      String name,
      Class<?>... parameters) {
    try {
      if (type.getMethod(name, parameters).getDeclaringClass() == PacketObserver.class) {
        return observers;
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PacketObserver has no method " + name, e);
    }
    PacketObserver[] more = Arrays.copyOf(observers, observers.length + 1);
    more[observers.length] = observer;
    return more;
  }

  /** Packets sent or copied that have neither been received nor dropped yet. */
  long inFlight() {
    return inFlight;
  }

  void sent(Host host, Packet packet) {
    inFlight++;
    for (PacketObserver o : sends) {
      o.onSend(simulator.now(), host, packet);
    }
  }

  void received(Host host, Packet packet) {
    inFlight--;
    for (PacketObserver o : receives) {
      o.onReceive(simulator.now(), host, packet);
    }
  }

  void forwarded(Router router, Packet packet) {
    for (PacketObserver o : forwards) {
      o.onForward(simulator.now(), router, packet);
    }
  }

  void enqueued(LinkDirection link, Packet packet) {
    for (PacketObserver o : enqueues) {
      o.onEnqueue(simulator.now(), link, packet);
    }
  }

  void dequeued(LinkDirection link, Packet packet, long sojourn) {
    for (PacketObserver o : dequeues) {
      o.onDequeue(simulator.now(), link, packet, sojourn);
    }
  }

  void transmitted(LinkDirection link, Packet packet) {
    for (PacketObserver o : transmits) {
      o.onTransmit(simulator.now(), link, packet);
    }
  }

  void delivered(LinkDirection link, Packet packet) {
    for (PacketObserver o : deliveries) {
      o.onDeliver(simulator.now(), link, packet);
    }
  }

  void marked(Node sender, LinkDirection link, Packet packet) {
    for (PacketObserver o : marks) {
      o.onMark(simulator.now(), sender, link, packet);
    }
  }

  void duplicated(LinkDirection link, Packet original, Packet copy) {
    inFlight++;
    for (PacketObserver o : duplicates) {
      o.onDuplicate(simulator.now(), link, original, copy);
    }
  }

  /** A rule took a packet; a {@code duplicate} rule's copy is in flight from now on. */
  @Override
  public void ruleTook(FaultChain chain, FaultRule rule, Packet packet) {
    if (rule.action().verb() == FaultAction.Verb.DUPLICATE) {
      inFlight++;
    }
    for (PacketObserver o : rules) {
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
    for (PacketObserver o : drops) {
      o.onDrop(simulator.now(), node, link, packet, cause);
    }
  }
}
