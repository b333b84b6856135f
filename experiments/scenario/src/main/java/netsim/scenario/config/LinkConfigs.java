package netsim.scenario.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import netsim.net.link.Jitter;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import netsim.net.link.QueueDiscipline;

/**
 * Turns {@link DirectionSettings} into sim-net's {@link LinkConfig}, looking up jitter
 * distributions, loss models and queue disciplines by name. Adding one is one registration here.
 */
public final class LinkConfigs {
  /** Jitter distributions by name; each makes a jitter of the given spread in nanoseconds. */
  public static final Registry<LongFunction<Jitter>> JITTER_DISTRIBUTIONS =
      new Registry<LongFunction<Jitter>>("jitter distribution")
          .register("uniform", Jitter.Uniform::new)
          .register("normal", Jitter.Normal::new)
          .register("pareto", Jitter.Pareto::new)
          .register("paretonormal", Jitter.ParetoNormal::new);

  /** Loss models by name. */
  public static final Registry<Function<DirectionSettings.LossSettings, LossModel.Spec>>
      LOSS_MODELS =
          new Registry<Function<DirectionSettings.LossSettings, LossModel.Spec>>("loss model")
              .register("none", s -> LossModel.NONE)
              .register(
                  "bernoulli", s -> s.p() == 0 ? LossModel.NONE : new LossModel.Bernoulli(s.p()))
              .register("gilbert-elliott", LinkConfigs::gilbertElliott);

  /** Queue disciplines by name. */
  public static final Registry<Function<DirectionSettings.QueueSettings, QueueDiscipline.Spec>>
      QUEUES =
          new Registry<Function<DirectionSettings.QueueSettings, QueueDiscipline.Spec>>(
                  "queue discipline")
              .register("droptail", q -> withParameters(q, "droptail", false))
              .register("red", q -> withParameters(q, "red", true))
              .register("codel", q -> withParameters(q, "codel", true));

  private LinkConfigs() {}

  /** The sim-net configuration of one link direction. */
  public static LinkConfig of(DirectionSettings s) {
    return LinkConfig.builder()
        .bandwidth(s.bandwidth())
        .delay(s.delay())
        .jitter(
            s.jitter() == 0
                ? Jitter.NONE
                : JITTER_DISTRIBUTIONS.get(s.jitterDistribution()).apply(s.jitter()))
        .jitterReorders(s.jitterReorders())
        .queue(QUEUES.get(s.queue().kind()).apply(s.queue()))
        .loss(LOSS_MODELS.get(s.loss().model()).apply(s.loss()))
        .duplicate(s.duplicate())
        .corrupt(s.corrupt())
        .reorder(s.reorder(), s.reorderGap())
        .up(s.up())
        .build();
  }

  private static LossModel.Spec gilbertElliott(DirectionSettings.LossSettings s) {
    return new LossModel.GilbertElliott(s.p(), s.r(), s.lossInBad(), s.lossInGood());
  }

  /**
   * sim-net's queue discipline {@code name} with the queue's packet limit and its own parameters
   * (RED's min, max, probability...; CoDel's target and interval).
   */
  private static QueueDiscipline.Spec withParameters(
      DirectionSettings.QueueSettings q, String name, boolean takesParameters) {
    Map<String, String> parameters = new LinkedHashMap<>();
    boolean byteMode = "bytes".equals(q.parameters().get("mode"));
    parameters.put("limit", byteMode ? Long.toString(q.bytes()) : Integer.toString(q.packets()));
    if (name.equals("droptail") && q.bytes() > 0) {
      parameters.put("bytes", Long.toString(q.bytes()));
    }
    if (!q.parameters().isEmpty() && !takesParameters) {
      throw new IllegalArgumentException(
          "queue discipline '"
              + name
              + "' takes no parameters"
              + " besides packets and bytes; got "
              + q.parameters().keySet());
    }
    parameters.putAll(q.parameters());
    return QueueDiscipline.named(name, parameters);
  }
}
