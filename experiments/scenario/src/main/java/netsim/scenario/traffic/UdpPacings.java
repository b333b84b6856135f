package netsim.scenario.traffic;

import netsim.core.Registry;

/**
 * The kinds of UDP source by name, as a config gives them (a source's {@code kind}): one
 * registration per kind. (A class of its own, not a constant of {@link UdpPacing}, so that the
 * interface's initialization never waits for its implementations'.)
 */
public final class UdpPacings {
  /**
   * {@code cbr}: one datagram every size 8 / rate exactly; {@code onoff}: at that rate during
   * on-periods, silent during off-periods; {@code poisson}: gaps drawn exponential with that mean.
   */
  public static final Registry<UdpPacing.Factory> KINDS =
      Registry.<UdpPacing.Factory>builder("UDP source kind")
          .register("cbr", (rate, size, on, off, random) -> new ConstantRatePacing(rate, size))
          .register(
              "onoff",
              (rate, size, on, off, random) ->
                  new OnOffPacing(
                      new ConstantRatePacing(rate, size), on.sampler(random), off.sampler(random)))
          .register(
              "poisson", (rate, size, on, off, random) -> new PoissonPacing(rate, size, random))
          .build();

  private UdpPacings() {}
}
