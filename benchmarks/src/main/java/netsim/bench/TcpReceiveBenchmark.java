package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpSegment;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The TCP receive path on its own: one operation is {@link TcpStack#receive} of an acknowledgment
 * for one of {@code connections} ESTABLISHED connections (in turn), which demultiplexes it by
 * 4-tuple and runs it through the connection's state machine (acceptability, ACK and window
 * processing, timers). The connections are idle, so nothing is sent in reply: what {@code -prof gc}
 * reports is what receiving costs, apart from any answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TcpReceiveBenchmark {
  private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");

  @Param({"1", "10000"})
  public int connections;

  private TcpStack stack;
  private TcpSegment[] acks;
  private int next;

  @Setup
  public void setUp() {
    stack =
        new TcpStack(
            new Simulator(),
            new RandomStreams(1),
            "server",
            SERVER,
            TcpConfig.defaults(),
            (destination, segment, state, ecn) -> {});
    stack.listen(80, connections, child -> new TcpHandler() {});
    acks = new TcpSegment[connections];
    for (int i = 0; i < connections; i++) {
      int port = 1024 + i;
      stack.receive(CLIENT, SERVER, TcpSegment.builder(port, 80).flags(TcpFlags.SYN).build());
    }
    int i = 0;
    for (TcpConnection child : stack.connections()) {
      acks[i] =
          TcpSegment.builder(child.remote().port(), 80)
              .seq(1)
              .ack(child.info().iss() + 1)
              .window(0xFFFF)
              .flags(TcpFlags.ACK)
              .build();
      stack.receive(CLIENT, SERVER, acks[i]);
      if (child.state() != TcpState.ESTABLISHED) {
        throw new IllegalStateException(child + " is " + child.state());
      }
      i++;
    }
  }

  @Benchmark
  public boolean receiveAck() {
    TcpSegment ack = acks[next];
    next = next + 1 == acks.length ? 0 : next + 1;
    return stack.receive(CLIENT, SERVER, ack);
  }
}
