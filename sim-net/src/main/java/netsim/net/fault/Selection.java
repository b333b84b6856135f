package netsim.net.fault;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which of the packets a rule's {@link Match} accepts the rule takes, by their number among the
 * matches (1 for the first): every one, only the n-th, or the first k. This is what makes "lose the
 * third ACK" exact without any randomness.
 */
public sealed interface Selection {

  /** Whether the rule takes its {@code matchNumber}-th match (1-based). */
  boolean accepts(long matchNumber);

  /** Every matching packet. */
  static Selection every() {
    return Every.INSTANCE;
  }

  /** Only the {@code n}-th matching packet (1-based). */
  static Selection nth(long n) {
    return new Nth(n);
  }

  /** The first {@code k} matching packets. */
  static Selection first(long k) {
    return new First(k);
  }

  /** Every matching packet. */
  enum Every implements Selection {
    INSTANCE;

    @Override
    public boolean accepts(long matchNumber) {
      return true;
    }

    @Override
    public String toString() {
      return "every";
    }
  }

  /** Only the n-th matching packet. */
  record Nth(long n) implements Selection {
    public Nth {
      checkArgument(n >= 1, "nth counts from 1, got %s", n);
    }

    @Override
    public boolean accepts(long matchNumber) {
      return matchNumber == n;
    }

    @Override
    public String toString() {
      return "nth(" + n + ")";
    }
  }

  /** The first k matching packets. */
  record First(long k) implements Selection {
    public First {
      checkArgument(k >= 1, "first needs at least 1 packet, got %s", k);
    }

    @Override
    public boolean accepts(long matchNumber) {
      return matchNumber <= k;
    }

    @Override
    public String toString() {
      return "first(" + k + ")";
    }
  }
}
