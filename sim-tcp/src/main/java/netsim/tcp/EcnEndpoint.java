package netsim.tcp;

import static com.google.common.base.Preconditions.checkState;
import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.CWR;
import static netsim.tcp.TcpFlags.ECE;

import netsim.net.packet.Ecn;

/**
 * Explicit Congestion Notification at one TCP endpoint (RFC 3168 6.1): the negotiation in the
 * handshake, the receiver's echo of a Congestion Experienced mark, and the flags the sender owes
 * after reducing its window. The reduction itself is the send side's ({@link
 * SendSide#reduceForEcn}); which segments carry ECT(0) the connection decides, as only it knows a
 * retransmission and a window probe from new data.
 *
 * <p>A host that neither asks for nor accepts ECN ({@link EcnMode#OFF}) never changes an endpoint's
 * state, so all its connections share one ({@link #of}): among thousands of connections, one object
 * less of each is read on every segment.
 */
final class EcnEndpoint {
  /** The endpoint of every connection whose host has ECN off: nothing ever writes to it. */
  private static final EcnEndpoint OFF = new EcnEndpoint(EcnMode.OFF);

  private final EcnMode mode;

  /** Whether both ends agreed to use ECN (RFC 3168 6.1.1). */
  private boolean on;

  /** The receiver saw CE and echoes ECE until a segment with CWR arrives (RFC 3168 6.1.3). */
  private boolean echoing;

  /** The send side's count of window reductions that a CWR has announced (RFC 3168 6.1.2). */
  private long reductionsAnnounced;

  /**
   * SND.MAX (a send side position) at the send side's last reduction for an echo: the end of the
   * window it answered, before which no echo reduces it again (RFC 3168 6.1.2). Kept here, with the
   * rest of ECN's state, not in the send side every ACK reads.
   */
  private long reducedUntil;

  private EcnEndpoint(EcnMode mode) {
    this.mode = mode;
  }

  /** The endpoint of a new connection of a host with {@code mode}: the shared one for OFF. */
  static EcnEndpoint of(EcnMode mode) {
    return mode == EcnMode.OFF ? OFF : new EcnEndpoint(mode);
  }

  /** Whether ECN is in use on this connection. */
  boolean isOn() {
    return on;
  }

  /**
   * The ECN flags of our SYN or SYN,ACK (RFC 3168 6.1.1): an "ECN-setup SYN" carries ECE and CWR
   * when we ask for ECN; an "ECN-setup SYN-ACK" carries ECE alone once we accepted the peer's.
   */
  int synFlags(int flags) {
    if ((flags & ACK) == 0) {
      return mode == EcnMode.ON ? ECE | CWR : 0;
    }
    return on ? ECE : 0;
  }

  /**
   * The peer's SYN or SYN,ACK arrived. RFC 3168 6.1.1: a listener that accepts ECN uses it when the
   * SYN was an ECN-setup SYN (ECE and CWR); the active opener uses it when it asked and the SYN,ACK
   * is an ECN-setup SYN-ACK (ECE without CWR). A simultaneous open does not use ECN.
   *
   * @param passive whether we are the listener's side
   */
  void synArrived(TcpSegment syn, boolean passive) {
    if (mode == EcnMode.OFF) {
      return; // ECN stays off (and the shared endpoint unwritten)
    }
    if (syn.has(ACK)) {
      on = !passive && mode == EcnMode.ON && syn.has(ECE) && !syn.has(CWR);
    } else {
      on = passive && syn.has(ECE) && syn.has(CWR); // ON or PASSIVE: both accept
    }
  }

  /**
   * A segment that passed the sequence check arrived with codepoint {@code ecn}. RFC 3168 6.1.3:
   * CWR ends the echo, and CE (also on the same segment) starts it again.
   *
   * @return whether to acknowledge at once: the first CE of an episode, so that the sender hears of
   *     it without a delayed ACK's wait (as Linux's __tcp_ecn_check_ce enters quick-ACK mode)
   */
  boolean arrived(TcpSegment seg, Ecn ecn) {
    if (!on) {
      return false;
    }
    if (seg.has(CWR)) {
      echoing = false;
    }
    if (ecn == Ecn.CE && !echoing) {
      echoing = true;
      return true;
    }
    return false;
  }

  /**
   * Whether an echo may reduce the window once SND.UNA is at {@code sndUna}: RFC 3168 6.1.2, "the
   * TCP sender should not react to congestion indications more than once every window of data".
   */
  boolean mayReduceAt(long sndUna) {
    return sndUna >= reducedUntil;
  }

  /** The send side reduced its window for an echo with SND.MAX at {@code sndMax}. */
  void reducedUntil(long sndMax) {
    checkState(on, "ECN is off: nothing echoes");
    reducedUntil = sndMax;
  }

  /** ECE on every acknowledgment while echoing a CE (RFC 3168 6.1.3). */
  int ackFlags() {
    return on && echoing ? ECE : 0;
  }

  /**
   * The flags of a segment of new data: CWR on the first one after the send side reduced its
   * window, for any reason ({@code reductions} counts them; RFC 3168 6.1.2).
   */
  int newDataFlags(long reductions) {
    if (on && reductions != reductionsAnnounced) {
      reductionsAnnounced = reductions;
      return CWR;
    }
    return 0;
  }
}
