package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.function.Function;
import netsim.core.Registry;
import netsim.net.packet.DropCause;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * Decides, packet by packet, whether a link direction loses a packet at random. A model may keep
 * state between packets (Gilbert-Elliott does), so each link direction has its own instance, made
 * from an immutable {@link Spec}.
 */
public interface LossModel {

  /** The cause to drop the next packet for, or null to let it through. */
  @Nullable DropCause decide(UniformRandomProvider random);

  /** An immutable description of a loss model, part of a {@link LinkConfig}. */
  sealed interface Spec permits None, Bernoulli, GilbertElliott {
    LossModel create();
  }

  /** No random loss. */
  record None() implements Spec {
    @Override
    public LossModel create() {
      return random -> null;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /** Each packet is lost independently with probability {@code p} (netem's {@code loss random}). */
  record Bernoulli(double p) implements Spec {
    public Bernoulli {
      checkProbability("loss", p);
    }

    @Override
    public LossModel create() {
      return random -> random.nextDouble() < p ? DropCause.LOSS : null;
    }
  }

  /**
   * Bursty loss: a two-state Markov chain, good and bad, each with its own loss probability
   * (netem's {@code loss gemodel p r 1-h 1-k}). Losses are reported with cause {@link
   * DropCause#BURST}. The chain starts in the good state.
   *
   * <p>Per packet, as netem's {@code loss_gilb_ell}: a first draw decides the state transition
   * (good to bad with probability {@code p}, bad to good with probability {@code r}); a second draw
   * decides the loss with the loss probability of the state the packet found, that is the state
   * before this transition. In the long run a fraction {@code p/(p+r)} of packets find the bad
   * state, so the loss rate is {@code p/(p+r)*lossInBad + r/(p+r)*lossInGood}; with netem's
   * defaults a loss burst lasts {@code 1/r} packets on average.
   *
   * @param p the probability of moving from good to bad
   * @param r the probability of moving from bad to good (netem's default: {@code 1-p})
   * @param lossInBad the loss probability in the bad state, netem's {@code 1-h} (default 1)
   * @param lossInGood the loss probability in the good state, netem's {@code 1-k} (default 0)
   */
  record GilbertElliott(double p, double r, double lossInBad, double lossInGood) implements Spec {
    public GilbertElliott {
      checkProbability("good-to-bad transition (p)", p);
      checkProbability("bad-to-good transition (r)", r);
      checkProbability("loss in the bad state (1-h)", lossInBad);
      checkProbability("loss in the good state (1-k)", lossInGood);
    }

    /**
     * The simple Gilbert model with netem's defaults: {@code r = 1-p}, every packet lost in bad.
     */
    public static GilbertElliott of(double p) {
      return new GilbertElliott(p, 1 - p, 1, 0);
    }

    /** The Gilbert model: every packet is lost in the bad state, none in the good one. */
    public static GilbertElliott of(double p, double r) {
      return new GilbertElliott(p, r, 1, 0);
    }

    /** The long-run fraction of packets lost. */
    public double stationaryLossRate() {
      if (p + r == 0) {
        return lossInGood; // the chain never leaves the good state it starts in
      }
      return p / (p + r) * lossInBad + r / (p + r) * lossInGood;
    }

    @Override
    public LossModel create() {
      return new GilbertElliottLoss(this);
    }
  }

  Spec NONE = new None();

  /**
   * A loss model as a configuration names it: its parameters by netem's names, in netem's order
   * (the first {@code required} must be given; the others have netem's defaults), and how its spec
   * is made from them. Each parameter is a probability in [0, 1].
   */
  record Form(List<String> parameters, int required, Function<Parameters, Spec> make) {
    public Form {
      parameters = List.copyOf(parameters);
      checkArgument(required >= 0 && required <= parameters.size(), "required %s", required);
      checkNotNull(make, "make");
    }

    /** Whether the model takes parameter {@code name}. */
    public boolean takes(String name) {
      return parameters.contains(name);
    }
  }

  /** The parameters a loss model is made from, by name. */
  interface Parameters {
    boolean has(String name);

    /** The value of a parameter that {@link #has} it. */
    double get(String name);
  }

  /**
   * Loss models by name, each taking netem's parameters as probabilities in [0, 1]: {@code none};
   * {@code bernoulli p}; {@code gilbert-elliott p [r [1-h [1-k]]]} with netem's defaults for the
   * omitted ones ({@code r = 1-p}, {@code 1-h = 1}, {@code 1-k = 0}).
   */
  Registry<Form> MODELS =
      Registry.<Form>builder("loss model")
          .register("none", new Form(List.of(), 0, params -> NONE))
          .register(
              "bernoulli", new Form(List.of("p"), 1, params -> new Bernoulli(params.get("p"))))
          .register(
              "gilbert-elliott",
              new Form(
                  List.of("p", "r", "1-h", "1-k"),
                  1,
                  params -> {
                    double p = params.get("p");
                    return new GilbertElliott(
                        p,
                        params.has("r") ? params.get("r") : 1 - p,
                        params.has("1-h") ? params.get("1-h") : 1,
                        params.has("1-k") ? params.get("1-k") : 0);
                  }))
          .build();

  /**
   * The loss model called {@code name} with netem's positional parameters, e.g. {@code
   * named("gilbert-elliott", 0.01, 0.3)}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), a wrong number
   *     of parameters or a parameter out of range
   */
  static Spec named(String name, double... params) {
    Form form = MODELS.get(name);
    checkArity(name, params, form.required(), form.parameters().size());
    double[] values = params.clone();
    return form.make()
        .apply(
            new Parameters() {
              @Override
              public boolean has(String parameter) {
                int i = form.parameters().indexOf(parameter);
                return i >= 0 && i < values.length;
              }

              @Override
              public double get(String parameter) {
                checkArgument(has(parameter), "no parameter %s", parameter);
                return values[form.parameters().indexOf(parameter)];
              }
            });
  }

  private static void checkArity(String name, double[] params, int min, int max) {
    checkArgument(
        params.length >= min && params.length <= max,
        "loss model '%s' takes %s parameters, got %s",
        name,
        min == max ? String.valueOf(min) : min + " to " + max,
        params.length);
  }

  private static void checkProbability(String what, double p) {
    checkArgument(p >= 0 && p <= 1, "%s probability must be within [0, 1], got %s", what, p);
  }
}
