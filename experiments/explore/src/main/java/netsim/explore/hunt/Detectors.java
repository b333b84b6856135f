package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Registry;
import netsim.scenario.config.ConfigException;
import netsim.tcp.TcpState;

/**
 * The detectors by name. Looking up an unknown name fails with the list of known ones; adding a
 * detector is one class plus one registration here.
 */
public final class Detectors {
  /** Every detector, in the order docs/hunting.md describes them. */
  public static final Registry<Detector> REGISTRY =
      register(
          new StaleSynDetector(),
          new FinalAckLostDetector(),
          new TransitionDetector(
              "simultaneous-open",
              "both ends send a SYN and a connection goes SYN_SENT -> SYN_RECEIVED",
              "simultaneous open",
              TcpState.SYN_SENT,
              TcpState.SYN_RECEIVED),
          new TransitionDetector(
              "simultaneous-close",
              "the FINs cross and a connection goes FIN_WAIT_1 -> CLOSING",
              "simultaneous close",
              TcpState.FIN_WAIT_1,
              TcpState.CLOSING),
          new HalfOpenDetector(),
          new SynInTimeWaitDetector(),
          new ChallengeAckDetector(),
          new DataViolationDetector());

  private Detectors() {}

  private static Registry<Detector> register(Detector... detectors) {
    Registry.Builder<Detector> registry = Registry.builder("detector");
    for (Detector detector : detectors) {
      registry.register(detector.name(), detector);
    }
    return registry.build();
  }

  /**
   * The detector called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Detector get(String name) {
    if (!REGISTRY.contains(name)) {
      throw new IllegalArgumentException(REGISTRY.unknownMessage(ConfigException.quote(name)));
    }
    return REGISTRY.get(name);
  }

  /** Every detector, in registration order. */
  public static List<Detector> all() {
    List<Detector> all = new ArrayList<>();
    for (String name : REGISTRY.names()) {
      all.add(REGISTRY.get(name));
    }
    return all;
  }
}
