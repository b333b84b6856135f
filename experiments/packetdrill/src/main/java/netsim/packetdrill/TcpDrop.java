package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import org.jspecify.annotations.Nullable;

/**
 * FreeBSD's {@code tcpdrop(8)} in a script's shell line: the connections it drops. Each is dropped
 * as the kernel's {@code net.inet.tcp.drop} sysctl does (tcp_subr.c sysctl_drop): {@code
 * tcp_drop(tp, ECONNABORTED)}, a RST,ACK where a SYN has arrived and ECONNABORTED as the socket's
 * pending error. The forms (tcpdrop.c's getopt {@code "alS:s:"}): {@code tcpdrop LADDR LPORT FADDR
 * FPORT} or {@code tcpdrop LADDR:LPORT FADDR:FPORT}, one connection, which must exist; {@code -a},
 * every connection that is not listening; {@code -s STATE}, every connection in that state ({@code
 * tcp_fsm.h}'s names, not CLOSED or LISTEN); {@code -S STACK}, every connection of that TCP stack
 * (the model's are all FreeBSD's default, {@code freebsd}); {@code -l} prints the commands instead
 * of dropping. A wrong use is tcpdrop's usage error: it exits 1, and the line fails.
 *
 * @param state the state whose connections {@code -s} drops (FreeBSD's name), or null
 * @param tuple the one connection the address form drops, or null
 * @param noneOfItsStack whether {@code -S} named a stack no connection of the model runs
 * @param usage for a wrong use, what is wrong with it; otherwise null
 */
record TcpDrop(
    @Nullable String state,
    @Nullable FourTuple tuple,
    boolean noneOfItsStack,
    @Nullable String usage) {

  /** {@code tcp_fsm.h}'s tcpstates[] that {@code -s} accepts (CLOSED and LISTEN are refused). */
  static final Set<String> STATES =
      Set.of(
          "SYN_SENT",
          "SYN_RCVD",
          "ESTABLISHED",
          "CLOSE_WAIT",
          "FIN_WAIT_1",
          "CLOSING",
          "LAST_ACK",
          "FIN_WAIT_2",
          "TIME_WAIT");

  /** FreeBSD's default TCP stack (tcp_functions), which every connection of the model runs. */
  static final String DEFAULT_STACK = "freebsd";

  /** What {@code command}, whose words are {@code args} ({@code tcpdrop} first), does. */
  static ShellEffect interpret(String command, List<String> args) {
    boolean all = false;
    boolean list = false;
    String state = null;
    String stack = null;
    List<String> operands = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String word = args.get(i);
      if (!word.startsWith("-") || word.length() == 1) {
        operands.add(word);
        continue;
      }
      for (int j = 1; j < word.length(); j++) {
        char flag = word.charAt(j);
        switch (flag) {
          case 'a' -> all = true;
          case 'l' -> list = true;
          case 's', 'S' -> {
            String value = j + 1 < word.length() ? word.substring(j + 1) : null;
            if (value == null && i + 1 < args.size()) {
              value = args.get(++i);
            }
            if (value == null) {
              return usage(command, "-" + flag + " needs a value");
            }
            if (flag == 's') {
              state = value;
            } else {
              stack = value;
            }
            j = word.length();
          }
          default -> {
            return flag == 'C'
                ? ShellEffect.notModelled(
                    command, "tcpdrop -C (by congestion control algorithm) is not modelled")
                : usage(command, "no option -" + flag);
          }
        }
      }
    }
    boolean byStack = state != null || stack != null;
    if (state != null && !STATES.contains(state)) {
      return usage(command, "-s needs a state other than CLOSED and LISTEN, got " + state);
    }
    if (all && byStack) {
      return usage(command, "-a goes with neither -s nor -S");
    }
    if (all || byStack) {
      if (!operands.isEmpty()) {
        return usage(command, "-a, -s and -S take no addresses");
      }
      if (list) {
        return ShellEffect.noEffect(
            command, "tcpdrop -l prints the commands that would drop the connections");
      }
      boolean otherStack = stack != null && !stack.equals(DEFAULT_STACK);
      TcpDrop drop = new TcpDrop(state, null, otherStack, null);
      return ShellEffect.drop(command, drop.describe(), drop);
    }
    if (list || (operands.size() != 2 && operands.size() != 4)) {
      return usage(command, "the address form needs two or four operands, without -l");
    }
    List<String> parts = new ArrayList<>();
    if (operands.size() == 4) {
      parts.addAll(operands);
    } else {
      for (String operand : operands) {
        int split = Math.max(operand.lastIndexOf('.'), operand.lastIndexOf(':'));
        if (split <= 0 || split == operand.length() - 1) {
          return usage(command, operand + " is not an address and a port");
        }
        parts.add(operand.substring(0, split));
        parts.add(operand.substring(split + 1));
      }
    }
    Endpoint local = endpoint(parts.get(0), parts.get(1));
    Endpoint foreign = endpoint(parts.get(2), parts.get(3));
    if (local == null || foreign == null) {
      return ShellEffect.notModelled(
          command, "tcpdrop of an address that is not a numeric IPv4 address and port");
    }
    TcpDrop drop = new TcpDrop(null, new FourTuple(local, foreign), false, null);
    return ShellEffect.drop(command, drop.describe(), drop);
  }

  private static ShellEffect usage(String command, String problem) {
    TcpDrop drop = new TcpDrop(null, null, false, "tcpdrop's usage error (" + problem + ")");
    return ShellEffect.drop(command, "fails: " + drop.usage, drop);
  }

  private static @Nullable Endpoint endpoint(String address, String port) {
    if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !port.matches("\\d{1,5}")) {
      return null;
    }
    int number = Integer.parseInt(port);
    return number > 0xFFFF ? null : new Endpoint(Ipv4Address.parse(address), number);
  }

  /** Whether the drop selects a connection of {@code connection} in {@code stateName}. */
  boolean selects(FourTuple connection, String stateName) {
    if (usage != null || noneOfItsStack) {
      return false;
    }
    if (tuple != null) {
      return tuple.equals(connection);
    }
    return state == null || state.equals(stateName);
  }

  /** Whether tcpdrop fails when nothing is selected: the address form names one connection. */
  boolean needsAMatch() {
    return tuple != null;
  }

  private String describe() {
    if (noneOfItsStack) {
      return "drops nothing: every connection of the model runs FreeBSD's default stack, "
          + DEFAULT_STACK;
    }
    String which =
        tuple != null
            ? "the connection " + tuple.local() + " " + tuple.remote()
            : state != null ? "every connection in " + state : "every connection not listening";
    return "drops " + which + " as tcp_drop does (RST,ACK; ECONNABORTED)";
  }
}
