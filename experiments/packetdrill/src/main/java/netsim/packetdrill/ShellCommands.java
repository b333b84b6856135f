package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a script's back-quoted shell line as the commands it runs, and says what each does to the
 * simulated host ({@link ShellEffect}): {@code sysctl}, Linux's {@code set_sysctls.py} and {@code
 * echo V > /proc/sys/...} settings go to {@link Sysctls}; the suite's {@code defaults.sh} and its
 * restore script, offload, route and metrics commands are recognised; FreeBSD's {@code sockstat |
 * grep ...} pipelines are checks of the socket table ({@link SocketTable}), its {@code tcpdrop}
 * drops connections ({@link TcpDrop}); anything else is unknown. A line's commands are separated by
 * new lines, {@code ;}, {@code &&} and {@code ||}; {@code \} continues a line and {@code #} starts
 * a comment. netsim runs no shell.
 */
final class ShellCommands {
  private ShellCommands() {}

  /** The effect of every command of {@code line}, in order. */
  static List<ShellEffect> interpret(String line) {
    List<ShellEffect> effects = new ArrayList<>();
    for (String command : commands(line)) {
      effects.addAll(interpretOne(command));
    }
    return List.copyOf(effects);
  }

  /** The commands of a shell line, comments and continuations removed. */
  static List<String> commands(String line) {
    List<String> commands = new ArrayList<>();
    for (String physical : line.replace("\\\n", " ").split("\n")) {
      String text = stripComment(physical);
      for (String command : text.split(";|&&|\\|\\|")) {
        if (!command.isBlank()) {
          commands.add(command.strip().replaceAll("\\s+", " "));
        }
      }
    }
    return commands;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static List<ShellEffect> interpretOne(String command) {
    List<String> words = words(command);
    String redirect = null;
    List<String> args = new ArrayList<>();
    boolean piped = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("|")) {
        piped = true;
      } else if (word.equals(">") || word.equals(">>")) {
        redirect = i + 1 < words.size() ? words.get(++i) : "";
      } else if (word.matches("\\d?>>?/dev/null|&>/dev/null|\\d>&\\d")) {
        // output thrown away
      } else if (word.equals("&>") || word.equals("2>")) {
        i++; // and its file
      } else if (!piped) {
        args.add(word);
      }
    }
    if (args.isEmpty()) {
      return List.of(ShellEffect.unknown(command));
    }
    String program = args.get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    if (redirect != null && redirect.equals("/dev/null")) {
      redirect = null;
    }
    if (name.equals("defaults.sh")) {
      return List.of(
          ShellEffect.noEffect(
              command, "sets the suite's sysctl defaults, which the profile stands for"));
    }
    if (name.startsWith("sysctl_restore_")) {
      return List.of(
          ShellEffect.noEffect(
              command, "restores the sysctls the script set; each script has a fresh host"));
    }
    if (piped) {
      return List.of(
          switch (name) {
            case "nstat" ->
                ShellEffect.notModelled(
                    command, "reads the kernel's SNMP counters, which the model does not keep");
            case "sockstat" -> SocketTable.interpret(command);
            default -> ShellEffect.unknown(command);
          });
    }
    return switch (name) {
      case "sysctl" -> settings(command, args.subList(1, args.size()), false);
      case "set_sysctls.py" -> settings(command, args.subList(1, args.size()), true);
      case "echo" -> echo(command, args, redirect);
      case "ethtool" ->
          List.of(
              ShellEffect.noEffect(
                  command,
                  "netsim has no segmentation or receive offload: each segment is its own packet"));
      case "ip" -> List.of(ip(command, args));
      case "nstat" ->
          List.of(ShellEffect.noEffect(command, "resets counters the model does not keep"));
      case "tcpdrop" -> List.of(TcpDrop.interpret(command, args));
      case "tc" -> List.of(tc(command, args));
      default -> List.of(ShellEffect.unknown(command));
    };
  }

  /** {@code sysctl [-q] [-w] a.b=1 c.d=2}, or set_sysctls.py's {@code /proc/sys/a/b=1}. */
  private static List<ShellEffect> settings(String command, List<String> args, boolean procFiles) {
    List<ShellEffect> effects = new ArrayList<>();
    for (String arg : args) {
      if (!procFiles && arg.startsWith("-")) {
        continue; // -q, -w, -e: quiet, write, ignore unknown names
      }
      int equals = arg.indexOf('=');
      if (equals <= 0) {
        effects.add(ShellEffect.unknown(command));
        continue;
      }
      effects.add(Sysctls.set(arg.substring(0, equals), arg.substring(equals + 1)));
    }
    return effects.isEmpty() ? List.of(ShellEffect.unknown(command)) : effects;
  }

  /** {@code echo 3 > /proc/sys/net/ipv4/X} or {@code > /sys/module/tcp_cubic/parameters/X}. */
  private static List<ShellEffect> echo(String command, List<String> args, String target) {
    if (target == null || args.size() != 2) {
      return List.of(ShellEffect.unknown(command));
    }
    String value = args.get(1);
    if (target.startsWith("/proc/sys/")) {
      return List.of(Sysctls.set(target, value));
    }
    if (target.startsWith("/sys/module/")) {
      return List.of(Sysctls.set(target.substring("/sys/module/".length()), value));
    }
    return List.of(ShellEffect.unknown(command));
  }

  /**
   * {@code ip tcp_metrics flush}, {@code ip -6 route ...}, and {@code ip route change ... advmss N
   * initcwnd N} (the MSS and initial window of the route, which the model has).
   */
  private static ShellEffect ip(String command, List<String> args) {
    if (args.size() >= 2 && args.get(1).equals("tcp_metrics")) {
      return ShellEffect.noEffect(command, "the model keeps no per-destination metrics");
    }
    if (args.size() >= 2 && args.get(1).equals("-6")) {
      return ShellEffect.noEffect(command, "an IPv6 route; the script runs over IPv4");
    }
    if (args.size() < 3 || !args.get(1).equals("route")) {
      return ShellEffect.unknown(command);
    }
    Integer mss = null;
    Integer window = null;
    for (int i = 3; i + 1 < args.size(); i++) {
      try {
        switch (args.get(i)) {
          case "advmss" -> mss = Integer.parseInt(args.get(++i));
          case "initcwnd" -> window = Integer.parseInt(args.get(++i));
          default -> {
            // via, dev, mtu lock: the path, which a script's single endpoint does not have
          }
        }
      } catch (NumberFormatException e) {
        return ShellEffect.unknown(command);
      }
    }
    if (mss == null && window == null) {
      return ShellEffect.noEffect(command, "no route attribute the model has (advmss, initcwnd)");
    }
    Integer routeMss = mss;
    Integer routeWindow = window;
    return ShellEffect.applied(
        command,
        (routeMss == null ? "" : "tcp.mss = " + routeMss)
            + (routeMss != null && routeWindow != null ? ", " : "")
            + (routeWindow == null ? "" : "tcp.initialWindow = " + routeWindow),
        b -> {
          if (routeMss != null) {
            b.mss(routeMss);
          }
          if (routeWindow != null) {
            b.initialWindow(routeWindow);
          }
        });
  }

  /**
   * {@code tc qdisc ...}: removing the root qdisc leaves the host's default queue, which the model
   * stands for; a {@code pfifo limit 0} queue refuses every packet from then on; installing another
   * is not modelled, with the reason for the known idioms.
   */
  private static ShellEffect tc(String command, List<String> args) {
    boolean qdisc = args.size() >= 3 && args.get(1).equals("qdisc");
    if (qdisc && args.get(2).startsWith("del") && args.contains("root")) {
      return ShellEffect.noEffect(
          command, "removes the root qdisc: the host's default queue, which the model has");
    }
    if (args.contains("fq")) {
      return ShellEffect.notModelled(command, "the fq qdisc paces segments; netsim has no pacing");
    }
    int pfifo = args.indexOf("pfifo");
    if (qdisc
        && pfifo > 0
        && pfifo + 2 < args.size()
        && args.get(pfifo + 1).equals("limit")
        && args.get(pfifo + 2).equals("0")) {
      return ShellEffect.host(
          command,
          "the host's queue refuses every packet: nothing leaves, new data is retried by the"
              + " probe timer every 500 ms (Linux's resource probes, tcp_send_probe0)",
          ScriptHost::refuseEgress);
    }
    return ShellEffect.notModelled(
        command, "queueing disciplines (tc) on the host are not modelled");
  }

  /** Words split at white space, with {@code "..."} and {@code '...'} quoting. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
