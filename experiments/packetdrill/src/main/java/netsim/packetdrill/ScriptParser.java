package netsim.packetdrill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.net.packet.Ecn;
import netsim.packetdrill.Token.Kind;
import netsim.tcp.TcpFlags;

/**
 * Reads packetdrill's language into a {@link Script}: options at the head ({@code
 * --tolerance_usecs=10000}), then events, each a time and an action. Like packetdrill's grammar it
 * does not care about line breaks; messages name the line a token starts on.
 */
final class ScriptParser {
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  /**
   * The latest time a script may reach, in seconds: far beyond any real script (packetdrill's run
   * for seconds or minutes), and about 10^4 times below Long.MAX_VALUE nanoseconds, so that the
   * times computed while it runs (a tolerance added here and there) stay far from overflow.
   */
  static final long MAX_SECONDS = 1_000_000;

  private static final long MAX_NANOS = MAX_SECONDS * 1_000_000_000L;

  /** The largest sequence or acknowledgment number (they are 32 bits). */
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  private final String file;
  private final List<Token> tokens;
  private int next;

  /** The latest time the events so far can reach, relative times added up, in nanoseconds. */
  private long reach;

  /** The first thing the script uses that netsim does not model, or null. */
  private UnsupportedFeatureException unsupported;

  private ScriptParser(String file, List<Token> tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  /**
   * Parses a script after applying its {@code #ifdef} blocks for {@code defines}.
   *
   * <p>A script that uses something netsim cannot represent (UDP, ICMP, Fast Open or MD5 options,
   * IP-level fields, AccECN) is still read to its end, so that a syntax error anywhere is found;
   * the first such use is {@link Script#unsupported()}.
   *
   * @throws ScriptSyntaxException naming the file and line of the first error
   */
  static Script parse(String file, String text, Set<String> defines) {
    String kept = Preprocessor.apply(file, text, defines);
    ScriptParser parser = new ScriptParser(file, Lexer.tokenize(file, kept));
    return parser.script(List.of(text.split("\n", -1)));
  }

  private Script script(List<String> lines) {
    Map<String, String> options = new LinkedHashMap<>();
    while (peek().is(Kind.OPTION)) {
      Token option = take();
      int equals = option.text().indexOf('=');
      if (equals < 0) {
        options.put(option.text(), ""); // a flag, such as --strict_segments
        continue;
      }
      String name = option.text().substring(0, equals);
      String value = option.text().substring(equals + 1);
      if (value.isEmpty()) {
        throw error(option, "expected a value after --" + name + "=");
      }
      options.put(name, unquote(value));
    }
    List<Event> events = new ArrayList<>();
    if (peek().is(Kind.SHELL)) {
      // packetdrill's initial command, with no time: `../common/defaults.sh`
      Token init = take();
      events.add(new Event(init.line(), EventTime.absolute(0), new ShellCommand(init.text())));
    }
    while (!peek().is(Kind.END)) {
      events.add(event());
    }
    return new Script(file, options, List.copyOf(events), lines, unsupported);
  }

  private static String unquote(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0);
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  private Event event() {
    Token first = peek();
    if (first.is(Kind.SHELL) && peekAt(1).is(Kind.END)) {
      // packetdrill's cleanup command, with no time, after the last event:
      // `/tmp/sysctl_restore_${PPID}.sh`
      take();
      return new Event(first.line(), EventTime.relative(0), new ShellCommand(first.text()));
    }
    EventTime time = eventTime();
    Long end = null;
    if (peek().is(Kind.ELLIPSIS)) {
      take();
      end = time(take());
    }
    Token start = peek();
    Action action;
    if (start.isPunct('<') || start.isPunct('>')) {
      action = packet();
    } else if (start.is(Kind.WORD)) {
      action = syscall(end);
      end = null;
    } else if (start.is(Kind.SHELL)) {
      action = new ShellCommand(take().text());
    } else if (start.is(Kind.CODE)) {
      Token code = take();
      CodeBlock block = CodeBlock.parse(code.text());
      if (block.unsupported() != null) {
        unsupported(code, block.unsupported());
      }
      action = block;
    } else {
      throw error(
          start,
          "expected a packet ('<' or '>'), a system call, a `shell command` or"
              + " %{ code }% after the time, got "
              + start.describe());
    }
    if (end != null) {
      throw error(start, "only a system call may have an end time ('...')");
    }
    long last =
        Math.max(
            time.end(), action instanceof SyscallSpec call && call.end() != null ? call.end() : 0);
    if (time.kind() != EventTime.Kind.ANY) {
      reach = time.isRelative() ? reach + last : Math.max(reach, last);
    }
    if (reach > MAX_NANOS) {
      throw error(first, "the script's times add up to more than " + MAX_SECONDS + " s");
    }
    return new Event(first.line(), time, action);
  }

  private EventTime eventTime() {
    Token token = peek();
    if (token.isPunct('*')) {
      take();
      return EventTime.any();
    }
    boolean relative = token.isPunct('+');
    if (relative) {
      take();
    }
    long start = time(take());
    if (!peek().isPunct('~')) {
      return relative ? EventTime.relative(start) : EventTime.absolute(start);
    }
    Token tilde = take();
    boolean endRelative = peek().isPunct('+');
    if (endRelative) {
      take();
    }
    if (endRelative != relative) {
      throw error(tilde, "a time range is either absolute (0.1~0.2) or relative (+0.1~+0.2)");
    }
    long end = time(take());
    if (end < start) {
      throw error(tilde, "time range ends before it starts");
    }
    return new EventTime(
        relative ? EventTime.Kind.RELATIVE_RANGE : EventTime.Kind.ABSOLUTE_RANGE, start, end);
  }

  /** Seconds, as {@code 1}, {@code 0.25} or {@code .1}, in nanoseconds. */
  private long time(Token token) {
    if (!token.is(Kind.INTEGER) && !token.is(Kind.FLOAT)) {
      throw error(
          token, "expected a time in seconds (such as 0, +0.1 or *), got " + token.describe());
    }
    BigDecimal seconds = new BigDecimal(token.text());
    if (seconds.signum() < 0) {
      throw error(token, "a time must not be negative: " + token.text());
    }
    if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
      throw error(
          token, "time out of range: " + token.text() + " s (at most " + MAX_SECONDS + " s)");
    }
    return seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  // --- Packets --------------------------------------------------------------------------------

  private Action packet() {
    Token direction = take();
    boolean inbound = direction.isPunct('<');
    Ecn ecn = null;
    if (peek().isPunct('[') || peek().isPunct('(')) {
      ecn = ipInfo();
    }
    Token protocol = peek();
    if (protocol.isWord("udp") || protocol.isWord("UDP")) {
      return udpPacket(inbound);
    }
    if (protocol.isWord("icmp") || protocol.isWord("ICMP")) {
      return icmpPacket(inbound);
    }
    if (peek().is(Kind.INTEGER) && peekAt(1).isPunct('>')) {
      Token port = take();
      take();
      take();
      unsupported(port, "explicit port numbers in a packet line (netsim's ports are fixed)");
    }
    int flags = flags();
    Token seqStart = take();
    long start;
    Token lengthToken;
    long length;
    if (seqStart.is(Kind.ELLIPSIS)) {
      // FreeBSD's suite writes "> S. ...(0)" for a segment whose sequence number it cannot know
      // (a new incarnation's ISN): any sequence number, the payload length still checked.
      if (inbound) {
        throw error(seqStart, "an inbound packet needs its sequence number ('...' is for '>')");
      }
      start = PacketSpec.ANY_SEQ;
      expectPunct('(', "in ...(length)");
      lengthToken = take();
      length = integer(lengthToken, "payload length");
      expectPunct(')', "after payload length");
    } else {
      start = range(seqStart, "sequence range start", 0, MAX_U32);
      expectPunct(':', "in sequence range start:end(length)");
      long end = range(take(), "sequence range end", 0, MAX_U32);
      expectPunct('(', "in sequence range start:end(length)");
      lengthToken = take();
      length = integer(lengthToken, "payload length");
      expectPunct(')', "after payload length");
      if (end - start != length) {
        throw error(
            seqStart,
            "sequence range " + start + ":" + end + " does not match payload length " + length);
      }
    }
    if (length < 0 || length > 65535) {
      throw error(lengthToken, "payload length out of range 0-65535: " + length);
    }
    Long ack = null;
    Integer window = null;
    Integer urgent = null;
    while (true) {
      Token word = peek();
      if (word.isWord("ack")) {
        take();
        ack = range(take(), "acknowledgment number", 0, MAX_U32);
      } else if (word.isWord("win")) {
        take();
        window = (int) range(take(), "window", 0, 65535);
      } else if (word.isWord("urg")) {
        take();
        urgent = (int) range(take(), "urgent pointer", 0, 65535);
      } else {
        break;
      }
    }
    if (inbound && window == null) {
      throw error(direction, "an inbound packet needs a window ('win N')");
    }
    List<TcpOptionSpec> options = List.of();
    if (peek().isPunct('<')) {
      options = tcpOptions();
    }
    return new PacketSpec(inbound, flags, start, (int) length, ack, window, urgent, options, ecn);
  }

  /**
   * {@code [noecn]}, {@code [ect0]}, {@code [ect1]}, {@code [ce]}: the IP packet's ECN field (RFC
   * 3168 5), checked on an outbound packet and set on an inbound one; {@code [ect01]}, TOS, TTL and
   * flow labels ({@code (tos 0x4, flowlabel 0x1)}) make the script unsupported.
   */
  private Ecn ipInfo() {
    Token open = take();
    char close = open.isPunct('[') ? ']' : ')';
    List<String> words = new ArrayList<>();
    while (!peek().isPunct(close)) {
      Token token = take();
      if (token.is(Kind.END)) {
        throw error(open, "unterminated '" + open.text() + "' of IP fields in a packet line");
      }
      words.add(token.text());
    }
    take();
    if (words.size() == 1) {
      switch (words.get(0)) {
        case "noecn" -> {
          return Ecn.NOT_ECT;
        }
        case "ect0" -> {
          return Ecn.ECT_0;
        }
        case "ect1" -> {
          return Ecn.ECT_1;
        }
        case "ce" -> {
          return Ecn.CE;
        }
        default -> {}
      }
    }
    unsupported(
        open,
        "IP-level packet fields ("
            + open.text()
            + String.join(" ", words)
            + close
            + "): netsim models the ECN codepoints noecn, ect0, ect1 and ce, not TOS, TTL or"
            + " flow labels");
    return null;
  }

  /** {@code udp (100)} or {@code udp 1234>53 (100)}: read, and unsupported. */
  private Action udpPacket(boolean inbound) {
    Token udp = take();
    if (peek().is(Kind.INTEGER)) {
      take();
      expectPunct('>', "between the ports of a UDP packet");
      integer(take(), "port");
    }
    expectPunct('(', "before the length of a UDP packet");
    integer(take(), "UDP payload length");
    expectPunct(')', "after the length of a UDP packet");
    unsupported(udp, "UDP packets (netsim models TCP only)");
    return new OtherPacket(inbound, "udp");
  }

  /**
   * {@code icmp unreachable frag_needed mtu 800 [0:1000(1000)]}: type, optional code, {@code mtu
   * N}, {@code id N} and the echoed header; read, and unsupported.
   */
  private Action icmpPacket(boolean inbound) {
    Token icmp = take();
    expectKind(Kind.WORD, "an ICMP type (such as unreachable)");
    if (peek().is(Kind.WORD) && !peek().isWord("mtu") && !peek().isWord("id")) {
      take();
    }
    if (peek().isWord("mtu")) {
      take();
      integer(take(), "ICMP MTU");
    }
    if (peek().isWord("id")) {
      take();
      integer(take(), "ICMP echo id");
    }
    if (peek().isPunct('[')) {
      Token open = take();
      while (!peek().isPunct(']')) {
        if (take().is(Kind.END)) {
          throw error(open, "unterminated '[' of the header an ICMP packet echoes");
        }
      }
      take();
    }
    unsupported(icmp, "ICMP packets (netsim models TCP only)");
    return new OtherPacket(inbound, "icmp");
  }

  /** {@code S}, {@code S.}, {@code .}, {@code F.}, {@code P.}, {@code R}, {@code -}. */
  private int flags() {
    Token token = take();
    int flags = 0;
    if (token.isPunct('.')) {
      return TcpFlags.ACK;
    }
    if (token.isPunct('-')) {
      return 0;
    }
    if (!token.is(Kind.WORD)) {
      throw error(
          token, "expected TCP flags (such as S, S., ., F., P., R), got " + token.describe());
    }
    for (char c : token.text().toCharArray()) {
      flags |=
          switch (c) {
            case 'S' -> TcpFlags.SYN;
            case 'F' -> TcpFlags.FIN;
            case 'R' -> TcpFlags.RST;
            case 'P' -> TcpFlags.PSH;
            case 'U' -> TcpFlags.URG;
            case 'E' -> TcpFlags.ECE;
            case 'W' -> TcpFlags.CWR;
            case 'A', '0', '1', '2', '3', '4', '5', '6', '7' -> {
              unsupported(token, "AccECN flag '" + c + "' (netsim does not model AccECN)");
              yield 0;
            }
            default ->
                throw error(
                    token,
                    "unknown TCP flag '"
                        + c
                        + "' in '"
                        + token.text()
                        + "' (known: F S R P . U E W)");
          };
    }
    if (peek().isPunct('.')) {
      take();
      flags |= TcpFlags.ACK;
    }
    return flags;
  }

  /** {@code <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>}, or {@code <...>} (null). */
  private List<TcpOptionSpec> tcpOptions() {
    take();
    if (peek().is(Kind.ELLIPSIS)) {
      take();
      expectPunct('>', "after <...");
      return null;
    }
    List<TcpOptionSpec> options = new ArrayList<>();
    while (true) {
      options.add(tcpOption());
      Token separator = take();
      if (separator.isPunct('>')) {
        return List.copyOf(options);
      }
      if (!separator.isPunct(',')) {
        throw error(separator, "expected ',' or '>' in TCP options, got " + separator.describe());
      }
    }
  }

  private TcpOptionSpec tcpOption() {
    Token name = take();
    if (!name.is(Kind.WORD)) {
      throw error(
          name,
          "expected a TCP option (nop, eol, mss, wscale, sackOK, sack, TS), got "
              + name.describe());
    }
    switch (name.text()) {
      case "nop":
        return TcpOptionSpec.of(TcpOptionSpec.Kind.NOP);
      case "eol":
        return TcpOptionSpec.of(TcpOptionSpec.Kind.EOL);
      case "sackOK":
        return TcpOptionSpec.of(TcpOptionSpec.Kind.SACK_OK);
      case "mss":
        return TcpOptionSpec.of(TcpOptionSpec.Kind.MSS, range(take(), "MSS", 0, 65535));
      case "wscale":
        return TcpOptionSpec.of(TcpOptionSpec.Kind.WSCALE, range(take(), "window scale", 0, 255));
      case "TS":
        {
          expectWord("val", "after TS");
          long value = range(take(), "TS val", 0, 0xFFFF_FFFFL);
          expectWord("ecr", "after the TS value");
          long echo = range(take(), "TS ecr", 0, 0xFFFF_FFFFL);
          return new TcpOptionSpec(TcpOptionSpec.Kind.TIMESTAMP, value, echo, List.of());
        }
      case "sack":
        {
          List<long[]> blocks = new ArrayList<>();
          while (peek().is(Kind.INTEGER)) {
            long left = range(take(), "SACK block start", 0, MAX_U32);
            expectPunct(':', "in SACK block left:right");
            long right = range(take(), "SACK block end", 0, MAX_U32);
            blocks.add(new long[] {left, right});
          }
          if (blocks.isEmpty() || blocks.size() > 4) {
            throw error(name, "a SACK option has 1 to 4 blocks, got " + blocks.size());
          }
          return new TcpOptionSpec(TcpOptionSpec.Kind.SACK, 0, 0, List.copyOf(blocks));
        }
      case "FO":
      case "FOEXP":
        if (!peek().isPunct(',') && !peek().isPunct('>')) {
          take(); // the cookie, a hex blob or a name
        }
        unsupported(name, "TCP Fast Open option (netsim does not model Fast Open)");
        return TcpOptionSpec.of(TcpOptionSpec.Kind.NOP); // never used: the script does not run
      case "md5":
        expectKind(Kind.WORD, Kind.INTEGER, "an MD5 signature in hex");
        unsupported(name, "TCP MD5 signature option (netsim does not model RFC 2385)");
        return TcpOptionSpec.of(TcpOptionSpec.Kind.NOP); // never used: the script does not run
      default:
        if (name.text().startsWith("mp")) {
          throw new UnsupportedFeatureException(
              name.line(), "MPTCP option '" + name.text() + "' (netsim does not model MPTCP)");
        }
        throw error(
            name,
            "unknown TCP option '"
                + name.text()
                + "' (known: nop, eol, mss, wscale, sackOK, sack, TS)");
    }
  }

  // --- System calls ---------------------------------------------------------------------------

  private SyscallSpec syscall(Long end) {
    Token name = take();
    expectPunct('(', "after system call name '" + name.text() + "'");
    List<Expr> args = new ArrayList<>();
    if (!peek().isPunct(')')) {
      args.add(expression());
      while (peek().isPunct(',')) {
        take();
        args.add(expression());
      }
    }
    expectPunct(')', "to close the arguments of " + name.text());
    expectPunct('=', "before the expected result of " + name.text());
    Expr result = expression();
    String errno = null;
    if (peek().is(Kind.WORD) && peek().text().startsWith("E")) {
      errno = take().text();
    }
    if (peek().isPunct('(')) {
      skipNote();
    }
    return new SyscallSpec(name.text(), List.copyOf(args), result, errno, end);
  }

  /** {@code (Operation now in progress)}: a comment on the result. */
  private void skipNote() {
    Token open = take();
    int depth = 1;
    while (depth > 0) {
      Token token = take();
      if (token.is(Kind.END)) {
        throw error(open, "unterminated '(' note after a system call result");
      }
      if (token.isPunct('(')) {
        depth++;
      } else if (token.isPunct(')')) {
        depth--;
      }
    }
  }

  private Expr expression() {
    Expr first = term();
    if (!peek().isPunct('|')) {
      return first;
    }
    List<Expr> terms = new ArrayList<>();
    terms.add(first);
    while (peek().isPunct('|')) {
      take();
      terms.add(term());
    }
    return new Expr.Or(List.copyOf(terms));
  }

  private Expr term() {
    Token token = take();
    switch (token.kind()) {
      case ELLIPSIS:
        return new Expr.Ellipsis();
      case INTEGER:
        return new Expr.Int(number(token, token.text(), 10));
      case HEX:
        return new Expr.Int(number(token, token.text().substring(2), 16));
      case STRING:
        if (peek().is(Kind.ELLIPSIS)) {
          take();
        }
        return new Expr.Str(token.text());
      case WORD:
        if (peek().isPunct('(')) {
          take();
          List<Expr> args = new ArrayList<>();
          if (!peek().isPunct(')')) {
            args.add(expression());
            while (peek().isPunct(',')) {
              take();
              args.add(expression());
            }
          }
          expectPunct(')', "to close " + token.text() + "(...)");
          return new Expr.Call(token.text(), List.copyOf(args));
        }
        return new Expr.Word(token.text());
      case PUNCT:
        if (token.isPunct('[')) {
          List<Expr> items = new ArrayList<>();
          if (!peek().isPunct(']')) {
            items.add(expression());
            while (peek().isPunct(',')) {
              take();
              items.add(expression());
            }
          }
          expectPunct(']', "to close an array");
          return new Expr.Array(List.copyOf(items));
        }
        if (token.isPunct('{')) {
          return struct();
        }
        break;
      default:
        break;
    }
    throw error(
        token,
        "expected an expression (a number, a name, ..., [array] or {struct}),"
            + " got "
            + token.describe());
  }

  private Expr struct() {
    List<Expr.Field> fields = new ArrayList<>();
    if (!peek().isPunct('}')) {
      fields.add(field());
      while (peek().isPunct(',')) {
        take();
        fields.add(field());
      }
    }
    expectPunct('}', "to close a struct");
    return new Expr.Struct(List.copyOf(fields));
  }

  /**
   * {@code value}, {@code name=value}, or packetdrill's {@code msg_name(...)=...} and {@code
   * msg_iov(1)=[...]}, whose name carries an argument.
   */
  private Expr.Field field() {
    Token start = peek();
    Expr first = expression();
    if (!peek().isPunct('=')) {
      return new Expr.Field(null, first);
    }
    take();
    String name;
    if (first instanceof Expr.Word word) {
      name = word.name();
    } else if (first instanceof Expr.Call call) {
      name = call.function();
    } else {
      throw error(start, "expected a field name before '=' in a struct, got " + first);
    }
    return new Expr.Field(name, expression());
  }

  // --- Tokens ---------------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token take() {
    Token token = tokens.get(next);
    if (!token.is(Kind.END)) {
      next++;
    }
    return token;
  }

  private void expectPunct(char c, String where) {
    Token token = take();
    if (!token.isPunct(c)) {
      throw error(token, "expected '" + c + "' " + where + ", got " + token.describe());
    }
  }

  private Token expectKind(Kind kind, String what) {
    return expectKind(kind, kind, what);
  }

  private Token expectKind(Kind kind, Kind orKind, String what) {
    Token token = take();
    if (!token.is(kind) && !token.is(orKind)) {
      throw error(token, "expected " + what + ", got " + token.describe());
    }
    return token;
  }

  /** Notes the first thing the script uses that netsim does not model; reading goes on. */
  private void unsupported(Token token, String reason) {
    if (unsupported == null) {
      unsupported = new UnsupportedFeatureException(token.line(), reason);
    }
  }

  private void expectWord(String word, String where) {
    Token token = take();
    if (!token.isWord(word)) {
      throw error(token, "expected '" + word + "' " + where + ", got " + token.describe());
    }
  }

  private long integer(Token token, String what) {
    if (!token.is(Kind.INTEGER)) {
      throw error(token, "expected an integer " + what + ", got " + token.describe());
    }
    try {
      return Long.parseLong(token.text());
    } catch (NumberFormatException e) {
      throw error(token, what + " out of range: " + token.text());
    }
  }

  /** A number in a system call; a 64-bit integer. */
  private long number(Token token, String digits, int radix) {
    try {
      return Long.parseLong(digits, radix);
    } catch (NumberFormatException e) {
      throw error(token, "number out of range: " + token.text());
    }
  }

  private long range(Token token, String what, long min, long max) {
    long value = integer(token, what);
    if (value < min || value > max) {
      throw error(token, what + " out of range " + min + "-" + max + ": " + value);
    }
    return value;
  }

  private ScriptSyntaxException error(Token token, String message) {
    return new ScriptSyntaxException(file, token.line(), message);
  }
}
