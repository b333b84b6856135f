package netsim.packetdrill;

import java.util.function.Consumer;
import netsim.tcp.TcpConfig;
import org.jspecify.annotations.Nullable;

/**
 * What one command of a script's shell line does to the simulated host.
 *
 * @param command the command as written (one of a line's {@code ;}-separated commands), or the
 *     {@code name=value} it sets
 * @param detail what it changes, why it changes nothing, or why netsim cannot honour it
 * @param change for {@link Kind#APPLIED}, the change to the endpoint's configuration; else null
 * @param check for {@link Kind#CHECK}, the test of the socket table; else null
 * @param hostChange for {@link Kind#HOST}, the change to the running host; else null
 * @param drop for {@link Kind#DROP}, the connections FreeBSD's tcpdrop drops; else null
 */
record ShellEffect(
    Kind kind,
    String command,
    String detail,
    @Nullable Consumer<TcpConfig.Builder> change,
    @Nullable SocketTable check,
    @Nullable Consumer<ScriptHost> hostChange,
    @Nullable TcpDrop drop) {

  /** How netsim treats a command. */
  enum Kind {
    /** A setting the model has: applied to the endpoint's configuration. */
    APPLIED,
    /**
     * A change to the host as it runs, made when the line runs (such as a queue that refuses every
     * packet): unlike a setting, it may come after the endpoint started.
     */
    HOST,
    /** A test of the model's state (FreeBSD's {@code sockstat | grep}), which fails the script. */
    CHECK,
    /**
     * Connections dropped from outside the socket API (FreeBSD's {@code tcpdrop}), when it runs.
     */
    DROP,
    /** Nothing to do in the model (such as turning off a feature the model does not have). */
    NO_EFFECT,
    /** A known command or setting whose effect the model does not have. */
    NOT_MODELLED,
    /** A command netsim does not know. */
    UNKNOWN
  }

  static ShellEffect applied(String command, String detail, Consumer<TcpConfig.Builder> change) {
    return new ShellEffect(Kind.APPLIED, command, detail, change, null, null, null);
  }

  static ShellEffect check(String command, String detail, SocketTable check) {
    return new ShellEffect(Kind.CHECK, command, detail, null, check, null, null);
  }

  static ShellEffect host(String command, String detail, Consumer<ScriptHost> hostChange) {
    return new ShellEffect(Kind.HOST, command, detail, null, null, hostChange, null);
  }

  static ShellEffect drop(String command, String detail, TcpDrop drop) {
    return new ShellEffect(Kind.DROP, command, detail, null, null, null, drop);
  }

  static ShellEffect noEffect(String command, String detail) {
    return new ShellEffect(Kind.NO_EFFECT, command, detail, null, null, null, null);
  }

  static ShellEffect notModelled(String command, String detail) {
    return new ShellEffect(Kind.NOT_MODELLED, command, detail, null, null, null, null);
  }

  static ShellEffect unknown(String command) {
    return new ShellEffect(Kind.UNKNOWN, command, "unknown command", null, null, null, null);
  }

  /**
   * Whether the model can run the script as the command asks (applied, checked, or nothing to do).
   */
  boolean honoured() {
    return kind == Kind.APPLIED
        || kind == Kind.HOST
        || kind == Kind.DROP
        || kind == Kind.NO_EFFECT
        || kind == Kind.CHECK;
  }

  /** {@code sysctl net.ipv4.tcp_sack=0: applied (tcp.sackPermitted = false)}. */
  String describe() {
    String how =
        switch (kind) {
          case APPLIED, HOST, DROP -> "applied";
          case CHECK -> "checked";
          case NO_EFFECT -> "no effect";
          case NOT_MODELLED -> "not modelled";
          case UNKNOWN -> "unknown";
        };
    return command + ": " + how + (kind == Kind.UNKNOWN ? "" : " (" + detail + ")");
  }
}
