package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A shell line that reads the host's table of sockets and tests it, as FreeBSD's suite does with
 * {@code sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1}: {@code sockstat}'s
 * listing of the model's sockets ({@link Row}), piped through {@code grep} filters. The line
 * succeeds as a shell pipeline does, when its last command does: {@code grep} when it selects a
 * line ({@code grep -c} prints the count and succeeds when it is not 0). netsim runs no shell: the
 * table is rendered from the model and the pipeline evaluated on it.
 *
 * <p>{@code sockstat}'s options ({@code sockstat(1)}): {@code -4} and {@code -6} (the script's
 * sockets are IPv4), {@code -P} protocols, {@code -p} ports (local or foreign), {@code -l}
 * listening and {@code -c} connected sockets only, {@code -s} the connection state, {@code -q} no
 * header, {@code -n} and {@code -w} (no effect). {@code grep}'s: {@code -c}, {@code -v}, {@code
 * -i}, with a pattern of letters, digits, {@code _ : , / -} and {@code .} (any character).
 */
final class SocketTable {
  /** The process name sockstat shows for the script's sockets: its COMMAND column is 10 wide. */
  static final String COMMAND = "packetdril";

  /**
   * One socket as sockstat lists it.
   *
   * @param fd the descriptor the script's process holds it by, or -1 for a socket no process holds
   *     (an embryonic connection, or one the application closed)
   * @param local the local address and port ({@code *:8080} for a listener)
   * @param foreign the foreign address and port, {@code *:*} if none
   * @param state the TCP state in FreeBSD's names ({@code tcpstates[]} of {@code tcp_fsm.h})
   */
  record Row(int fd, String local, String foreign, String state) {
    boolean hasPort(String port) {
      return local.endsWith(":" + port) || foreign.endsWith(":" + port);
    }

    boolean listening() {
      return state.equals("LISTEN");
    }

    boolean connected() {
      return !foreign.equals("*:*");
    }

    String render(boolean withState) {
      String owner =
          fd >= 0
              ? String.format(Locale.ROOT, "%-8s %-10s %-5d %-2d", "root", COMMAND, 1000, fd)
              : String.format(Locale.ROOT, "%-8s %-10s %-5s %-2s", "?", "?", "?", "?");
      return String.format(Locale.ROOT, "%s tcp4  %-21s %-21s", owner, local, foreign)
          + (withState ? " " + state : "");
    }
  }

  private static final Pattern GREP_PATTERN = Pattern.compile("[A-Za-z0-9_:,/.\\-]+");

  private final String command;
  private final boolean ipv4;
  private final boolean tcp;
  private final @Nullable List<String> ports;
  private final boolean listeningOnly;
  private final boolean connectedOnly;
  private final boolean withState;
  private final boolean header;
  private final List<Grep> greps;

  /** One {@code grep} of the pipeline. */
  private record Grep(String text, Pattern pattern, boolean count, boolean invert) {}

  private SocketTable(
      String command,
      boolean ipv4,
      boolean tcp,
      @Nullable List<String> ports,
      boolean listeningOnly,
      boolean connectedOnly,
      boolean withState,
      boolean header,
      List<Grep> greps) {
    this.command = command;
    this.ipv4 = ipv4;
    this.tcp = tcp;
    this.ports = ports;
    this.listeningOnly = listeningOnly;
    this.connectedOnly = connectedOnly;
    this.withState = withState;
    this.header = header;
    this.greps = greps;
  }

  /**
   * What {@code command}, a pipeline that starts with {@code sockstat}, does: a check of the socket
   * table, or not modelled with the option or command that netsim does not evaluate.
   */
  static ShellEffect interpret(String command) {
    String[] stages = command.split("\\|");
    List<String> sockstat = ShellCommands.words(stages[0]);
    boolean four = false;
    boolean six = false;
    boolean tcp = true;
    List<String> ports = null;
    boolean listening = false;
    boolean connected = false;
    boolean state = false;
    boolean header = true;
    for (int i = 1; i < sockstat.size(); i++) {
      String word = sockstat.get(i);
      if (!word.startsWith("-") || word.length() < 2) {
        return notModelled(command, "sockstat argument " + word);
      }
      for (int j = 1; j < word.length(); j++) {
        char flag = word.charAt(j);
        switch (flag) {
          case '4' -> four = true;
          case '6' -> six = true;
          case 'l' -> listening = true;
          case 'c' -> connected = true;
          case 's' -> state = true;
          case 'q' -> header = false;
          case 'n', 'w' -> {
            // numeric and wide output: the model's table is both
          }
          case 'P', 'p' -> {
            String value = j + 1 < word.length() ? word.substring(j + 1) : null;
            if (value == null) {
              if (i + 1 >= sockstat.size()) {
                return notModelled(command, "sockstat -" + flag + " without its list");
              }
              value = sockstat.get(++i);
            }
            List<String> list = List.of(value.toLowerCase(Locale.ROOT).split(","));
            if (flag == 'P') {
              tcp = list.contains("tcp");
            } else {
              ports = list;
            }
            j = word.length();
          }
          default -> {
            return notModelled(command, "sockstat option -" + flag);
          }
        }
      }
    }
    List<Grep> greps = new ArrayList<>();
    for (int s = 1; s < stages.length; s++) {
      Grep grep = grep(ShellCommands.words(stages[s]));
      if (grep == null) {
        return notModelled(command, "the pipeline's command " + stages[s].strip());
      }
      greps.add(grep);
    }
    SocketTable table =
        new SocketTable(
            command,
            four || !six,
            tcp,
            ports,
            listening && !connected,
            connected && !listening,
            state,
            header,
            List.copyOf(greps));
    return ShellEffect.check(
        command, "reads the model's socket table as FreeBSD's sockstat lists it", table);
  }

  private static @Nullable Grep grep(List<String> words) {
    if (words.isEmpty() || !words.get(0).equals("grep")) {
      return null;
    }
    boolean count = false;
    boolean invert = false;
    boolean ignoreCase = false;
    String text = null;
    for (String word : words.subList(1, words.size())) {
      if (text == null && word.matches("-[cvi]+")) {
        count |= word.contains("c");
        invert |= word.contains("v");
        ignoreCase |= word.contains("i");
      } else if (text == null && GREP_PATTERN.matcher(word).matches()) {
        text = word;
      } else {
        return null;
      }
    }
    if (text == null) {
      return null;
    }
    // A basic regular expression of those characters: '.' is any character, the rest literal.
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      regex.append(c == '.' ? "." : Pattern.quote(String.valueOf(c)));
    }
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
    return new Grep(text, Pattern.compile(regex.toString(), flags), count, invert);
  }

  private static ShellEffect notModelled(String command, String what) {
    return ShellEffect.notModelled(command, what + " is not evaluated on the model's socket table");
  }

  /** The table's lines as sockstat prints them for {@code rows}. */
  List<String> listing(List<Row> rows) {
    List<String> lines = new ArrayList<>();
    if (header) {
      lines.add(
          "USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS"
              + (withState ? "       CONN STATE" : ""));
    }
    if (!ipv4 || !tcp) {
      return lines;
    }
    for (Row row : rows) {
      List<String> wanted = ports;
      if ((wanted != null && wanted.stream().noneMatch(row::hasPort))
          || (listeningOnly && !row.listening())
          || (connectedOnly && !row.connected())) {
        continue;
      }
      lines.add(row.render(withState));
    }
    return lines;
  }

  /**
   * Runs the pipeline on the table of {@code rows}.
   *
   * @return null if it succeeds; else what its last command read, for the failure's message
   */
  @Nullable String failure(List<Row> rows) {
    List<String> lines = listing(rows);
    Grep last = null;
    String input = "";
    boolean success = true; // sockstat alone succeeds
    for (Grep grep : greps) {
      List<String> selected = new ArrayList<>();
      for (String line : lines) {
        if (grep.pattern().matcher(line).find() != grep.invert()) {
          selected.add(line);
        }
      }
      success = !selected.isEmpty();
      input = lines.size() == 1 ? "'" + lines.get(0) + "'" : lines.size() + " lines";
      lines = grep.count() ? List.of(Integer.toString(selected.size())) : selected;
      last = grep;
    }
    if (success || last == null) {
      return null;
    }
    return "grep " + last.text() + " selected nothing of " + input + "; " + describe(rows);
  }

  /** {@code the socket table: fd 4 TIME_WAIT, no fd SYN_RCVD}, for a failure's message. */
  static String describe(List<Row> rows) {
    StringBuilder text = new StringBuilder("the socket table:");
    if (rows.isEmpty()) {
      text.append(" empty");
    }
    String separator = " ";
    for (Row row : rows) {
      text.append(separator).append(row.fd() >= 0 ? "fd " + row.fd() : "no fd");
      text.append(' ').append(row.state());
      separator = ", ";
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return command;
  }
}
