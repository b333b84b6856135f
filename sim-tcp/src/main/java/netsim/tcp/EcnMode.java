package netsim.tcp;

import java.util.Locale;

/**
 * Whether an endpoint uses ECN (RFC 3168 6.1.1), as Linux's {@code net.ipv4.tcp_ecn} and FreeBSD's
 * {@code net.inet.tcp.ecn.enable} choose it.
 */
public enum EcnMode {
  /** Never: no ECN-setup SYN, and an ECN-setup SYN is answered with a plain SYN,ACK (0). */
  OFF,
  /** Ask for ECN on active opens, and accept it when asked (1). */
  ON,
  /**
   * Accept ECN when the peer's SYN asks for it, but do not ask (2: Linux's and FreeBSD's default).
   */
  PASSIVE;

  /** "off", "on", "passive". */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode called {@code name} ("off", "on", "passive", in any case).
   *
   * @throws IllegalArgumentException naming the known modes
   */
  public static EcnMode named(String name) {
    for (EcnMode mode : values()) {
      if (mode.configName().equals(name.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown ECN mode '" + name + "' (known: off, on, passive)");
  }

  /** The mode of a sysctl value: 0 off, 1 on, 2 passive (Linux tcp_ecn, FreeBSD ecn.enable). */
  public static EcnMode ofSysctl(int value) {
    return switch (value) {
      case 0 -> OFF;
      case 1 -> ON;
      case 2 -> PASSIVE;
      default ->
          throw new IllegalArgumentException(
              "ECN sysctl value must be 0 (off), 1 (on) or 2 (passive), got " + value);
    };
  }
}
