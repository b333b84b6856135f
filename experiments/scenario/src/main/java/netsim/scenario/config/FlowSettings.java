package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import netsim.scenario.traffic.Distribution;

/**
 * Finite flows with Poisson arrivals from one client: {@code count} connections, each opened at its
 * arrival (gaps exponential with mean {@code interval}) and sending a size drawn from {@code size},
 * then closing. Given a {@code load} of a {@code link}'s bandwidth instead of an interval, the
 * interval is {@code 8 mean(size) / (load bandwidth)}: the flows offer that fraction of the link on
 * average.
 *
 * @param interval the mean time between arrivals, in nanoseconds (derived from the load if given)
 * @param load the fraction of the link's bandwidth offered, or 0 when {@code interval} was given
 * @param link the link whose a_to_b bandwidth the load is of, or null
 */
public record FlowSettings(
    int count,
    Distribution size,
    long interval,
    double load,
    @JsonInclude(JsonInclude.Include.NON_NULL) String link) {

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the {@code flows} table. */
  static final class Builder {
    private int count;
    private Distribution size;
    private long interval;

    Builder count(int value) {
      count = value;
      return this;
    }

    Builder size(Distribution value) {
      size = value;
      return this;
    }

    Builder interval(long value) {
      interval = value;
      return this;
    }

    FlowSettings build() {
      return new FlowSettings(count, size, interval, 0, null);
    }
  }
}
