package netsim.tcp;

import netsim.core.Time;

/**
 * The receiving side of RFC 7323's timestamps: TS.Recent, the peer's timestamp that our segments
 * echo, with the time it was taken (TS.Recent.Age) and Last.ACK.sent; the rule for which timestamp
 * to echo (4.3) and PAWS (5.3, 5.5), as the host applies it ({@link HostProfile.Paws}).
 */
final class RecentTimestamp {
  /** RFC 7323 5.5: a TS.Recent older than 24 days is no longer valid for PAWS. */
  static final long PAWS_IDLE = 24 * 24 * Time.HOUR;

  private long value;
  private long takenAt;
  private int lastAckSent;

  /** TS.Recent, echoed in the TSecr of every segment we send with an ACK (RFC 7323 4.3 (3)). */
  long value() {
    return value;
  }

  /**
   * The peer's SYN carried {@code tsVal}, taken at {@code now}; {@code rcvNxt} acknowledges that
   * SYN.
   */
  void synchronize(long tsVal, int rcvNxt, long now) {
    value = tsVal;
    takenAt = now;
    lastAckSent = rcvNxt;
  }

  /** A segment acknowledging {@code ack} went out (RFC 7323 4.3 (1): Last.ACK.sent). */
  void ackSent(int ack) {
    lastAckSent = ack;
  }

  /** RFC 7323 5.5: whether TS.Recent is too old for the PAWS test (and may be replaced). */
  private boolean expired(long now) {
    return now - takenAt > PAWS_IDLE;
  }

  /**
   * RFC 7323 5.3 R1: whether {@code seg} (its options carrying a timestamp) is too old: "If there
   * is a Timestamps option in the arriving segment, SEG.TSval < TS.Recent, TS.Recent is valid (see
   * later discussion), and if the RST bit is not set, then treat the arriving segment as not
   * acceptable". Linux and FreeBSD skip the test while TS.Recent is 0, and Linux lets a TSval one
   * below it pass.
   */
  boolean pawsRejects(TcpSegment seg, HostProfile.Paws rule, long now) {
    TcpOptions options = seg.options();
    if (!options.timestamps() || seg.has(TcpFlags.RST) || expired(now)) {
      return false;
    }
    if (rule != HostProfile.Paws.RFC7323 && value == 0) {
      return false;
    }
    int behind = (int) value - (int) options.tsVal();
    return behind > (rule == HostProfile.Paws.LINUX ? 1 : 0);
  }

  /**
   * RFC 7323 4.3 (2) and 5.3 R3: "If: SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent then
   * SEG.TSval is copied to TS.Recent; otherwise, it is ignored." A TS.Recent older than 24 days
   * (5.5) is replaced whatever its value.
   */
  void take(TcpSegment seg, long now) {
    TcpOptions options = seg.options();
    if (options.timestamps()
        && Seq.le(seg.seq(), lastAckSent)
        && ((int) options.tsVal() - (int) value >= 0 || expired(now))) {
      value = options.tsVal();
      takenAt = now;
    }
  }
}
