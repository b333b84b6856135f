package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.function.Function;

/**
 * The SACK-based loss recoveries a configuration can name ({@code tcp.sackRecovery}), one of which
 * runs when both ends use SACK (RFC 2018); without SACK the congestion control's own recovery runs
 * ({@link CongestionControls}). Adding one is a class and a line here.
 */
public final class SackRecoveries {
  private static final ImmutableMap<String, Function<LossRecovery.Connection, LossRecovery>>
      REGISTRY =
          ImmutableMap.of(
              "rfc6675",
              SackRecovery::new,
              "prr",
              c ->
                  new SackRecovery(
                      c, new ProportionalRateReduction(ProportionalRateReduction.Bound.SLOW_START)),
              "prr-crb",
              c ->
                  new SackRecovery(
                      c,
                      new ProportionalRateReduction(ProportionalRateReduction.Bound.CONSERVATIVE)),
              "rack-tlp",
              RackTlpRecovery::new);

  /** The known names, in registration order. */
  public static final List<String> NAMES = REGISTRY.keySet().asList();

  private SackRecoveries() {}

  /**
   * A new recovery of the kind {@code name} for {@code connection}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static LossRecovery create(String name, LossRecovery.Connection connection) {
    check(name);
    return checkNotNull(REGISTRY.get(name)).apply(connection);
  }

  /**
   * Checks a name.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static void check(String name) {
    if (name == null || !REGISTRY.containsKey(name)) {
      throw new IllegalArgumentException(
          "unknown SACK recovery '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
  }
}
