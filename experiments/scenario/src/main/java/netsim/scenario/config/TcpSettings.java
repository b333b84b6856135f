package netsim.scenario.config;

import netsim.tcp.TcpConfig;

/**
 * The TCP parameters of a host, as a config file gives them (durations in nanoseconds, sizes in
 * bytes). Two options are COUNTERFACTUAL, departing from the RFCs on purpose to show what the real
 * rules prevent: {@code twoWayHandshake} and {@code zeroTimeWait}.
 */
public record TcpSettings(
    int mss,
    long msl,
    long initialRto,
    long minRto,
    long maxRto,
    long clockGranularity,
    int synRetries,
    int synAckRetries,
    int maxRetries,
    long sendBuffer,
    long receiveBuffer,
    boolean windowScaling,
    boolean timestamps,
    boolean sack,
    boolean challengeAcks,
    long challengeAckInterval,
    boolean rfc1337,
    boolean acceptSynInTimeWait,
    String congestionControl,
    int initialWindow,
    boolean nagle,
    boolean delayedAck,
    long delayedAckTimeout,
    boolean keepalive,
    long keepaliveIdle,
    long keepaliveInterval,
    int keepaliveProbes,
    Counterfactual counterfactual) {

  /** The deliberate departures from the RFCs. */
  public record Counterfactual(boolean twoWayHandshake, boolean zeroTimeWait) {
    public boolean any() {
      return twoWayHandshake || zeroTimeWait;
    }
  }

  /** The sim-tcp configuration these settings describe. */
  public TcpConfig toTcpConfig() {
    return TcpConfig.builder()
        .mss(mss)
        .msl(msl)
        .initialRto(initialRto)
        .minRto(minRto)
        .maxRto(maxRto)
        .clockGranularity(clockGranularity)
        .synRetries(synRetries)
        .synAckRetries(synAckRetries)
        .maxRetries(maxRetries)
        .sendBuffer((int) sendBuffer)
        .receiveBuffer((int) receiveBuffer)
        .windowScaling(windowScaling)
        .timestamps(timestamps)
        .sackPermitted(sack)
        .challengeAcks(challengeAcks)
        .challengeAckInterval(challengeAckInterval)
        .rfc1337(rfc1337)
        .acceptSynInTimeWait(acceptSynInTimeWait)
        .congestionControl(congestionControl)
        .initialWindow(initialWindow)
        .nagle(nagle)
        .delayedAck(delayedAck)
        .delayedAckTimeout(delayedAckTimeout)
        .keepalive(keepalive)
        .keepaliveIdle(keepaliveIdle)
        .keepaliveInterval(keepaliveInterval)
        .keepaliveProbes(keepaliveProbes)
        .twoWayHandshake(counterfactual.twoWayHandshake())
        .timeWait(counterfactual.zeroTimeWait() ? 0 : -1)
        .build();
  }
}
