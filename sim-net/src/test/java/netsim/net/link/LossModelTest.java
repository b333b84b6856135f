package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import netsim.core.RandomStreams;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class LossModelTest {
  private static final long SPACING = Time.micros(10);

  @Test
  void bernoulli_lossRate_isWithinTheBinomialBound() {
    int n = 100_000;
    LinkRun run = LinkRun.replayed(LinkConfig.builder().loss(0.05).build(), 11, n, SPACING);
    assertThat(run.counters().drops().keySet()).containsOnly(DropCause.LOSS);
    Theory.assertBinomial("losses", run.counters().dropped(DropCause.LOSS), n, 0.05);
    assertThat(run.counters().delivered()).isEqualTo(n - run.counters().droppedTotal());
  }

  @Test
  void gilbertElliott_meanBurstLength_isOneOverR() {
    int n = 200_000;
    double p = 0.02;
    double r = 0.25;
    LinkRun run =
        LinkRun.replayed(
            LinkConfig.builder().loss(LossModel.GilbertElliott.of(p, r)).build(), 12, n, SPACING);
    boolean[] lost = run.lostBySequence(n);
    long losses = 0;
    long bursts = 0;
    for (int i = 0; i < n; i++) {
      if (lost[i]) {
        losses++;
        if (i == 0 || !lost[i - 1]) {
          bursts++;
        }
      }
    }
    assertThat(run.counters().dropped(DropCause.BURST)).isEqualTo(losses);
    // Each bad period is one burst; its length is geometric with mean 1/r, variance (1-r)/r^2.
    Theory.assertNear(
        "mean burst length",
        (double) losses / bursts,
        1 / r,
        Math.sqrt((1 - r) / (r * r) / bursts));
    // With every packet lost in the bad state, the loss rate is the bad state's share p/(p+r).
    assertThat(LossModel.GilbertElliott.of(p, r).stationaryLossRate()).isEqualTo(p / (p + r));
    Theory.assertNear(
        "loss rate", (double) losses / n, p / (p + r), gilbertElliottStandardError(p, r, 1, 0, n));
  }

  @Test
  void gilbertElliott_lossRate_isTheStationaryValue() {
    int n = 200_000;
    double p = 0.05;
    double r = 0.3;
    double lossInBad = 0.6;
    double lossInGood = 0.01;
    LossModel.GilbertElliott model = new LossModel.GilbertElliott(p, r, lossInBad, lossInGood);
    LinkRun run = LinkRun.replayed(LinkConfig.builder().loss(model).build(), 13, n, SPACING);
    double expected = p / (p + r) * lossInBad + r / (p + r) * lossInGood;
    assertThat(model.stationaryLossRate()).isEqualTo(expected);
    Theory.assertNear(
        "loss rate",
        (double) run.counters().dropped(DropCause.BURST) / n,
        expected,
        gilbertElliottStandardError(p, r, lossInBad, lossInGood, n));
  }

  /**
   * The standard error of the loss rate over n packets of a stationary Gilbert-Elliott chain: the
   * per-packet variance plus the covariances of the states, which decay as (1-p-r)^k.
   */
  private static double gilbertElliottStandardError(
      double p, double r, double lossInBad, double lossInGood, int n) {
    double bad = p / (p + r);
    double loss = bad * lossInBad + (1 - bad) * lossInGood;
    double lambda = 1 - p - r;
    double variance =
        loss * (1 - loss)
            + 2 * Math.pow(lossInBad - lossInGood, 2) * bad * (1 - bad) * lambda / (1 - lambda);
    return Math.sqrt(variance / n);
  }

  @Test
  void gilbertElliott_decidesLossByTheStateThePacketFound_thenMoves() {
    // p = r = 1: the chain alternates good, bad, good... The first packet finds the good state
    // (never lost there) and moves the chain to bad; the second finds bad and is lost.
    LossModel model = new LossModel.GilbertElliott(1, 1, 1, 0).create();
    UniformRandomProvider random = new RandomStreams(1).get("test");
    assertThat(model.decide(random)).isNull();
    assertThat(model.decide(random)).isEqualTo(DropCause.BURST);
    assertThat(model.decide(random)).isNull();
    assertThat(model.decide(random)).isEqualTo(DropCause.BURST);
  }

  @Test
  void gilbertElliott_takesNetemsDefaults() {
    assertThat(LossModel.GilbertElliott.of(0.1))
        .isEqualTo(new LossModel.GilbertElliott(0.1, 0.9, 1, 0));
    assertThat(LossModel.named("gilbert-elliott", 0.1)).isEqualTo(LossModel.GilbertElliott.of(0.1));
    assertThat(LossModel.named("gilbert-elliott", 0.1, 0.3))
        .isEqualTo(new LossModel.GilbertElliott(0.1, 0.3, 1, 0));
    assertThat(LossModel.named("gilbert-elliott", 0.1, 0.3, 0.8, 0.05))
        .isEqualTo(new LossModel.GilbertElliott(0.1, 0.3, 0.8, 0.05));
    assertThat(LossModel.named("bernoulli", 0.2)).isEqualTo(new LossModel.Bernoulli(0.2));
    assertThat(LossModel.named("none")).isEqualTo(LossModel.NONE);
  }

  @Test
  void aModelsForm_namesItsParametersInNetemsOrder_theRequiredFirst() {
    LossModel.Form gilbert = LossModel.MODELS.get("gilbert-elliott");
    assertThat(gilbert.parameters()).containsExactly("p", "r", "1-h", "1-k");
    assertThat(gilbert.required()).isEqualTo(1);
    assertThat(gilbert.takes("1-k")).isTrue();
    assertThat(LossModel.MODELS.get("bernoulli").takes("r")).isFalse();
    assertThat(LossModel.MODELS.get("none").parameters()).isEmpty();
  }

  @Test
  void duplication_doesNotChangeTheLossDraws() {
    int n = 20_000;
    for (LossModel.Spec loss :
        new LossModel.Spec[] {
          new LossModel.Bernoulli(0.1), LossModel.GilbertElliott.of(0.05, 0.3)
        }) {
      LinkConfig plain = LinkConfig.builder().loss(loss).build();
      LinkConfig duplicating = plain.toBuilder().duplicate(0.5).build();
      LinkRun without = LinkRun.over(plain, 14).send(n, SPACING).run();
      LinkRun with = LinkRun.over(duplicating, 14).send(n, SPACING).run();
      assertThat(with.counters().duplicated()).as("duplicates with %s", loss).isPositive();
      assertThat(with.lostSequences())
          .as("lost sequence numbers with %s", loss)
          .isNotEmpty()
          .isEqualTo(without.lostSequences());
    }
  }

  @Test
  void lossDraws_comeFromTheDirectionsOwnNamedStream() {
    LinkRun run = LinkRun.over(LinkConfig.builder().loss(0.5).build(), 15);
    run.send(1000, SPACING).run();
    assertThat(run.link.bToA().counters().droppedTotal()).isZero();
    assertThat(run.net.streams().names())
        .contains("link/client-server/client->server/loss")
        .doesNotContain("link/client-server/server->client/loss");
  }

  @Test
  void badLossParameters_areRejectedWithTheirValue() {
    assertThatThrownBy(() -> new LossModel.Bernoulli(1.5))
        .hasMessage("loss probability must be within [0, 1], got 1.5");
    assertThatThrownBy(() -> new LossModel.GilbertElliott(0.1, -0.2, 1, 0))
        .hasMessage("bad-to-good transition (r) probability must be within [0, 1], got -0.2");
    assertThatThrownBy(() -> LossModel.named("gilbert-elliott", 0.1, 0.3, 1.2))
        .hasMessage("loss in the bad state (1-h) probability must be within [0, 1], got 1.2");
    assertThatThrownBy(() -> LossModel.named("gilbert-elliot", 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown loss model 'gilbert-elliot' (known: "
                + String.join(", ", LossModel.MODELS.names())
                + ")");
    assertThat(LossModel.MODELS.names()).startsWith("none", "bernoulli", "gilbert-elliott");
    assertThatThrownBy(() -> LossModel.named("bernoulli"))
        .hasMessage("loss model 'bernoulli' takes 1 parameters, got 0");
    assertThatThrownBy(() -> LossModel.named("gilbert-elliott", 0.1, 0.2, 0.3, 0.4, 0.5))
        .hasMessage("loss model 'gilbert-elliott' takes 1 to 4 parameters, got 5");
  }
}
