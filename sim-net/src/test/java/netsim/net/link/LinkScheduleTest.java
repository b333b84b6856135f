package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.EventLog;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.LinkSchedule;
import netsim.net.Network;
import netsim.net.Router;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

class LinkScheduleTest {

  @Test
  void aLossRateThatRisesAtFiveSeconds_changesTheMeasuredLossFromThen() {
    int perPhase = 50_000;
    long spacing = Time.micros(100); // 50,000 packets in 5 s
    LinkRun run = LinkRun.over(LinkConfig.builder().loss(0.01).build(), 61);
    new LinkSchedule(run.net)
        .update(run.direction(), Time.seconds(5), config -> config.toBuilder().loss(0.2).build());
    run.send(2 * perPhase, spacing).run();
    long before = 0;
    long after = 0;
    for (long seq : run.lostSequences()) {
      if (seq * spacing < Time.seconds(5)) {
        before++;
      } else {
        after++;
      }
    }
    Theory.assertBinomial("losses before 5 s", before, perPhase, 0.01);
    Theory.assertBinomial("losses from 5 s", after, perPhase, 0.2);
    assertThat(run.direction().config().loss()).isEqualTo(new LossModel.Bernoulli(0.2));
  }

  @Test
  void reconfigure_replacesTheWholeConfigAtItsTime() {
    LinkRun run = LinkRun.over(LinkConfig.ideal(), 62);
    LinkConfig slow = LinkConfig.builder().delay(Time.millis(30)).build();
    new LinkSchedule(run.net).reconfigure(run.direction(), Time.millis(5), slow);
    run.send(10, Time.millis(1)).run();
    long[] delays = run.delays();
    assertThat(delays)
        .containsExactly(
            0,
            0,
            0,
            0,
            0,
            Time.millis(30),
            Time.millis(30),
            Time.millis(30),
            Time.millis(30),
            Time.millis(30));
  }

  @Test
  void aNewQueueDiscipline_takesOverTheWaitingPacketsInOrder_withoutTheOldOnesDropLaw() {
    // 1000-byte packets at 8 Mbit/s take 1 ms each; 300 sent at once wait in CoDel, which drops
    // at 105 ms and would drop again at 205 ms. At 205 ms the queue becomes drop-tail: the
    // hand-over must not run CoDel's dequeue (and its drop) over the waiting packets.
    LinkConfig codel =
        LinkConfig.builder().bandwidth(8_000_000).queue(CoDelQueue.Spec.of(1000)).build();
    LinkRun run = LinkRun.over(codel, 65);
    DropTailQueue.Spec dropTail = new DropTailQueue.Spec(1000, 0);
    new LinkSchedule(run.net)
        .update(
            run.direction(),
            Time.millis(205),
            config -> config.toBuilder().queue(dropTail).build());
    for (int i = 0; i < 300; i++) {
      run.client.send(
          run.server.address(), new TestPayload("p", 1000, 2000, 1000 - 28, 0, i), null);
    }
    run.run();
    assertThat(run.direction().config().queue()).isEqualTo(dropTail);
    assertThat(run.fates())
        .filteredOn(f -> f.what().startsWith("drop"))
        .extracting(LinkRun.Fate::time)
        .containsExactly(Time.millis(105));
    assertThat(run.arrivalSequences()).hasSize(299).isSorted();
  }

  @Test
  void aLinkScheduledDownAndUp_dropsWhatIsSentWhileDown() {
    LinkRun run = LinkRun.over(LinkConfig.ideal(), 63);
    LinkSchedule schedule = new LinkSchedule(run.net);
    schedule.down(run.link, Time.millis(3));
    schedule.up(run.link, Time.millis(7));
    run.send(10, Time.millis(1)).run();
    assertThat(run.lostSequences()).containsExactly(3L, 4L, 5L, 6L);
    assertThat(run.counters().dropped(DropCause.DOWN)).isEqualTo(4);
  }

  /** client - r1 - r2 - server, ideal links; the client sends every ms for a second. */
  private static final class Path {
    final Simulator sim = new Simulator();
    final Network net = new Network(sim, new RandomStreams(64));
    final Host client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
    final Router r1 = net.addRouter("r1");
    final Router r2 = net.addRouter("r2");
    final Host server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
    final Link clientR1 = net.connect(client, r1, LinkConfig.ideal(), LinkConfig.ideal());
    final Link r1R2 = net.connect(r1, r2, LinkConfig.ideal(), LinkConfig.ideal());
    final Link r2Server = net.connect(r2, server, LinkConfig.ideal(), LinkConfig.ideal());
    final List<Long> received = new ArrayList<>();
    final LinkSchedule schedule = new LinkSchedule(net);

    Path() {
      net.computeRoutes();
      server.register(
          TestPayload.PROTOCOL, packet -> received.add(packet.payload().sequenceNumber()));
    }

    void sendEveryMillisecond(int count) {
      for (int i = 0; i < count; i++) {
        long seq = i;
        sim.scheduleAt(
            i * Time.MILLISECOND,
            () ->
                client.send(server.address(), new TestPayload("p", 1000, 2000, 10, 0, seq), null));
      }
    }
  }

  @Test
  void aPartition_dropsExactlyThePacketsSentDuringIt() {
    Path path = new Path();
    List<Link> cut =
        path.schedule.partition(List.of(path.client, path.r1), Time.millis(300), Time.millis(700));
    path.sendEveryMillisecond(1000);
    path.sim.run();
    assertThat(cut).containsExactly(path.r1R2);
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < 1000; seq++) {
      if (seq < 300 || seq >= 700) {
        expected.add(seq);
      }
    }
    assertThat(path.received).isEqualTo(expected);
    assertThat(path.r1R2.aToB().counters().dropped(DropCause.DOWN)).isEqualTo(400);
    assertThat(path.clientR1.aToB().counters().droppedTotal()).isZero();
    assertThat(path.r1R2.aToB().isUp()).isTrue();
  }

  @Test
  void aPartition_cutsEveryLinkAcrossTheCut_andNoOther() {
    Path path = new Path();
    assertThat(path.schedule.crossing(List.of(path.r1))).containsExactly(path.clientR1, path.r1R2);
    assertThat(path.schedule.crossing(List.of(path.client, path.r1, path.r2)))
        .containsExactly(path.r2Server);
    assertThat(path.schedule.crossing(path.net.nodes())).isEmpty();
  }

  @Test
  void aPartitionWithoutRepair_lastsForGood_andRepairHealsIt() {
    Path path = new Path();
    path.schedule.partition(List.of(path.server), Time.millis(100));
    path.schedule.repair(List.of(path.server), Time.millis(900));
    path.sendEveryMillisecond(1000);
    path.sim.run();
    assertThat(path.received).hasSize(200).startsWith(0L, 1L).endsWith(998L, 999L);
  }

  @Test
  void scheduledChanges_areLabelledEvents() {
    Path path = new Path();
    EventLog log = new EventLog();
    path.sim.addListener(log);
    path.schedule.partition(List.of(path.client), Time.millis(1), Time.millis(2));
    path.sim.run();
    assertThat(log.entries())
        .extracting(EventLog.Entry::label)
        .containsExactly("link-schedule/down client-r1", "link-schedule/up client-r1");
  }

  @Test
  void badSchedules_areRejectedWithTheirValues() {
    Path path = new Path();
    assertThatThrownBy(
            () -> path.schedule.partition(List.of(path.client), Time.millis(5), Time.millis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a partition must end after it starts, got 5ms to 5ms");
    Network other = new Network(new Simulator(), new RandomStreams(1));
    Host stranger = other.addHost("stranger", Ipv4Address.parse("10.9.9.9"));
    assertThatThrownBy(() -> path.schedule.crossing(List.of(stranger)))
        .hasMessage("node stranger is not in this network");
    path.sim.runUntil(Time.millis(10));
    assertThatThrownBy(() -> path.schedule.down(path.r1R2, Time.millis(5)))
        .hasMessage("cannot schedule in the past: 5000000 < now 10000000");
  }
}
