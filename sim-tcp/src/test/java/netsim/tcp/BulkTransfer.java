package netsim.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.Router;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;

/**
 * One bulk transfer from a client to a server over client - router - server: the client writes
 * {@code size} pseudo-random bytes (from a named stream) as fast as its send buffer takes them
 * (copied, or as {@link SharedBytes} it refers to), then closes; the server reads everything and
 * closes when it sees the end. The result holds what the server received and a digest of every
 * packet event, for oracles and determinism checks.
 */
final class BulkTransfer {
  static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.1.1");
  static final Ipv4Address SERVER = Ipv4Address.parse("10.0.2.1");

  /** What happened. */
  record Result(
      byte[] sent,
      byte[] received,
      long establishedAt,
      long finishedAt,
      long retransmissions,
      long timeouts,
      String traceDigest,
      TcpState clientState,
      TcpState serverState,
      long packetsDropped,
      long packetsMarked) {

    boolean receivedEverythingInOrder() {
      return Arrays.equals(sent, received);
    }

    /** Application bytes per second from the handshake to the last byte received. */
    double goodputBytesPerSecond() {
      return received.length / ((finishedAt - establishedAt) / 1e9);
    }
  }

  private LinkConfig access =
      LinkConfig.builder().bandwidth(1_000_000_000L).delay(1_000_000).build();
  private LinkConfig bottleneckForward = access;
  private LinkConfig bottleneckBackward = access;
  private TcpConfig clientConfig = TcpConfig.defaults();
  private TcpConfig serverConfig = TcpConfig.defaults();
  private int size = 100_000;
  private long deadline = Long.MAX_VALUE;
  private boolean shared;

  BulkTransfer access(LinkConfig config) {
    this.access = config;
    return this;
  }

  /** The router-to-server link: {@code forward} carries the data, {@code backward} the ACKs. */
  BulkTransfer bottleneck(LinkConfig forward, LinkConfig backward) {
    this.bottleneckForward = forward;
    this.bottleneckBackward = backward;
    return this;
  }

  BulkTransfer tcp(TcpConfig config) {
    this.clientConfig = config;
    this.serverConfig = config;
    return this;
  }

  BulkTransfer size(int bytes) {
    this.size = bytes;
    return this;
  }

  /** The client writes its bytes as {@link SharedBytes}, which its send buffer refers to. */
  BulkTransfer shared() {
    this.shared = true;
    return this;
  }

  /** Stops the run at this virtual time even if the transfer has not finished. */
  BulkTransfer deadline(long time) {
    this.deadline = time;
    return this;
  }

  Result run(long seed) {
    Simulator sim = new Simulator();
    RandomStreams streams = new RandomStreams(seed);
    Network net = new Network(sim, streams);
    Host client = net.addHost("client", CLIENT);
    Router router = net.addRouter("router");
    Host server = net.addHost("server", SERVER);
    net.connect(client, router, access, access);
    net.connect(router, server, bottleneckForward, bottleneckBackward);
    net.computeRoutes();
    MessageDigest digest = sha256();
    long[] dropped = new long[1];
    long[] marked = new long[1];
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onReceive(long time, Host host, Packet packet) {
            digest.update(
                (time + " " + host.name() + " " + packet.payload() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            dropped[0]++;
            digest.update(
                (time + " drop " + cause + " " + packet.payload() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public void onMark(long time, Node node, LinkDirection link, Packet packet) {
            marked[0]++;
            digest.update(
                (time + " mark " + packet.payload() + "\n").getBytes(StandardCharsets.UTF_8));
          }
        });
    TcpStack clientTcp = TcpStack.install(client, clientConfig);
    long[] timeouts = new long[1];
    clientTcp.addObserver(
        new TcpObserver() {
          @Override
          public void onRetransmit(
              long time, FourTuple connection, TcpSegment segment, RetransmitReason reason) {
            if (reason == RetransmitReason.RTO) {
              timeouts[0]++;
            }
          }
        });
    TcpStack serverTcp = TcpStack.install(server, serverConfig);

    byte[] data = new byte[size];
    streams.get("test/payload").nextBytes(data);
    SharedBytes sharedData = shared ? SharedBytes.copyOf(data) : null;
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    long[] times = {-1, -1};
    TcpConnection[] serverSide = new TcpConnection[1];
    serverTcp.listen(
        80,
        8,
        child -> {
          serverSide[0] = child;
          return new TcpHandler() {
            @Override
            public void onData(TcpConnection connection, ReceivedData bytes) {
              received.writeBytes(bytes.toArray());
              times[1] = sim.now();
            }

            @Override
            public void onPeerClosed(TcpConnection connection) {
              connection.close();
            }
          };
        });
    TcpConnection clientSide =
        clientTcp.connect(
            new Endpoint(SERVER, 80),
            new TcpHandler() {
              private int written;

              @Override
              public void onEstablished(TcpConnection connection) {
                times[0] = sim.now();
                write(connection);
              }

              @Override
              public void onWritable(TcpConnection connection) {
                write(connection);
              }

              private void write(TcpConnection connection) {
                while (written < data.length) {
                  int accepted =
                      sharedData == null
                          ? connection.send(data, written, data.length - written)
                          : connection.send(sharedData, written, data.length - written);
                  written += accepted;
                  if (accepted == 0) {
                    return;
                  }
                }
                connection.close();
              }
            });
    sim.runUntil(deadline == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : deadline);
    TcpState serverState = serverSide[0] == null ? TcpState.CLOSED : serverSide[0].state();
    return new Result(
        data,
        received.toByteArray(),
        times[0],
        times[1],
        clientSide.info().retransmissions(),
        timeouts[0],
        HexFormat.of().formatHex(digest.digest()),
        clientSide.state(),
        serverState,
        dropped[0],
        marked[0]);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
