package netsim.packetdrill;

import java.util.function.Consumer;
import netsim.tcp.TcpConfig;

/**
 * What one command of a script's shell line does to the simulated host.
 *
 * @param command the command as written (one of a line's {@code ;}-separated commands), or the
 *     {@code name=value} it sets
 * @param detail what it changes, why it changes nothing, or why netsim cannot honour it
 * @param change for {@link Kind#APPLIED}, the change to the endpoint's configuration; else null
 */
record ShellEffect(Kind kind, String command, String detail, Consumer<TcpConfig.Builder> change) {

  /** How netsim treats a command. */
  enum Kind {
    /** A setting the model has: applied to the endpoint's configuration. */
    APPLIED,
    /** Nothing to do in the model (such as turning off a feature the model does not have). */
    NO_EFFECT,
    /** A known command or setting whose effect the model does not have. */
    NOT_MODELLED,
    /** A command netsim does not know. */
    UNKNOWN
  }

  static ShellEffect applied(String command, String detail, Consumer<TcpConfig.Builder> change) {
    return new ShellEffect(Kind.APPLIED, command, detail, change);
  }

  static ShellEffect noEffect(String command, String detail) {
    return new ShellEffect(Kind.NO_EFFECT, command, detail, null);
  }

  static ShellEffect notModelled(String command, String detail) {
    return new ShellEffect(Kind.NOT_MODELLED, command, detail, null);
  }

  static ShellEffect unknown(String command) {
    return new ShellEffect(Kind.UNKNOWN, command, "unknown command", null);
  }

  /** Whether the model can run the script as the command asks (applied, or nothing to do). */
  boolean honoured() {
    return kind == Kind.APPLIED || kind == Kind.NO_EFFECT;
  }

  /** {@code sysctl net.ipv4.tcp_sack=0: applied (tcp.sackPermitted = false)}. */
  String describe() {
    String how =
        switch (kind) {
          case APPLIED -> "applied";
          case NO_EFFECT -> "no effect";
          case NOT_MODELLED -> "not modelled";
          case UNKNOWN -> "unknown";
        };
    return command + ": " + how + (kind == Kind.UNKNOWN ? "" : " (" + detail + ")");
  }
}
