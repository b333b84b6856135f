package netsim.net.link;

import netsim.net.packet.DropCause;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/** The running state of one direction's {@link LossModel.GilbertElliott} chain. */
final class GilbertElliottLoss implements LossModel {
  private final LossModel.GilbertElliott spec;
  private boolean bad;

  GilbertElliottLoss(LossModel.GilbertElliott spec) {
    this.spec = spec;
  }

  @Override
  public @Nullable DropCause decide(UniformRandomProvider random) {
    boolean foundBad = bad;
    // netem's order: first the transition, then the loss, at the rate of the state found.
    if (random.nextDouble() < (foundBad ? spec.r() : spec.p())) {
      bad = !foundBad;
    }
    double lossRate = foundBad ? spec.lossInBad() : spec.lossInGood();
    return random.nextDouble() < lossRate ? DropCause.BURST : null;
  }

  /** Whether the chain is in the bad state, for tests. */
  boolean isBad() {
    return bad;
  }
}
