package netsim.tcp;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import netsim.core.Registry;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.Cubic;
import netsim.tcp.cc.Reno;

/**
 * The congestion controls a configuration can name ({@code tcp.congestionControl}), each a
 * congestion control algorithm with the loss recovery it runs. Adding one is a class and a line
 * here; the config's key list, its check and its documentation ({@link #described}) follow.
 */
public final class CongestionControls {
  /**
   * A named congestion control: a new algorithm (with the host profile's choices, such as Linux's
   * HyStart for CUBIC) and a new loss recovery per connection.
   *
   * @param source what it follows, for the documentation: "RFC 9438"
   */
  record Variant(
      Function<HostProfile, CongestionControl> congestionControl,
      Function<LossRecovery.Connection, LossRecovery> lossRecovery,
      String source) {

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

  private static final Registry<Variant> REGISTRY =
      Registry.<Variant>builder("congestion control")
          .register("reno", new Variant(profile -> Reno.INSTANCE, RenoRecovery::new, "RFC 5681"))
          .register(
              "newreno", new Variant(profile -> Reno.INSTANCE, NewRenoRecovery::new, "RFC 6582"))
          .register(
              "cubic",
              new Variant(
                  profile -> new Cubic(profile.hyStartDetect()), NewRenoRecovery::new, "RFC 9438"))
          .build();

  /** The known names, in registration order. */
  public static final List<String> NAMES = REGISTRY.names().asList();

  private CongestionControls() {}

  /**
   * The congestion control named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static Variant get(String name) {
    return REGISTRY.get(name);
  }

  /** Every name with its source, for the documentation: "`reno` (RFC 5681), ...". */
  public static String described() {
    return NAMES.stream()
        .map(name -> "`" + name + "` (" + REGISTRY.get(name).source() + ")")
        .collect(Collectors.joining(", "));
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
