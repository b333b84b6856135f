package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

/** A link direction reports each packet leaving its queue with the time it waited there. */
class QueueSojournTest {
  private final Simulator sim = new Simulator();
  private final Network net = new Network(sim, new RandomStreams(1));
  private final Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
  private final Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
  private final List<String> seen = new ArrayList<>();

  /** 8 Mbit/s: a packet of 1000 bytes (980 of payload) takes 1 ms to send. */
  private void connect(QueueDiscipline.Spec queue) {
    net.connect(
        a,
        b,
        LinkConfig.builder().bandwidth(8_000_000).delay(0).queue(queue).build(),
        LinkConfig.ideal());
    net.computeRoutes();
    b.register(TestPayload.PROTOCOL, packet -> {});
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onEnqueue(long time, LinkDirection link, Packet packet) {
            seen.add("enq " + Time.format(time) + " queued=" + link.queuedPackets());
          }

          @Override
          public void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {
            seen.add(
                "deq "
                    + Time.format(time)
                    + " waited="
                    + Time.format(sojourn)
                    + " queued="
                    + link.queuedPackets()
                    + "/"
                    + link.queuedBytes());
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            seen.add("drop " + Time.format(time) + " " + cause.traceName());
          }
        });
  }

  private void sendAt(long time, int count) {
    sim.scheduleAt(
        time,
        () -> {
          for (int i = 0; i < count; i++) {
            a.send(b.address(), TestPayload.of("p", 980 - 8), null);
          }
        });
  }

  @Test
  void threePacketsAtOnce_waitZeroOneAndTwoTransmissionTimes() {
    connect(new DropTailQueue.Spec(10, 0));
    sendAt(Time.millis(5), 3);
    sim.run();
    assertThat(seen)
        .containsExactly(
            "enq 5ms queued=1",
            "deq 5ms waited=0s queued=0/0",
            "enq 5ms queued=1",
            "enq 5ms queued=2",
            "deq 6ms waited=1ms queued=1/1000",
            "deq 7ms waited=2ms queued=0/0");
  }

  @Test
  void aFullQueue_refusesWithoutADequeue() {
    connect(new DropTailQueue.Spec(1, 0));
    sendAt(0, 3);
    sim.run();
    assertThat(seen)
        .containsExactly(
            "enq 0s queued=1",
            "deq 0s waited=0s queued=0/0",
            "enq 0s queued=1",
            "drop 0s queue",
            "deq 1ms waited=1ms queued=0/0");
  }
}
