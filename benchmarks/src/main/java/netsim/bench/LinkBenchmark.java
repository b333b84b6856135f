package netsim.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Router;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.fault.Match;
import netsim.net.link.Jitter;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets per second through a two-hop path, host - router - host, on 1 Gbit/s links with 1 ms of
 * delay: {@code plain}; {@code loss} with 1% Bernoulli loss and {@code jitter} with 100 us of
 * netem-normal jitter (FIFO) on both forward hops; {@code loss+jitter} with both; and {@code
 * rules}: loss and jitter plus a chain of eight targeted fault rules on each forward hop, which
 * every packet is matched against (one rule drops the 500th packet of each batch's stream, the
 * others never match). Each invocation paces a batch of packets 10 us apart (below the line rate,
 * so queues stay short) and runs the simulation until the last one is delivered or lost; a result
 * is simulated packets sent per second of wall-clock time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LinkBenchmark {
  static final int BATCH = 10_000;
  private static final long SPACING = Time.micros(10);

  @Param({"plain", "loss", "jitter", "loss+jitter", "rules"})
  public String path;

  private Simulator sim;
  private Host client;
  private Host server;
  private Sender sender;
  private long received;

  /** A UDP-like datagram: an 8-byte header and zero-filled data, with a valid checksum. */
  static final class BenchPayload implements Payload {
    private final int dataLength;

    BenchPayload(int dataLength) {
      this.dataLength = dataLength;
    }

    @Override
    public int protocol() {
      return 17;
    }

    @Override
    public int length() {
      return 8 + dataLength;
    }

    @Override
    public void writeTo(ByteBuffer out, Ipv4Address source, Ipv4Address destination) {
      out.putShort((short) 1000)
          .putShort((short) 2000)
          .putShort((short) length())
          .putShort((short) 0)
          .put(new byte[dataLength]);
    }
  }

  /** Sends one packet per event, {@link #SPACING} apart, until a batch is out. */
  private final class Sender implements Runnable {
    private final Payload payload = new BenchPayload(972); // 1000 bytes on the wire
    private int left;

    @Override
    public void run() {
      client.send(server.address(), payload, null);
      if (--left > 0) {
        sim.schedule(SPACING, this);
      }
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(42));
    client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
    Router router = net.addRouter("router");
    server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
    LinkConfig plain = LinkConfig.builder().bandwidth(1_000_000_000L).delay(Time.millis(1)).build();
    LinkConfig forward =
        switch (path) {
          case "plain" -> plain;
          case "loss" -> plain.toBuilder().loss(0.01).build();
          case "jitter" -> plain.toBuilder().jitter(new Jitter.Normal(Time.micros(100))).build();
          case "loss+jitter", "rules" ->
              plain.toBuilder().loss(0.01).jitter(new Jitter.Normal(Time.micros(100))).build();
          default -> throw new IllegalArgumentException("unknown path " + path);
        };
    Link first = net.connect(client, router, forward, plain);
    Link second = net.connect(router, server, forward, plain);
    net.computeRoutes();
    if (path.equals("rules")) {
      addRules(first.aToB().faults());
      addRules(second.aToB().faults());
    }
    server.register(17, packet -> received++);
    sender = new Sender();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long twoHopPath() {
    sender.left = BATCH;
    sim.schedule(0, sender);
    sim.run();
    return received;
  }

  /** Eight rules of the kinds experiments write; only the last ever takes a packet. */
  private static void addRules(FaultChain chain) {
    int syn = 0x02;
    int ack = 0x10;
    chain.add(FaultRule.match(Match.builder().flags(syn).build()).drop());
    chain.add(
        FaultRule.match(Match.builder().flagsContain(syn | ack).build())
            .nth(1)
            .delay(Time.seconds(30)));
    chain.add(
        FaultRule.match(Match.builder().senderState("TIME_WAIT").flags(ack).dataLength(0).build())
            .nth(1)
            .drop());
    chain.add(FaultRule.match(Match.builder().destinationPort(80).build()).drop());
    chain.add(
        FaultRule.match(Match.builder().sourcePort(443).dataLength(0, 10).build()).duplicate());
    chain.add(FaultRule.match(Match.builder().sequenceNumber(12345).build()).corrupt());
    chain.add(FaultRule.match(Match.builder().senderNode("server").build()).drop());
    chain.add(
        FaultRule.match(Match.builder().senderNode("client").dataLength(972).build())
            .nth(500)
            .drop());
  }
}
