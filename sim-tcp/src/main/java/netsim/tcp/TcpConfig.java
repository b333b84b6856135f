package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import netsim.core.Time;

/**
 * The parameters of a TCP endpoint. Defaults follow the RFCs (RFC 9293, RFC 6298, RFC 7323); a few
 * are a host's choice and are marked so. The counterfactual variants are off by default and clearly
 * non-standard: they exist so experiments can show what the real rules prevent.
 *
 * @param mss the maximum segment size we announce and send (RFC 9293 3.7.1)
 * @param msl the maximum segment lifetime; TIME-WAIT lasts 2*MSL (RFC 9293 3.4.2)
 * @param initialRto the RTO before any RTT measurement (RFC 6298 2.1: 1 s)
 * @param minRto the lower bound of the RTO (RFC 6298 2.4: 1 s; Linux uses 200 ms)
 * @param maxRto the upper bound of the RTO (RFC 6298 2.5: at least 60 s)
 * @param clockGranularity G of RFC 6298
 * @param synRetries how many times a SYN is retransmitted before giving up (host's choice; Linux:
 *     6)
 * @param synAckRetries how many times a SYN-ACK is retransmitted (host's choice; Linux: 5)
 * @param maxRetries how many times a segment is retransmitted in a synchronized state before the
 *     connection is aborted (R2 of RFC 9293 3.8.3; Linux: 15)
 * @param sendBuffer bytes of application data held until acknowledged
 * @param receiveBuffer bytes of receive window offered
 * @param windowScaling whether to offer window scaling (RFC 7323)
 * @param timestamps whether to offer timestamps (RFC 7323)
 * @param sackPermitted whether to offer SACK (RFC 2018)
 * @param sackRecovery the loss recovery when both ends use SACK: "rfc6675", "prr" (RFC 6675 with
 *     RFC 6937's PRR-SSRB), "prr-crb" (with PRR-CRB), "rack-tlp" (RFC 8985) ({@link
 *     SackRecoveries})
 * @param challengeAcks RFC 5961: challenge ACKs for in-window RST and for SYN in synchronized
 *     states, and the stricter ACK check; when false, RFC 9293's older rules apply (an in-window
 *     RST resets, a SYN in window resets)
 * @param insecureRst with challenge ACKs on, take RFC 793's rule for RST alone: a RST anywhere in
 *     the window resets the connection (FreeBSD's net.inet.tcp.insecure_rst; default false)
 * @param insecureSyn with challenge ACKs on, take RFC 793's rule for SYN alone: a SYN in the window
 *     of a synchronized state resets the connection, one outside it gets a challenge ACK (FreeBSD's
 *     net.inet.tcp.insecure_syn; default false)
 * @param dropSynFin drop every segment with both SYN and FIN set, unanswered and before any
 *     connection sees it (FreeBSD's net.inet.tcp.drop_synfin, tcp_input; default false: RFC 9293
 *     processes such a segment as a SYN whose FIN follows it)
 * @param challengeAckInterval the least time between two challenge ACKs of one connection (RFC 5961
 *     7 rate limit; host's choice; 0 = no limit)
 * @param rfc1337 ignore RST in TIME-WAIT (RFC 1337's fix for TIME-WAIT assassination)
 * @param acceptSynInTimeWait accept a new SYN for the 4-tuple of a connection in TIME-WAIT when its
 *     sequence number is above the old RCV.NXT (RFC 6191 idea, as Linux does)
 * @param twoWayHandshake COUNTERFACTUAL: a listener goes straight to ESTABLISHED on a SYN
 * @param timeWait the TIME-WAIT duration, or -1 for 2*MSL; COUNTERFACTUAL when set to 0
 * @param congestionControl "reno", "newreno" (RFC 6582) or "cubic" (RFC 9438)
 * @param initialWindow the initial congestion window in segments, or 0 for RFC 5681's min(4*SMSS,
 *     max(2*SMSS, 4380 bytes))
 * @param nagle Nagle's algorithm (RFC 9293 3.7.4): hold a small segment while data is
 *     unacknowledged
 * @param slowStartAfterIdle restart slow start after an idle period (RFC 2861 3, Linux's
 *     tcp_slow_start_after_idle and tcp_cwnd_restart): when data is queued, or the peer's window
 *     changes while data waits, with nothing in flight and nothing sent for longer than the RTO,
 *     ssthresh rises to at least 3/4 cwnd and cwnd halves for each RTO of idleness, not below
 *     min(initial window, cwnd). Off by default (Linux's kernel default is on; the linux
 *     packetdrill suite's defaults.sh turns it off, and the linux profile stands for those
 *     defaults)
 * @param minTsoSegments the fewest segments a TSO/GSO chunk may hold whatever the pacing rate
 *     (Linux's tcp_min_tso_segs: 2); matters only where the profile's PSH follows TSO chunks
 * @param delayedAck delayed acknowledgments (RFC 9293 3.8.6.3; off by default so that every ACK
 *     shows at once in traces and ladders)
 * @param delayedAckTimeout the longest an ACK is delayed (RFC 1122: at most 500 ms)
 * @param keepalive keep-alive probes on an idle connection (RFC 9293 3.8.4; off by default)
 * @param keepaliveIdle idle time before the first probe (RFC 1122: at least two hours)
 * @param keepaliveInterval time between unanswered probes
 * @param keepaliveProbes unanswered probes before the connection is dropped
 * @param ecn whether the endpoint asks for ECN, accepts it when asked, or neither (RFC 3168 6.1.1;
 *     host's choice: off for rfc, passive for Linux's and FreeBSD's defaults)
 * @param profile the host this endpoint behaves like: its rules (PSH placement, quick-ACK mode, RST
 *     with ACK on abort) apply, and its values were the defaults of the knobs above
 */
public record TcpConfig(
    int mss,
    long msl,
    long initialRto,
    long minRto,
    long maxRto,
    long clockGranularity,
    int synRetries,
    int synAckRetries,
    int maxRetries,
    int sendBuffer,
    int receiveBuffer,
    boolean windowScaling,
    boolean timestamps,
    boolean sackPermitted,
    String sackRecovery,
    boolean challengeAcks,
    boolean insecureRst,
    boolean insecureSyn,
    boolean dropSynFin,
    long challengeAckInterval,
    boolean rfc1337,
    boolean acceptSynInTimeWait,
    boolean twoWayHandshake,
    long timeWait,
    String congestionControl,
    int initialWindow,
    boolean nagle,
    boolean slowStartAfterIdle,
    int minTsoSegments,
    boolean delayedAck,
    long delayedAckTimeout,
    boolean keepalive,
    long keepaliveIdle,
    long keepaliveInterval,
    int keepaliveProbes,
    EcnMode ecn,
    HostProfile profile) {

  public TcpConfig {
    checkArgument(mss >= 64 && mss <= 65495, "MSS out of range 64-65495: %s", mss);
    checkArgument(msl >= 0, "MSL must not be negative, got %s", msl);
    checkArgument(minRto > 0, "minimum RTO must be positive, got %s", Time.format(minRto));
    checkArgument(
        maxRto >= minRto,
        "maximum RTO %s is below the minimum %s",
        Time.format(maxRto),
        Time.format(minRto));
    checkArgument(initialRto > 0, "initial RTO must be positive, got %s", Time.format(initialRto));
    checkArgument(clockGranularity >= 0, "clock granularity must not be negative");
    checkArgument(
        synRetries >= 0 && synAckRetries >= 0 && maxRetries >= 0,
        "retry counts must not be negative");
    checkArgument(sendBuffer > 0, "send buffer must be positive, got %s", sendBuffer);
    checkArgument(
        receiveBuffer > 0 && receiveBuffer <= (1 << 30),
        "receive buffer out of range 1 B - 1 GiB: %s",
        receiveBuffer);
    checkArgument(
        windowScaling || receiveBuffer <= 0xFFFF,
        "a receive buffer of %s bytes needs window scaling",
        receiveBuffer);
    checkArgument(challengeAckInterval >= 0, "challenge ACK interval must not be negative");
    checkArgument(timeWait >= -1, "TIME-WAIT duration must be -1 (2*MSL) or at least 0");
    CongestionControls.check(congestionControl);
    SackRecoveries.check(sackRecovery);
    checkArgument(initialWindow >= 0, "initial window must not be negative, got %s", initialWindow);
    checkArgument(
        delayedAckTimeout > 0 && delayedAckTimeout <= Time.millis(500),
        "delayed ACK timeout must be within (0, 500ms] (RFC 1122 4.2.3.2), got %s",
        Time.format(delayedAckTimeout));
    checkArgument(
        keepaliveIdle > 0 && keepaliveInterval > 0 && keepaliveProbes > 0,
        "keep-alive idle time, interval and probe count must be positive");
    checkArgument(
        minTsoSegments >= 1, "TSO chunks need at least 1 segment, got %s", minTsoSegments);
    checkArgument(ecn != null, "ECN mode must not be null");
    checkArgument(profile != null, "profile must not be null");
  }

  /** The initial congestion window in bytes for a segment size {@code smss} (RFC 5681 3.1). */
  public long initialWindowBytes(int smss) {
    if (initialWindow > 0) {
      return (long) initialWindow * smss;
    }
    return Math.min(4L * smss, Math.max(2L * smss, 4380));
  }

  /** The RFC defaults. */
  public static TcpConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long TIME-WAIT lasts: 2*MSL unless overridden. */
  public long timeWaitDuration() {
    return timeWait >= 0 ? timeWait : 2 * msl;
  }

  /**
   * Whether an in-window RST that does not sit exactly at RCV.NXT gets a challenge ACK (RFC 5961
   * 3.2) rather than resetting the connection (RFC 793).
   */
  public boolean rstChallengeAcks() {
    return challengeAcks && !insecureRst;
  }

  /**
   * Whether a SYN in a synchronized state gets a challenge ACK wherever it falls (RFC 5961 4.2)
   * rather than resetting the connection when it is in the window (RFC 793).
   */
  public boolean synChallengeAcks() {
    return challengeAcks && !insecureSyn;
  }

  /** Whether this configuration departs from the RFCs on purpose. */
  public boolean isCounterfactual() {
    return twoWayHandshake || timeWait == 0;
  }

  /**
   * The window scale shift offered: the one that lets the receive buffer be announced (RFC 7323
   * 2.3: halve it until it fits 16 bits, as Linux's tcp_select_initial_window does), or, where the
   * host sizes it for the largest buffer ({@link HostProfile#windowScaleForLargestBuffer()}), the
   * smallest with {@code TCP_MAXWIN << shift} at least that buffer (FreeBSD's tcp_connect and
   * syncache_add, for sb_max).
   */
  public int receiveWindowShift() {
    int shift = 0;
    if (profile.windowScaleForLargestBuffer()) {
      long largest = Math.max(receiveBuffer, profile.receiveBuffer());
      while (shift < 14 && (0xFFFFL << shift) < largest) {
        shift++;
      }
    } else {
      while (shift < 14 && (receiveBuffer >> shift) > 0xFFFF) {
        shift++;
      }
    }
    return shift;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.mss = mss;
    b.msl = msl;
    b.initialRto = initialRto;
    b.minRto = minRto;
    b.maxRto = maxRto;
    b.clockGranularity = clockGranularity;
    b.synRetries = synRetries;
    b.synAckRetries = synAckRetries;
    b.maxRetries = maxRetries;
    b.sendBuffer = sendBuffer;
    b.receiveBuffer = receiveBuffer;
    b.windowScaling = windowScaling;
    b.timestamps = timestamps;
    b.sackPermitted = sackPermitted;
    b.sackRecovery = sackRecovery;
    b.challengeAcks = challengeAcks;
    b.insecureRst = insecureRst;
    b.insecureSyn = insecureSyn;
    b.dropSynFin = dropSynFin;
    b.challengeAckInterval = challengeAckInterval;
    b.rfc1337 = rfc1337;
    b.acceptSynInTimeWait = acceptSynInTimeWait;
    b.twoWayHandshake = twoWayHandshake;
    b.timeWait = timeWait;
    b.congestionControl = congestionControl;
    b.initialWindow = initialWindow;
    b.nagle = nagle;
    b.slowStartAfterIdle = slowStartAfterIdle;
    b.minTsoSegments = minTsoSegments;
    b.delayedAck = delayedAck;
    b.delayedAckTimeout = delayedAckTimeout;
    b.keepalive = keepalive;
    b.keepaliveIdle = keepaliveIdle;
    b.keepaliveInterval = keepaliveInterval;
    b.keepaliveProbes = keepaliveProbes;
    b.ecn = ecn;
    b.profile = profile;
    return b;
  }

  /**
   * Builds a {@link TcpConfig}, starting from the RFC defaults ({@link HostProfile#RFC} for the
   * host's choices).
   */
  public static final class Builder {
    private int mss = 1460;
    private long msl = Time.seconds(30);
    private long initialRto = Time.seconds(1);
    private long minRto = HostProfile.RFC.minRto();
    private long maxRto = HostProfile.RFC.maxRto();
    private long clockGranularity = Time.millis(1);
    private int synRetries = 6;
    private int synAckRetries = 5;
    private int maxRetries = 15;
    private int sendBuffer = 256 * 1024;
    private int receiveBuffer = HostProfile.RFC.receiveBuffer();
    private boolean windowScaling = true;
    private boolean timestamps = true;
    private boolean sackPermitted = HostProfile.RFC.sackPermitted();
    private String sackRecovery = HostProfile.RFC.sackRecovery();
    private boolean challengeAcks = true;
    private boolean insecureRst;
    private boolean insecureSyn;
    private boolean dropSynFin;
    private long challengeAckInterval = HostProfile.RFC.challengeAckInterval();
    private boolean rfc1337 = HostProfile.RFC.rfc1337();
    private boolean acceptSynInTimeWait = HostProfile.RFC.acceptSynInTimeWait();
    private boolean twoWayHandshake;
    private long timeWait = -1;
    private String congestionControl = "newreno";
    private int initialWindow = HostProfile.RFC.initialWindow();
    private boolean nagle = true;
    private boolean slowStartAfterIdle;
    private int minTsoSegments = 2;
    private boolean delayedAck = HostProfile.RFC.delayedAck();
    private long delayedAckTimeout = HostProfile.RFC.delayedAckTimeout();
    private boolean keepalive;
    private long keepaliveIdle = Time.HOUR * 2;
    private long keepaliveInterval = Time.seconds(75);
    private int keepaliveProbes = 9;
    private EcnMode ecn = HostProfile.RFC.ecn();
    private HostProfile profile = HostProfile.RFC;

    private Builder() {}

    /**
     * Sets the profile's {@link HostProfile#dsack()} (Linux's {@code net.ipv4.tcp_dsack}), keeping
     * every other value of the profile and of this builder.
     */
    public Builder dsack(boolean on) {
      profile = profile.toBuilder(profile.name()).dsack(on).build();
      return this;
    }

    /**
     * Behave like {@code host}: takes its rules, and its values for the initial window, RTO bounds,
     * delayed ACKs, receive buffer, SACK-permitted, SACK recovery, challenge ACK interval, RFC
     * 1337, SYN in TIME-WAIT and ECN (set those after this call to change them).
     */
    public Builder profile(HostProfile host) {
      profile = host;
      initialWindow = host.initialWindow();
      minRto = host.minRto();
      maxRto = host.maxRto();
      delayedAck = host.delayedAck();
      delayedAckTimeout = host.delayedAckTimeout();
      receiveBuffer = host.receiveBuffer();
      sackPermitted = host.sackPermitted();
      sackRecovery = host.sackRecovery();
      challengeAckInterval = host.challengeAckInterval();
      rfc1337 = host.rfc1337();
      acceptSynInTimeWait = host.acceptSynInTimeWait();
      congestionControl = host.congestionControl();
      ecn = host.ecn();
      return this;
    }

    public Builder mss(int value) {
      mss = value;
      return this;
    }

    public Builder msl(long value) {
      msl = value;
      return this;
    }

    public Builder initialRto(long value) {
      initialRto = value;
      return this;
    }

    public Builder minRto(long value) {
      minRto = value;
      return this;
    }

    public Builder maxRto(long value) {
      maxRto = value;
      return this;
    }

    public Builder clockGranularity(long value) {
      clockGranularity = value;
      return this;
    }

    public Builder synRetries(int value) {
      synRetries = value;
      return this;
    }

    public Builder synAckRetries(int value) {
      synAckRetries = value;
      return this;
    }

    public Builder maxRetries(int value) {
      maxRetries = value;
      return this;
    }

    public Builder sendBuffer(int value) {
      sendBuffer = value;
      return this;
    }

    public Builder receiveBuffer(int value) {
      receiveBuffer = value;
      return this;
    }

    public Builder windowScaling(boolean value) {
      windowScaling = value;
      return this;
    }

    public Builder timestamps(boolean value) {
      timestamps = value;
      return this;
    }

    public Builder sackPermitted(boolean value) {
      sackPermitted = value;
      return this;
    }

    public Builder sackRecovery(String value) {
      sackRecovery = value;
      return this;
    }

    public Builder challengeAcks(boolean value) {
      challengeAcks = value;
      return this;
    }

    public Builder insecureRst(boolean value) {
      insecureRst = value;
      return this;
    }

    public Builder insecureSyn(boolean value) {
      insecureSyn = value;
      return this;
    }

    public Builder dropSynFin(boolean value) {
      dropSynFin = value;
      return this;
    }

    public Builder challengeAckInterval(long value) {
      challengeAckInterval = value;
      return this;
    }

    public Builder rfc1337(boolean value) {
      rfc1337 = value;
      return this;
    }

    public Builder acceptSynInTimeWait(boolean value) {
      acceptSynInTimeWait = value;
      return this;
    }

    public Builder twoWayHandshake(boolean value) {
      twoWayHandshake = value;
      return this;
    }

    public Builder timeWait(long value) {
      timeWait = value;
      return this;
    }

    public Builder congestionControl(String value) {
      congestionControl = value;
      return this;
    }

    public Builder initialWindow(int segments) {
      initialWindow = segments;
      return this;
    }

    public Builder nagle(boolean value) {
      nagle = value;
      return this;
    }

    public Builder slowStartAfterIdle(boolean value) {
      slowStartAfterIdle = value;
      return this;
    }

    public Builder minTsoSegments(int value) {
      minTsoSegments = value;
      return this;
    }

    public Builder delayedAck(boolean value) {
      delayedAck = value;
      return this;
    }

    public Builder delayedAckTimeout(long value) {
      delayedAckTimeout = value;
      return this;
    }

    public Builder keepalive(boolean value) {
      keepalive = value;
      return this;
    }

    public Builder keepaliveIdle(long value) {
      keepaliveIdle = value;
      return this;
    }

    public Builder keepaliveInterval(long value) {
      keepaliveInterval = value;
      return this;
    }

    public Builder keepaliveProbes(int value) {
      keepaliveProbes = value;
      return this;
    }

    public Builder ecn(EcnMode value) {
      ecn = value;
      return this;
    }

    public TcpConfig build() {
      return new TcpConfig(
          mss,
          msl,
          initialRto,
          minRto,
          maxRto,
          clockGranularity,
          synRetries,
          synAckRetries,
          maxRetries,
          sendBuffer,
          receiveBuffer,
          windowScaling,
          timestamps,
          sackPermitted,
          sackRecovery,
          challengeAcks,
          insecureRst,
          insecureSyn,
          dropSynFin,
          challengeAckInterval,
          rfc1337,
          acceptSynInTimeWait,
          twoWayHandshake,
          timeWait,
          congestionControl,
          initialWindow,
          nagle,
          slowStartAfterIdle,
          minTsoSegments,
          delayedAck,
          delayedAckTimeout,
          keepalive,
          keepaliveIdle,
          keepaliveInterval,
          keepaliveProbes,
          ecn,
          profile);
    }
  }
}
