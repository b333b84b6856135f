package netsim.tcp.cc;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/** The congestion controls by name, for configuration: "reno", "newreno", "cubic". */
public final class CongestionControls {
  public static final List<String> NAMES = List.of("reno", "newreno", "cubic");

  private CongestionControls() {}

  /**
   * A new instance of the named algorithm.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static CongestionControl create(String name, long smss, long initialWindow) {
    switch (name) {
      case "reno":
        return new Reno(false, smss, initialWindow);
      case "newreno":
        return new Reno(true, smss, initialWindow);
      case "cubic":
        return new Cubic(smss, initialWindow);
      default:
        checkArgument(
            false, "unknown congestion control '%s' (known: %s)", name, String.join(", ", NAMES));
        return null;
    }
  }

  /** Checks a name without making an instance. */
  public static void check(String name) {
    create(name, 1460, 1460);
  }
}
