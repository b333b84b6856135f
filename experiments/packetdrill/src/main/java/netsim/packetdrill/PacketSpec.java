package netsim.packetdrill;

import java.util.List;
import netsim.net.packet.Ecn;
import netsim.tcp.TcpFlags;

/**
 * A packet line: {@code < S 0:0(0) win 65535 <mss 1460>} injects a segment, {@code > S. 0:0(0) ack
 * 1 <...>} expects one. Sequence numbers are in script space: relative to the ISN of the side that
 * sends the segment, as packetdrill prints them.
 *
 * @param inbound true for {@code <} (from the remote side to the endpoint under test)
 * @param flags the control bits, as {@link TcpFlags}
 * @param startSeq the first sequence number, or {@link #ANY_SEQ} for {@code ...(length)} on an
 *     outbound line (any sequence number)
 * @param length the payload length in bytes
 * @param ack the acknowledgment number, or null when the line has none
 * @param window the window field, or null when the line has none (not compared)
 * @param urgent the urgent pointer, or null
 * @param options the TCP options, or null for {@code <...>} (not compared); an empty list when the
 *     line gives none
 * @param ecn the IP packet's ECN field ({@code [ect0]}): checked on an outbound packet, set on an
 *     inbound one; null when the line gives none (not compared; inbound: Not-ECT)
 */
record PacketSpec(
    boolean inbound,
    int flags,
    long startSeq,
    int length,
    Long ack,
    Integer window,
    Integer urgent,
    List<TcpOptionSpec> options,
    Ecn ecn)
    implements Action {

  /** The start of {@code > S. ...(0)}: the sequence number is not compared. */
  static final long ANY_SEQ = -1;

  /** A packet line without IP fields: its ECN field is not checked, or injected as Not-ECT. */
  PacketSpec(
      boolean inbound,
      int flags,
      long startSeq,
      int length,
      Long ack,
      Integer window,
      Integer urgent,
      List<TcpOptionSpec> options) {
    this(inbound, flags, startSeq, length, ack, window, urgent, options, null);
  }
}
