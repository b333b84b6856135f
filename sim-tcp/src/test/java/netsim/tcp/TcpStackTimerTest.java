package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.core.EventLog;
import netsim.core.EventQueue;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * How the stack drives a connection's timers on the simulator: a restart to a later deadline, as
 * every ACK of new data does to the retransmission timer (RFC 6298 5.3), leaves the queued expiry
 * in place (sim-core's lazy {@code Timer}); nothing is removed from or added to the event set.
 */
class TcpStackTimerTest {
  private static final Ipv4Address US = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.1");
  private static final int MSS = 536;

  /** The default event set, counting what is added and removed. */
  private static final class CountingQueue implements EventQueue {
    private final EventQueue queue = Simulator.DEFAULT_QUEUE.get();
    int added;
    int removed;

    @Override
    public long add(long time, long sequence, Runnable action) {
      added++;
      return queue.add(time, sequence, action);
    }

    @Override
    public boolean remove(long handle) {
      removed++;
      return queue.remove(handle);
    }

    @Override
    public long peekTime() {
      return queue.peekTime();
    }

    @Override
    public long peekSequence() {
      return queue.peekSequence();
    }

    @Override
    public Runnable peekAction() {
      return queue.peekAction();
    }

    @Override
    public Runnable poll() {
      return queue.poll();
    }

    @Override
    public int size() {
      return queue.size();
    }

    @Override
    public String name() {
      return "counting";
    }
  }

  private final CountingQueue queue = new CountingQueue();
  private final Simulator sim = new Simulator(queue);
  private final List<TcpSegment> sent = new ArrayList<>();
  private final TcpStack stack =
      new TcpStack(
          sim,
          new RandomStreams(1),
          "S",
          US,
          TcpHarness.CONFIG.toBuilder().nagle(false).build(),
          (destination, segment, state, ecn) -> sent.add(segment));

  private TcpSegment fromPeer(int flags, int seq, int ack) {
    return TcpSegment.builder(80, 5000).seq(seq).ack(ack).window(0xFFFF).flags(flags).build();
  }

  @Test
  void eachAckOfNewData_movesTheRetransmissionDeadlineLater_withoutTouchingTheEventSet() {
    TcpConnection connection = stack.connect(5000, new Endpoint(PEER, 80), new TcpHandler() {});
    int iss = connection.info().iss();
    stack.receive(PEER, US, fromPeer(TcpFlags.SYN | TcpFlags.ACK, 700, iss + 1));
    assertThat(connection.state()).isEqualTo(TcpState.ESTABLISHED);
    connection.send(new byte[4 * MSS]);
    sim.runUntil(Time.millis(10));
    assertThat(connection.info().bytesInFlight()).isEqualTo(4 * MSS);
    long deadline = connection.info().retransmitDeadline();
    int added = queue.added;
    int removed = queue.removed;

    for (int acked = 1; acked <= 3; acked++) {
      sim.runUntil(Time.millis(10 + 10 * acked));
      stack.receive(PEER, US, fromPeer(TcpFlags.ACK, 701, iss + 1 + acked * MSS));
      // RFC 6298 5.3: restarted to expire RTO after now.
      assertThat(connection.info().retransmitDeadline()).isGreaterThan(deadline);
      deadline = connection.info().retransmitDeadline();
    }

    assertThat(queue.added).isEqualTo(added);
    assertThat(queue.removed).isEqualTo(removed);
    // The expiry queued before the ACKs still comes when the latest deadline does, not earlier.
    sent.clear();
    sim.runUntil(deadline - 1);
    assertThat(sent).isEmpty();
    sim.runUntil(deadline);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).seq()).isEqualTo(iss + 1 + 3 * MSS);
  }

  @Test
  void aConnectionsTimerExpiries_areLabelledWithItsNodeAndFourTuple() {
    EventLog log = new EventLog();
    sim.addListener(log);
    stack.connect(5000, new Endpoint(PEER, 80), new TcpHandler() {});

    sim.runUntil(Time.seconds(2)); // the SYN's retransmission timeout

    assertThat(log.entries())
        .extracting(EventLog.Entry::label)
        .contains("tcp/S/10.0.0.2:5000-10.0.0.1:80");
  }

  @Test
  void aConnectionThatLeavesTheTable_hasNoEventLeftInTheSimulator() {
    TcpConnection connection = stack.connect(5000, new Endpoint(PEER, 80), new TcpHandler() {});
    assertThat(sim.pendingEvents()).isEqualTo(1); // the SYN's retransmission timer

    connection.abort(); // RFC 9293 3.10.5: SYN-SENT, ABORT: delete the TCB

    assertThat(connection.state()).isEqualTo(TcpState.CLOSED);
    assertThat(sim.pendingEvents()).isZero();
    sent.clear();
    sim.runUntil(Time.seconds(120));
    assertThat(sent).isEmpty();
  }
}
