package netsim.tcp;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.Cubic;
import netsim.tcp.cc.Reno;

/**
 * The congestion controls a configuration can name ({@code tcp.congestionControl}), each a
 * congestion control algorithm with the loss recovery it runs. Adding one is a class and a line
 * here.
 */
public final class CongestionControls {
  /** A named congestion control: a new algorithm and a new loss recovery per connection. */
  record Variant(
      Supplier<CongestionControl> congestionControl,
      Function<LossRecovery.Connection, LossRecovery> lossRecovery) {

    /**
     * The loss recovery of a new connection: RFC 6675's SACK-based recovery when both ends use SACK
     * (RFC 2018), else this variant's own.
     */
    LossRecovery lossRecovery(LossRecovery.Connection connection, boolean sack) {
      return sack ? new SackRecovery(connection) : lossRecovery.apply(connection);
    }
  }

  private static final ImmutableMap<String, Variant> REGISTRY =
      ImmutableMap.of(
          "reno", new Variant(Reno::new, RenoRecovery::new),
          "newreno", new Variant(Reno::new, NewRenoRecovery::new),
          "cubic", new Variant(Cubic::new, NewRenoRecovery::new));

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
