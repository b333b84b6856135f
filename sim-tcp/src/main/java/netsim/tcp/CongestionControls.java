package netsim.tcp;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.function.Function;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.Cubic;
import netsim.tcp.cc.Reno;

/**
 * The congestion controls a configuration can name ({@code tcp.congestionControl}), each a
 * congestion control algorithm with the loss recovery it runs. Adding one is a class and a line
 * here.
 */
public final class CongestionControls {
  /**
   * A named congestion control: a new algorithm (with the host profile's choices, such as Linux's
   * HyStart for CUBIC) and a new loss recovery per connection.
   */
  record Variant(
      Function<HostProfile, CongestionControl> congestionControl,
      Function<LossRecovery.Connection, LossRecovery> lossRecovery) {

    /**
     * The loss recovery of a new connection: the SACK-based recovery named {@code sackRecovery}
     * ({@link SackRecoveries}) when both ends use SACK (RFC 2018), else this variant's own.
     */
    LossRecovery lossRecovery(
        LossRecovery.Connection connection, boolean sack, String sackRecovery) {
      return sack
          ? SackRecoveries.create(sackRecovery, connection)
          : lossRecovery.apply(connection);
    }
  }

  private static final ImmutableMap<String, Variant> REGISTRY =
      ImmutableMap.of(
          "reno", new Variant(profile -> new Reno(), RenoRecovery::new),
          "newreno", new Variant(profile -> new Reno(), NewRenoRecovery::new),
          "cubic",
              new Variant(profile -> new Cubic(profile.hyStartDetect()), NewRenoRecovery::new));

  /** The known names, in registration order. */
  public static final List<String> NAMES = REGISTRY.keySet().asList();

  private CongestionControls() {}

  /**
   * The congestion control named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static Variant get(String name) {
    Variant variant = name == null ? null : REGISTRY.get(name);
    if (variant == null) {
      throw new IllegalArgumentException(
          "unknown congestion control '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
    return variant;
  }

  /**
   * Checks a name.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static void check(String name) {
    get(name);
  }
}
