package netsim.scenario.trace;

import java.util.Locale;

/** What a scheduled change did to a link direction: the {@code what} of a {@code link} event. */
public enum LinkChange {
  /** Its settings changed and it stayed up (or down). */
  SET,
  /** It went down. */
  DOWN,
  /** It came back up. */
  UP;

  private final String traceName = name().toLowerCase(Locale.ROOT);

  /** "set", "down" or "up". */
  public String traceName() {
    return traceName;
  }
}
