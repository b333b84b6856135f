package netsim.tcp;

import java.util.List;
import java.util.function.Function;
import netsim.core.Registry;

/**
 * The SACK-based loss recoveries a configuration can name ({@code tcp.sackRecovery}), one of which
 * runs when both ends use SACK (RFC 2018); without SACK the congestion control's own recovery runs
 * ({@link CongestionControls}). Adding one is a class and a line here.
 */
public final class SackRecoveries {
  private static final Registry<Function<LossRecovery.Connection, LossRecovery>> REGISTRY =
      Registry.<Function<LossRecovery.Connection, LossRecovery>>builder("SACK recovery")
          .register("rfc6675", SackRecovery::new)
          .register(
              "prr",
              c ->
                  new SackRecovery(
                      c, new ProportionalRateReduction(ProportionalRateReduction.Bound.SLOW_START)))
          .register(
              "prr-crb",
              c ->
                  new SackRecovery(
                      c,
                      new ProportionalRateReduction(ProportionalRateReduction.Bound.CONSERVATIVE)))
          .register("rack-tlp", RackTlpRecovery::new)
          .build();

  /** The known names, in registration order. */
  public static final List<String> NAMES = REGISTRY.names().asList();

  private SackRecoveries() {}

  /**
   * A new recovery of the kind {@code name} for {@code connection}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static LossRecovery create(String name, LossRecovery.Connection connection) {
    return REGISTRY.get(name).apply(connection);
  }

  /**
   * Checks a name.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static void check(String name) {
    REGISTRY.get(name);
  }
}
