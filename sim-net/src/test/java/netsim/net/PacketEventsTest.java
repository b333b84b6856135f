package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netsim.core.Simulator;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Each packet event reaches, in the order they were added, the observers that override it. */
class PacketEventsTest {
  private final PacketEvents events = new PacketEvents(new Simulator());
  private final List<String> calls = new ArrayList<>();

  /** Overrides every method: named after the event it was told of. */
  private final class Everything implements PacketObserver {
    private final String name;

    Everything(String name) {
      this.name = name;
    }

    private void told(String event) {
      calls.add(name + ":" + event);
    }

    @Override
    public void onSend(long time, Host host, Packet packet) {
      told("send");
    }

    @Override
    public void onReceive(long time, Host host, Packet packet) {
      told("receive");
    }

    @Override
    public void onForward(long time, Router router, Packet packet) {
      told("forward");
    }

    @Override
    public void onEnqueue(long time, LinkDirection link, Packet packet) {
      told("enqueue");
    }

    @Override
    public void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {
      told("dequeue");
    }

    @Override
    public void onTransmit(long time, LinkDirection link, Packet packet) {
      told("transmit");
    }

    @Override
    public void onDeliver(long time, LinkDirection link, Packet packet) {
      told("deliver");
    }

    @Override
    public void onMark(long time, Node node, LinkDirection link, Packet packet) {
      told("mark");
    }

    @Override
    public void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {
      told("duplicate");
    }

    @Override
    public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
      told("rule");
    }

    @Override
    public void onDrop(
        long time, Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
      told("drop");
    }
  }

  /** Overrides the queue's two events only, through a superclass. */
  private class Queues implements PacketObserver {
    @Override
    public void onEnqueue(long time, LinkDirection link, Packet packet) {
      calls.add("queues:enqueue");
    }

    @Override
    public void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {
      calls.add("queues:dequeue");
    }
  }

  private final class SubQueues extends Queues {}

  private void everyEvent() {
    events.sent(null, null);
    events.received(null, null);
    events.forwarded(null, null);
    events.enqueued(null, null);
    events.dequeued(null, null, 0);
    events.transmitted(null, null);
    events.delivered(null, null);
    events.marked(null, null, null);
    events.duplicated(null, null, null);
    events.dropped(null, null, null, DropCause.QUEUE);
    events.discarded(null, null, DropCause.QUEUE);
  }

  @Test
  void anObserverOverridingEveryMethod_isToldEveryEvent_inTurnWithTheOthers() {
    events.add(new Everything("a"));
    events.add(new SubQueues());
    events.add(new Everything("b"));

    everyEvent();

    assertThat(calls)
        .containsExactly(
            "a:send",
            "b:send",
            "a:receive",
            "b:receive",
            "a:forward",
            "b:forward",
            "a:enqueue",
            "queues:enqueue",
            "b:enqueue",
            "a:dequeue",
            "queues:dequeue",
            "b:dequeue",
            "a:transmit",
            "b:transmit",
            "a:deliver",
            "b:deliver",
            "a:mark",
            "b:mark",
            "a:duplicate",
            "b:duplicate",
            "a:drop",
            "b:drop",
            "a:drop",
            "b:drop");
  }

  @Test
  void anObserverOverridingSomeMethods_isToldThoseEventsOnly() {
    events.add(new SubQueues());
    events.add(new PacketObserver() {});

    everyEvent();

    assertThat(calls).containsExactly("queues:enqueue", "queues:dequeue");
  }

  @Test
  void everyMethodOfPacketObserver_isOverriddenByTheObserverOfThisTest() {
    // the events above cover what PacketObserver declares: a new method needs its own dispatch
    List<String> declared = new ArrayList<>();
    for (Method method : PacketObserver.class.getDeclaredMethods()) {
      declared.add(method.getName());
    }
    List<String> overridden = new ArrayList<>();
    for (Method method : Everything.class.getDeclaredMethods()) {
      if (method.getName().startsWith("on")) {
        overridden.add(method.getName());
      }
    }

    assertThat(overridden).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(Arrays.asList(PacketObserver.class.getDeclaredMethods())).hasSize(11);
  }
}
