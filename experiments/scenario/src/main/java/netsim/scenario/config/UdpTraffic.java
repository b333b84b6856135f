package netsim.scenario.config;

import netsim.scenario.traffic.Distribution;

/**
 * What a UDP source sends: datagrams of {@code size} data bytes at {@code rate} bit/s, as {@code
 * kind} paces them, from its start until {@code until} (or the run's end).
 *
 * @param kind a name of {@link netsim.scenario.traffic.UdpPacings#KINDS}: how the datagrams are
 *     paced ({@code onoff} draws its periods from {@code on} and {@code off})
 * @param until the virtual time it stops sending, or -1 for never
 */
public record UdpTraffic(
    String kind, long rate, long size, long until, Distribution on, Distribution off) {

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the UDP source table. */
  static final class Builder {
    private String kind;
    private long rate;
    private long size;
    private long until;
    private Distribution on;
    private Distribution off;

    Builder kind(String value) {
      kind = value;
      return this;
    }

    Builder rate(long value) {
      rate = value;
      return this;
    }

    Builder size(long value) {
      size = value;
      return this;
    }

    Builder until(long value) {
      until = value;
      return this;
    }

    Builder on(Distribution value) {
      on = value;
      return this;
    }

    Builder off(Distribution value) {
      off = value;
      return this;
    }

    UdpTraffic build() {
      return new UdpTraffic(kind, rate, size, until, on, off);
    }
  }
}
