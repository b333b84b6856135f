package netsim.scenario.trace;

import java.util.Locale;

/** What happened to a host: the {@code what} of a {@code host} event. */
public enum HostChange {
  /** The host crashed: its TCBs vanished. */
  CRASH,
  /** The host restarted its listeners. */
  RESTART;

  private final String traceName = name().toLowerCase(Locale.ROOT);

  /** "crash" or "restart". */
  public String traceName() {
    return traceName;
  }
}
