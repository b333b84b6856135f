package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Router;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.ReceivedData;
import netsim.tcp.SharedBytes;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpStack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole TCP bulk transfer: {@code megabytes} MB from a client to a server over client - router -
 * server (100 Mbit/s, 10 ms per hop), with {@code loss} random loss on the data path. One operation
 * is the whole simulation, from the SYN to the last FIN. The run is deterministic, so {@link #main}
 * prints its event count and simulated duration once; events per wall second and simulated seconds
 * per wall second follow from the measured time. The simulated duration includes the client's 60 s
 * of TIME-WAIT after the transfer, so the transfer's own duration (from the SYN to the last byte's
 * delivery) and the events until then are printed too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class TcpBulkTransferBenchmark {

  @Param({"100"})
  public int megabytes;

  @Param({"0.01"})
  public double loss;

  /**
   * Loss recovery: {@code none} for NewReno without SACK (the recorded figure), or a SACK recovery
   * variant ({@code rfc6675}, {@code prr}, {@code prr-crb}, {@code rack-tlp}) with SACK permitted
   * on both ends, for issue 13's "SACK within 1.3x of NewReno in the same run".
   */
  @Param({NO_SACK})
  public String sack;

  /** The {@link #sack} value that runs NewReno without SACK. */
  public static final String NO_SACK = "none";

  /** What one transfer did: for the figures in RESULTS.md. */
  public record Outcome(
      long events, long simulatedNanos, long delivered, long transferEvents, long transferNanos) {}

  @Benchmark
  public Outcome transfer() {
    return run(megabytes, loss, sack);
  }

  /** Runs one transfer with NewReno and no SACK. */
  public static Outcome run(int megabytes, double loss) {
    return run(megabytes, loss, NO_SACK);
  }

  /** Runs one transfer with the given loss recovery ({@link #sack}). */
  public static Outcome run(int megabytes, double loss, String sack) {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(1));
    Host client = net.addHost("client", Ipv4Address.parse("10.0.1.1"));
    Router router = net.addRouter("router");
    Host server = net.addHost("server", Ipv4Address.parse("10.0.2.1"));
    LinkConfig clean = LinkConfig.builder().bandwidth(100_000_000).delay(Time.millis(10)).build();
    LinkConfig lossy = clean.toBuilder().loss(loss).build();
    net.connect(client, router, lossy, clean);
    net.connect(router, server, clean, clean);
    net.computeRoutes();
    TcpConfig.Builder config =
        TcpConfig.builder().sendBuffer(1 << 22).receiveBuffer(1 << 22).minRto(Time.millis(200));
    if (!sack.equals(NO_SACK)) {
      config.sackPermitted(true).sackRecovery(sack);
    }
    TcpConfig tcp = config.build();
    TcpStack clientTcp = TcpStack.install(client, tcp);
    TcpStack serverTcp = TcpStack.install(server, tcp);
    long total = (long) megabytes * 1_000_000;
    long[] delivered = new long[1];
    long[] transferEnd = new long[2]; // simulated time and executed events at the last byte
    serverTcp.listen(
        80,
        1,
        child ->
            new TcpHandler() {
              @Override
              public void onData(TcpConnection connection, ReceivedData data) {
                delivered[0] += data.length();
                if (delivered[0] == total) {
                  transferEnd[0] = sim.now();
                  transferEnd[1] = sim.executedEvents();
                }
              }

              @Override
              public void onPeerClosed(TcpConnection connection) {
                connection.close();
              }
            });
    SharedBytes chunk = SharedBytes.zeros(64 * 1024); // referred to by the send buffer, not copied
    clientTcp.connect(
        new Endpoint(server.address(), 80),
        new TcpHandler() {
          private long written;

          @Override
          public void onEstablished(TcpConnection connection) {
            write(connection);
          }

          @Override
          public void onWritable(TcpConnection connection) {
            write(connection);
          }

          private void write(TcpConnection connection) {
            while (written < total) {
              int accepted =
                  connection.send(chunk, 0, (int) Math.min(chunk.length(), total - written));
              written += accepted;
              if (accepted == 0) {
                return;
              }
            }
            connection.close();
          }
        });
    sim.run();
    if (delivered[0] != total) {
      throw new IllegalStateException("delivered " + delivered[0] + " of " + total + " bytes");
    }
    return new Outcome(
        sim.executedEvents(), sim.now(), delivered[0], transferEnd[1], transferEnd[0]);
  }

  /** Prints the deterministic figures of one transfer: events and simulated time. */
  public static void main(String[] args) {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    double loss = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
    String sack = args.length > 2 ? args[2] : NO_SACK;
    Outcome outcome = run(megabytes, loss, sack);
    System.out.println(
        "megabytes="
            + megabytes
            + " loss="
            + loss
            + " sack="
            + sack
            + " events="
            + outcome.events()
            + " simulated="
            + Time.format(outcome.simulatedNanos())
            + " delivered="
            + outcome.delivered()
            + " transfer-events="
            + outcome.transferEvents()
            + " transfer-duration="
            + Time.format(outcome.transferNanos()));
  }
}
