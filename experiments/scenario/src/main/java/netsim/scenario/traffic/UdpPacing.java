package netsim.scenario.traffic;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * When a UDP source's datagrams leave: the source sends one at {@link #first} and each next one at
 * {@link #next} of the one before. Each kind of source ({@link UdpPacings#KINDS}) is one pacing. A
 * pacing has state (where it is in an on-period, a fraction of a nanosecond behind): one per
 * source.
 */
public interface UdpPacing {
  /** The time of the first datagram of a source that starts at {@code start}. */
  long first(long start);

  /** The time of the datagram after the one at {@code due}. */
  long next(long due);

  /** Makes the pacing of one source. */
  @FunctionalInterface
  interface Factory {
    /**
     * The pacing of datagrams of {@code size} bytes at {@code rate} bit/s, with the source's
     * on-periods and off-periods (used by the kinds that have them), drawing from {@code random},
     * the source's own stream.
     */
    UdpPacing create(
        long rate, long size, Distribution on, Distribution off, UniformRandomProvider random);
  }
}
