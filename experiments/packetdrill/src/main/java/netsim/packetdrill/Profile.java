package netsim.packetdrill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Locale;
import netsim.core.Time;
import netsim.tcp.HostProfile;
import netsim.tcp.TcpConfig;

/**
 * What is a host's choice rather than TCP's rule, so that a script written on Linux or FreeBSD can
 * run against the model with that host's defaults, or with those values not compared. Each knob is
 * described in {@code docs/packetdrill.md}.
 *
 * @param name "rfc", "linux" or "freebsd" (or a name of one's own)
 * @param tcp the model's configuration: MSS, receive and send buffers (the advertised window and
 *     window scale follow from the receive buffer), initial window, delayed ACK, initial and
 *     minimum RTO, MSL, which options are offered, RFC 5961 and RFC 1337 behaviour, SYN in
 *     TIME-WAIT
 * @param compareWindow whether {@code win N} on an outbound line is compared (the advertised window
 *     is the host's choice)
 * @param compareWindowScale whether the value of a {@code wscale} option on an outbound line is
 *     compared: the shift is the host's rule, which the rfc and freebsd profiles follow; Linux
 *     sizes it from {@code tcp_rmem} and {@code rmem_max}, which the machines that wrote its suite
 *     set above the linux profile's 6 MiB (their scripts expect 8, the profile offers 7)
 * @param compareOptions whether the TCP options of an outbound line are compared at all
 * @param strictOptionOrder whether options must come in the script's order with the same NOP and
 *     EOL padding (packetdrill's rule); when false, they are compared as a set
 * @param reportedReceiveBuffer what {@code getsockopt(SO_RCVBUF)} reports, or -1 to accept whatever
 *     the script expects
 * @param reportedSendBuffer what {@code getsockopt(SO_SNDBUF)} reports, or -1 likewise
 * @param nonBlockFlag the value of {@code O_NONBLOCK} in {@code fcntl(F_GETFL)} results
 * @param tolerance the default timing tolerance (packetdrill's {@code --tolerance_usecs})
 */
public record Profile(
    String name,
    TcpConfig tcp,
    boolean compareWindow,
    boolean compareWindowScale,
    boolean compareOptions,
    boolean strictOptionOrder,
    int reportedReceiveBuffer,
    int reportedSendBuffer,
    int nonBlockFlag,
    long tolerance) {

  /** FreeBSD's net.inet.tcp.recvspace: the receive buffer a socket starts with (tcp(4)). */
  static final int FREEBSD_RECVSPACE = 64 * 1024;

  /** packetdrill's default tolerance: 4 ms. */
  public static final long DEFAULT_TOLERANCE = 4 * Time.MILLISECOND;

  public Profile {
    checkNotNull(name, "name");
    checkNotNull(tcp, "tcp");
    checkArgument(tolerance >= 0, "tolerance must not be negative: %s", tolerance);
  }

  /**
   * The RFC defaults of {@link TcpConfig#defaults()}; everything is compared except the order of
   * options, which no RFC fixes.
   */
  public static Profile rfc() {
    TcpConfig tcp = TcpConfig.defaults();
    return new Profile(
        "rfc",
        tcp,
        true,
        true,
        true,
        false,
        tcp.receiveBuffer(),
        tcp.sendBuffer(),
        0x800,
        DEFAULT_TOLERANCE);
  }

  /**
   * Linux's defaults ({@link HostProfile#LINUX}). Windows are not compared (Linux sizes them from
   * memory); options are compared in order, since netsim writes them in Linux's order.
   */
  public static Profile linux() {
    TcpConfig tcp = TcpConfig.builder().profile(HostProfile.LINUX).build();
    return new Profile("linux", tcp, false, false, true, true, -1, -1, 0x800, DEFAULT_TOLERANCE);
  }

  /**
   * FreeBSD's defaults ({@link HostProfile#FREEBSD}). A script's socket starts with FreeBSD's
   * receive buffer, {@code net.inet.tcp.recvspace} (64 KiB; FreeBSD grows it by autotuning, which
   * the model does not do, up to the profile's 2 MiB, for which it offers window scale 6 as FreeBSD
   * does). Windows are not compared and options are compared as a set (FreeBSD writes MSS, window
   * scale, SACK permitted, timestamps).
   */
  public static Profile freebsd() {
    TcpConfig tcp =
        TcpConfig.builder().profile(HostProfile.FREEBSD).receiveBuffer(FREEBSD_RECVSPACE).build();
    return new Profile("freebsd", tcp, false, true, true, false, -1, -1, 0x4, DEFAULT_TOLERANCE);
  }

  /** The names {@link #named} knows. */
  public static List<String> names() {
    return List.of("rfc", "linux", "freebsd");
  }

  /**
   * The profile called {@code name}.
   *
   * @throws IllegalArgumentException naming the known profiles
   */
  public static Profile named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "rfc" -> rfc();
      case "linux" -> linux();
      case "freebsd" -> freebsd();
      default ->
          throw new IllegalArgumentException(
              "unknown profile '" + name + "' (known: " + String.join(", ", names()) + ")");
    };
  }

  /** This profile with another TCP configuration (for a variant such as RFC 1337). */
  public Profile withTcp(String variantName, TcpConfig config) {
    return new Profile(
        variantName,
        config,
        compareWindow,
        compareWindowScale,
        compareOptions,
        strictOptionOrder,
        reportedReceiveBuffer == tcp.receiveBuffer()
            ? config.receiveBuffer()
            : reportedReceiveBuffer,
        reportedSendBuffer == tcp.sendBuffer() ? config.sendBuffer() : reportedSendBuffer,
        nonBlockFlag,
        tolerance);
  }
}
