package netsim.udp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import netsim.net.Host;
import netsim.net.ProtocolHandler;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;

/**
 * The UDP of one host (RFC 768): applications bind ports and send datagrams from them; an arriving
 * datagram goes to the application bound to its destination port, or is dropped ({@link
 * DropCause#NO_PORT}) when there is none. No state, no retransmission, no ICMP.
 */
public final class UdpStack implements ProtocolHandler {
  /** The first ephemeral port (RFC 6335's dynamic range), as TCP's. */
  public static final int FIRST_EPHEMERAL_PORT = 49152;

  private static final int PORTS = 65536;

  private final Host host;

  /** The ports bound, ascending, and the application of each: a host binds a few. */
  private int[] boundPorts = new int[0];

  private UdpReceiver[] receivers = new UdpReceiver[0];

  /** The ports in use (bound or reserved for sending), ascending. */
  private int[] taken = new int[0];

  private int nextEphemeral = FIRST_EPHEMERAL_PORT;
  private long received;

  private UdpStack(Host host) {
    this.host = host;
  }

  /** Installs a UDP on {@code host} (IP protocol 17). */
  public static UdpStack install(Host host) {
    UdpStack stack = new UdpStack(checkNotNull(host, "host"));
    host.register(UdpDatagram.PROTOCOL, stack);
    return stack;
  }

  public Host host() {
    return host;
  }

  /** Binds {@code port} to {@code receiver}: datagrams to that port go to it. */
  public void bind(int port, UdpReceiver receiver) {
    checkArgument(port > 0 && port < PORTS, "port out of range 1-65535: %s", port);
    checkNotNull(receiver, "receiver");
    reserve(port);
    int at = -Arrays.binarySearch(boundPorts, port) - 1;
    boundPorts = insert(boundPorts, at, port);
    receivers = Arrays.copyOf(receivers, receivers.length + 1);
    System.arraycopy(receivers, at, receivers, at + 1, receivers.length - 1 - at);
    receivers[at] = receiver;
  }

  private static int[] insert(int[] sorted, int at, int value) {
    int[] grown = Arrays.copyOf(sorted, sorted.length + 1);
    System.arraycopy(grown, at, grown, at + 1, sorted.length - at);
    grown[at] = value;
    return grown;
  }

  private boolean isTaken(int port) {
    return Arrays.binarySearch(taken, port) >= 0;
  }

  /** Reserves {@code port} for sending (a source that receives nothing), failing if it is taken. */
  public int reserve(int port) {
    checkArgument(port > 0 && port < PORTS, "port out of range 1-65535: %s", port);
    int at = Arrays.binarySearch(taken, port);
    checkState(at < 0, "%s: UDP port %s is in use already", host.name(), port);
    taken = insert(taken, -at - 1, port);
    return port;
  }

  /** Reserves the next free ephemeral port, from 49152 up. */
  public int reserveEphemeral() {
    for (int i = FIRST_EPHEMERAL_PORT; i < PORTS; i++) {
      int port = nextEphemeral;
      nextEphemeral = port == PORTS - 1 ? FIRST_EPHEMERAL_PORT : port + 1;
      if (!isTaken(port)) {
        return reserve(port);
      }
    }
    throw new IllegalStateException(host.name() + " has no free ephemeral UDP port");
  }

  /**
   * Sends a datagram of {@code dataLength} bytes from {@code sourcePort} to {@code destination}'s
   * {@code destinationPort}, stamped with its {@code number} and the time now.
   *
   * @return the packet sent
   */
  public Packet send(
      int sourcePort, Ipv4Address destination, int destinationPort, int dataLength, long number) {
    UdpDatagram datagram =
        new UdpDatagram(
            sourcePort, destinationPort, dataLength, number, host.network().simulator().now());
    return host.send(destination, datagram, null);
  }

  /** Datagrams handed to a bound application so far. */
  public long received() {
    return received;
  }

  @Override
  public void receive(Packet packet) {
    UdpDatagram datagram = (UdpDatagram) packet.payload();
    int at = Arrays.binarySearch(boundPorts, datagram.destinationPort());
    if (at < 0) {
      host.discard(packet, DropCause.NO_PORT);
      return;
    }
    received++;
    receivers[at].receive(host.network().simulator().now(), packet.source(), datagram);
  }
}
