package netsim.scenario.config;

/**
 * Which invariants a run checks. All are on by default; a config that means to end with connections
 * open (say, a {@code stop.at} before they close) turns {@code allClosed} off.
 */
public record InvariantSettings(boolean dataIntact, boolean allClosed, boolean noEmbryonic) {
  /** The defaults: every invariant checked. */
  static InvariantSettings defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the {@code invariants} table; starts at the defaults. */
  static final class Builder {
    private boolean dataIntact = true;
    private boolean allClosed = true;
    private boolean noEmbryonic = true;

    Builder dataIntact(boolean value) {
      dataIntact = value;
      return this;
    }

    Builder allClosed(boolean value) {
      allClosed = value;
      return this;
    }

    Builder noEmbryonic(boolean value) {
      noEmbryonic = value;
      return this;
    }

    InvariantSettings build() {
      return new InvariantSettings(dataIntact, allClosed, noEmbryonic);
    }
  }
}
