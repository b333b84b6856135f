package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import netsim.core.StopReason;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpOptions;
import netsim.tcp.TcpSegment;
import org.jspecify.annotations.Nullable;

/**
 * Runs one parsed script against a fresh endpoint in virtual time. Events happen in order: before
 * an inbound packet, a system call or a shell command the simulation runs up to the event's time
 * and nothing may have been sent that the script does not expect; an outbound line takes the next
 * segment the endpoint sent (running the simulation until one comes or the line's time, plus the
 * tolerance, has passed), or the next few that together make up its payload, and compares them. As
 * in packetdrill, a relative time counts from when the previous event ended: the time its segment
 * was sent, or the time a call started. As in packetdrill, only an outbound line reads what the
 * endpoint sent, in the order it was sent: a segment that no line expects is caught by the next
 * outbound line, which reads it first, and one sent after the last outbound line is never read.
 */
final class ScriptRun {
  /** Script options that do not change what the endpoint does. */
  private static final Set<String> HARMLESS_OPTIONS =
      Set.of(
          "local_ip",
          "remote_ip",
          "gateway_ip",
          "netmask_ip",
          "bind_port",
          "connect_port",
          "verbose",
          "non_fatal",
          "dry_run",
          "tcp_ts_ecr_scaled",
          // packetdrill's scale of outbound TS values; netsim does not compare TS values
          "tcp_ts_tick_usecs",
          "mtu");

  /** The largest {@code --tolerance_usecs}: as long as a script may last. */
  private static final long MAX_TOLERANCE_USECS = ScriptParser.MAX_SECONDS * 1_000_000L;

  private final Script script;
  private final Options options;
  private final SequenceSpace space;
  private final ScriptHost host;
  private final SocketApi api;
  private final SegmentMatcher matcher;
  private final List<String> shellNotes = new ArrayList<>();

  /** The variables of the script's {@code %{ }%} code, kept from one block to the next. */
  private final Map<String, Long> variables = new TreeMap<>();

  /** The MSS option of the peer's last SYN, for the tcp_info view. */

  /** The connection tcp_info was last read from, kept when the stack forgets it. */
  private TcpConnection infoConnection;

  private long tolerance;

  /** One segment per outbound line ({@code --strict_segments}), instead of TSO/GSO pieces. */
  private boolean strictSegments;

  private Pending pending;

  /** The line of the script's last event that is not a shell command. */
  private final int lastTestedLine;

  /** How many segments the outbound lines have read so far. */
  private long segmentsRead;

  /**
   * The number (counted from 0 as sent) of the oldest segment still unread when a later inbound
   * packet, call or shell command ran, or -1; and that event's line. The next outbound line reads
   * it first, and names the line if it fails on it.
   */
  private long unreadBefore = -1;

  private int unreadBeforeLine;

  /** A blocking call that has not returned yet. */
  private record Pending(Event event, SocketApi.Call call, long expectedEnd) {}

  ScriptRun(Script script, Options options) {
    this.script = script;
    this.options = options;
    this.space = new SequenceSpace(options.remoteIsn());
    this.host = new ScriptHost(options.profile().tcp(), options.seed(), space::outboundSyn);
    this.api = new SocketApi(host, options.profile(), this::changed);
    this.matcher = new SegmentMatcher(options.profile(), space);
    this.lastTestedLine =
        script.events().stream()
            .filter(e -> !(e.action() instanceof ShellCommand))
            .mapToInt(Event::line)
            .max()
            .orElse(0);
  }

  /**
   * Runs the script; never throws for what a script or the model does. A script that tests nothing
   * (no events, or only skipped shell commands) is an error, never a pass.
   */
  ScriptResult run() {
    try {
      if (script.events().isEmpty()) {
        return nothingTested("the script has no events: nothing to test");
      }
      if (script.unsupported() != null) {
        throw script.unsupported();
      }
      checkSupported();
      if (script.events().stream().allMatch(e -> e.action() instanceof ShellCommand)) {
        return nothingTested("every event is a shell command: nothing to test");
      }
      execute();
      return ScriptResult.pass(script.name(), shellNotes);
    } catch (UnsupportedFeatureException e) {
      return new ScriptResult(
          script.name(),
          ScriptResult.Status.UNSUPPORTED,
          e.line(),
          e.getMessage(),
          "",
          "",
          shellNotes);
    } catch (ScriptFailure e) {
      return new ScriptResult(
          script.name(),
          ScriptResult.Status.FAIL,
          e.line(),
          e.getMessage(),
          e.expected(),
          e.actual(),
          shellNotes);
    } catch (ScriptSyntaxException e) {
      return new ScriptResult(
          script.name(), ScriptResult.Status.ERROR, e.line(), e.problem(), "", "", shellNotes);
    }
  }

  private ScriptResult nothingTested(String reason) {
    return new ScriptResult(
        script.name(), ScriptResult.Status.ERROR, 0, reason, "", "", shellNotes);
  }

  // --- Before running -------------------------------------------------------------------------

  private void checkSupported() {
    tolerance = options.tolerance() >= 0 ? options.tolerance() : options.profile().tolerance();
    strictSegments = options.strictSegments();
    for (Map.Entry<String, String> option : script.options().entrySet()) {
      String name = option.getKey();
      String value = option.getValue();
      switch (name) {
        case "ip_version" -> {
          if (!value.equals("ipv4")) {
            throw new UnsupportedFeatureException(
                0, "--ip_version=" + value + " (netsim models IPv4 only)");
          }
        }
        case "strict_segments" -> strictSegments = true;
        case "tolerance_usecs" -> {
          if (options.tolerance() < 0) {
            long usecs = parseLong(name, value);
            if (usecs < 0 || usecs > MAX_TOLERANCE_USECS) {
              throw new ScriptSyntaxException(
                  script.name(),
                  1,
                  "--"
                      + name
                      + " out of range: "
                      + value
                      + " (at most "
                      + MAX_TOLERANCE_USECS
                      + ")");
            }
            tolerance = usecs * Time.MICROSECOND;
          }
        }
        default -> {
          if (!HARMLESS_OPTIONS.contains(name)) {
            throw new UnsupportedFeatureException(
                0, "script option --" + name + " is not modelled");
          }
        }
      }
    }
    boolean started = false;
    Set<String> assigned = new TreeSet<>();
    for (Event event : script.events()) {
      Action action = event.action();
      if (action instanceof CodeBlock code) {
        checkCode(event, code, assigned);
      }
      if (action instanceof ShellCommand shell) {
        checkShell(event, shell, started);
      }
      started |=
          action instanceof PacketSpec
              || (action instanceof SyscallSpec call && STARTS_ENDPOINT.contains(call.name()));
      if (action instanceof SyscallSpec call) {
        String reason = SocketApi.unsupported(call);
        if (reason != null) {
          throw new UnsupportedFeatureException(event.line(), reason);
        }
      }
    }
  }

  /**
   * A setting after the script's last event that is not a shell command (a suite restoring its
   * sysctls for the next script, such as FreeBSD's {@code insecure_rst=0} after the test) has no
   * effect: nothing in the script can see it.
   */
  private ShellEffect afterTheLastEvent(Event event, ShellEffect effect) {
    if (effect.kind() != ShellEffect.Kind.APPLIED || event.line() <= lastTestedLine) {
      return effect;
    }
    return ShellEffect.noEffect(
        effect.command(), "a setting after the script's last event, which nothing can see");
  }

  /** The calls that create the endpoint's stack, after which its configuration is fixed. */
  private static final Set<String> STARTS_ENDPOINT = Set.of("listen", "connect");

  /**
   * A shell line's commands must each be honoured (a setting the model has, or nothing to do), or
   * the script is unsupported; under {@code ignoreShell} the others are skipped and listed. A
   * setting after the endpoint started cannot be applied: the model's configuration is fixed then.
   */
  private void checkShell(Event event, ShellCommand shell, boolean started) {
    for (ShellEffect interpreted : ShellCommands.interpret(shell.command())) {
      ShellEffect effect = afterTheLastEvent(event, interpreted);
      String problem = null;
      if (!effect.honoured()) {
        problem = effect.describe();
      } else if (started && effect.kind() == ShellEffect.Kind.APPLIED) {
        problem =
            effect.command()
                + ": not modelled (a setting after the endpoint started; the model's"
                + " configuration is fixed then)";
      }
      if (problem != null && !options.ignoreShell()) {
        throw new UnsupportedFeatureException(event.line(), "shell command " + problem);
      }
    }
  }

  /**
   * A code block must be in the part of Python netsim evaluates, and read only tcp_info fields the
   * model has, constants and variables assigned before.
   */
  private static void checkCode(Event event, CodeBlock code, Set<String> assigned) {
    if (code.unsupported() != null) {
      throw new UnsupportedFeatureException(event.line(), code.unsupported());
    }
    for (PyCode.Statement statement : code.statements()) {
      List<String> names = new ArrayList<>();
      if (statement instanceof PyCode.Assert check) {
        PyCode.names(check.condition(), names::add);
      } else if (statement instanceof PyCode.Assign assign) {
        PyCode.names(assign.value(), names::add);
        if (!assign.op().isEmpty()) {
          names.add(assign.name());
        }
      }
      for (String name : names) {
        String problem = null;
        if (name.startsWith("tcpi_")) {
          problem = TcpInfoView.notModelled(name);
        } else if (!assigned.contains(name) && !TcpInfoView.isConstant(name)) {
          problem = "%{ python }% code: the name " + name + " is not defined";
        }
        if (problem != null) {
          throw new UnsupportedFeatureException(event.line(), problem);
        }
      }
      if (statement instanceof PyCode.Assign assign) {
        assigned.add(assign.name());
      }
    }
  }

  private long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ScriptSyntaxException(
          script.name(), 1, "--" + name + " needs an integer, got " + value);
    }
  }

  // --- Running --------------------------------------------------------------------------------

  private void execute() {
    long previousEnd = 0;
    for (Event event : script.events()) {
      EventTime time = event.time();
      long earliest = time.earliest(previousEnd);
      long latest = time.latest(previousEnd);
      Action action = event.action();
      if (action instanceof PacketSpec packet && !packet.inbound()) {
        previousEnd = expectSegment(event, packet, earliest, latest);
        continue;
      }
      advanceTo(Math.max(earliest, host.now()));
      noteUnread(event);
      try {
        if (action instanceof PacketSpec packet) {
          inject(packet);
        } else if (action instanceof SyscallSpec call) {
          startCall(event, call, previousEnd);
        } else if (action instanceof ShellCommand shell) {
          runShell(event, shell);
        } else if (action instanceof CodeBlock code) {
          runCode(event, code);
        }
      } catch (IllegalArgumentException e) {
        throw new ScriptSyntaxException(script.name(), event.line(), e.getMessage());
      } catch (IllegalStateException e) {
        throw new ScriptFailure(
            event.line(),
            "the model refused: " + e.getMessage(),
            script.line(event.line()),
            "an exception from the model");
      }
      pollPending();
      previousEnd = host.now();
    }
    if (pending != null) {
      Event event = pending.event();
      throw new ScriptFailure(
          event.line(),
          "blocking call never returned",
          script.line(event.line()),
          "still blocked at " + seconds(host.now()));
    }
  }

  /** Applies a shell line's settings, and notes what each of its commands did. */
  private void runShell(Event event, ShellCommand shell) {
    for (ShellEffect interpreted : ShellCommands.interpret(shell.command())) {
      ShellEffect effect = afterTheLastEvent(event, interpreted);
      Consumer<TcpConfig.Builder> change = effect.change();
      boolean apply = change != null && !host.started();
      if (apply) {
        change.accept(host.config());
      }
      Consumer<ScriptHost> hostChange = effect.hostChange();
      if (hostChange != null) {
        hostChange.accept(host);
      }
      TcpDrop drop = effect.drop();
      if (drop != null) {
        failIfShellCommandFailed(event, effect, api.tcpdrop(drop));
      }
      SocketTable check = effect.check();
      if (check != null) {
        failIfShellCommandFailed(event, effect, check.failure(api.socketTable()));
      }
      boolean done =
          apply
              || hostChange != null
              || drop != null
              || check != null
              || effect.kind() == ShellEffect.Kind.NO_EFFECT;
      String note = done ? "" : "skipped: ";
      shellNotes.add(event.line() + ": " + note + effect.describe());
    }
  }

  /** Evaluates a code block's assertions against the tcp_info view of the connection. */
  /** Fails the script at {@code event}'s line when its shell command gave a {@code failure}. */
  private void failIfShellCommandFailed(Event event, ShellEffect effect, @Nullable String failure) {
    if (failure != null) {
      throw new ScriptFailure(
          event.line(),
          "shell command failed: " + effect.command(),
          script.line(event.line()),
          failure);
    }
  }

  private void runCode(Event event, CodeBlock code) {
    TcpConnection connection = host.started() ? host.stack().connection(host.target()) : null;
    if (connection != null) {
      infoConnection = connection;
    }
    TcpInfoView view =
        new TcpInfoView(
            infoConnection, options.profile().tcp().profile().name().equals("freebsd"), host.now());
    PyCode.Env env =
        name -> {
          Long variable = variables.get(name);
          if (variable != null) {
            return variable;
          }
          if (TcpInfoView.isConstant(name)) {
            return TcpInfoView.constant(name);
          }
          return view.field(name);
        };
    for (PyCode.Statement statement : code.statements()) {
      try {
        if (statement instanceof PyCode.Assign assign) {
          long value = PyCode.evaluate(assign.value(), env);
          if (!assign.op().isEmpty()) {
            long old = env.value(assign.name());
            value =
                switch (assign.op()) {
                  case "+" -> old + value;
                  case "-" -> old - value;
                  default -> old * value;
                };
          }
          variables.put(assign.name(), value);
        } else if (statement instanceof PyCode.Assert check
            && PyCode.evaluate(check.condition(), env) == 0) {
          String values = values(check.condition(), env);
          throw new ScriptFailure(
              event.line(),
              "assertion failed: " + check.text() + " (" + values + ")",
              "assert " + check.text(),
              values);
        }
      } catch (IllegalStateException | PyCode.NotEvaluable e) {
        throw new ScriptFailure(
            event.line(),
            "code could not be evaluated: " + e.getMessage(),
            script.line(event.line()),
            e.getMessage());
      }
    }
  }

  /** {@code tcpi_snd_cwnd=12, cwnd=10}: the names of an expression and their values. */
  private static String values(PyCode.Node node, PyCode.Env env) {
    Set<String> names = new TreeSet<>();
    PyCode.names(node, names::add);
    List<String> values = new ArrayList<>();
    for (String name : names) {
      if (!TcpInfoView.isConstant(name)) {
        values.add(name + "=" + env.value(name));
      }
    }
    return String.join(", ", values);
  }

  private void inject(PacketSpec packet) {
    FourTuple tuple = host.target();
    TcpOptions tcpOptions = WireOptions.toModel(packet.options(), space);
    TcpSegment segment =
        new TcpSegment(
            tuple.remote().port(),
            tuple.local().port(),
            space.inboundSeq(packet.startSeq()),
            inboundAck(packet),
            packet.flags(),
            packet.window(),
            packet.urgent() == null ? 0 : packet.urgent(),
            tcpOptions,
            new byte[packet.length()]);
    host.inject(segment, packet.ecn() == null ? Ecn.NOT_ECT : packet.ecn());
  }

  /**
   * The acknowledgment field of an inbound segment: mapped to the model's sequence space when the
   * ACK flag is set; as written otherwise (packetdrill maps it only then, so {@code F 1:1(0) ack 1}
   * carries 1 in a field the receiver ignores).
   */
  private int inboundAck(PacketSpec packet) {
    if (packet.ack() == null) {
      return 0;
    }
    return (packet.flags() & TcpFlags.ACK) != 0
        ? space.inboundAck(packet.ack())
        : (int) (long) packet.ack();
  }

  private void startCall(Event event, SyscallSpec call, long previousEnd) {
    long expectedEnd;
    if (call.end() == null) {
      expectedEnd = host.now();
    } else {
      expectedEnd = event.time().isRelative() ? previousEnd + call.end() : call.end();
    }
    if (pending != null) {
      throw new ScriptFailure(
          event.line(),
          "a call while the blocking call of line " + pending.event().line() + " has not returned",
          script.line(event.line()),
          "line " + pending.event().line() + " still blocked");
    }
    SocketApi.Call started = api.start(call);
    pending = new Pending(event, started, expectedEnd);
    pollPending();
  }

  /** Checks a blocked call, and if it returned, its time and result. */
  private void pollPending() {
    if (pending == null) {
      return;
    }
    CallResult result = pending.call().poll();
    if (result == null) {
      return;
    }
    Pending done = pending;
    pending = null;
    Event event = done.event();
    SyscallSpec call = (SyscallSpec) event.action();
    long now = host.now();
    String actual = call.name() + "() = " + result + " at " + seconds(now);
    if (Math.abs(now - done.expectedEnd()) > tolerance) {
      throw new ScriptFailure(
          event.line(),
          call.name()
              + "() returned at "
              + seconds(now)
              + ", expected at "
              + seconds(done.expectedEnd())
              + " (tolerance "
              + Time.format(tolerance)
              + ")",
          script.line(event.line()),
          actual);
    }
    String problem = resultDifference(call, result);
    if (problem != null) {
      throw new ScriptFailure(event.line(), problem, script.line(event.line()), actual);
    }
  }

  private String resultDifference(SyscallSpec call, CallResult result) {
    if (!(call.result() instanceof Expr.Ellipsis)) {
      long expected = api.symbols().value(call.result());
      if (expected != result.value()) {
        return call.name()
            + "() returned "
            + result
            + ", expected "
            + call.result()
            + (call.errno() == null ? "" : " " + call.errno());
      }
    }
    String expectedErrno = call.errno() == null ? null : Symbols.canonicalErrno(call.errno());
    String actualErrno = result.errno();
    if (expectedErrno == null ? actualErrno != null : !expectedErrno.equals(actualErrno)) {
      return call.name()
          + "() failed with "
          + (actualErrno == null ? "no error" : actualErrno)
          + ", expected "
          + (expectedErrno == null ? "no error" : expectedErrno);
    }
    return result.problem();
  }

  /**
   * The next segments sent must match {@code packet} and leave within the line's time. Without
   * {@code --strict_segments} the line takes, as packetdrill does, segments one after another until
   * their payload reaches its own: the pieces a TSO/GSO segment would be cut into (see {@link
   * SegmentMatcher}); with it, exactly one. Every piece must leave within the line's time
   * (packetdrill looks at the last one's; pieces of a real TSO segment leave together). Returns
   * when the last piece left.
   */
  private long expectSegment(Event event, PacketSpec packet, long earliest, long latest) {
    long deadline = latest == Long.MAX_VALUE ? Long.MAX_VALUE : latest + tolerance;
    String expected = script.line(event.line());
    List<SentSegment> taken = new ArrayList<>();
    int payload = 0;
    do {
      SentSegment sent = nextSent(deadline);
      if (sent == null) {
        break;
      }
      taken.add(sent);
      payload += sent.segment().dataLength();
    } while (!strictSegments && payload < packet.length());
    if (taken.isEmpty()) {
      throw new ScriptFailure(
          event.line(),
          "expected segment not sent (waited until " + seconds(host.now()) + ")",
          expected,
          "nothing sent");
    }
    String early = "";
    if (unreadBefore >= 0 && unreadBefore < segmentsRead) {
      early = " (sent before line " + unreadBeforeLine + ", where no line expected it)";
      unreadBefore = -1;
    }
    SegmentMatcher.Mismatch mismatch = matcher.difference(packet, segments(taken));
    if (mismatch != null) {
      String reason = mismatch.reason() + early;
      if (!strictSegments && payload < packet.length()) {
        reason += " (waited until " + seconds(host.now()) + ")";
      }
      throw new ScriptFailure(event.line(), reason, expected, actual(taken, mismatch.piece()));
    }
    for (int i = 0; packet.ecn() != null && i < taken.size(); i++) {
      Ecn ecn = taken.get(i).ecn();
      if (ecn != packet.ecn()) {
        throw new ScriptFailure(
            event.line(),
            "IP ECN field " + ecn.traceName() + ", expected " + packet.ecn().traceName() + early,
            expected,
            actual(taken, i));
      }
    }
    if (event.time().kind() != EventTime.Kind.ANY) {
      for (int i = 0; i < taken.size(); i++) {
        SentSegment sent = taken.get(i);
        if (sent.time() < earliest - tolerance || sent.time() > deadline) {
          throw new ScriptFailure(
              event.line(),
              "segment "
                  + (taken.size() > 1 ? (i + 1) + " of the line " : "")
                  + "sent at "
                  + seconds(sent.time())
                  + ", expected "
                  + window(earliest, latest)
                  + " (tolerance "
                  + Time.format(tolerance)
                  + ")"
                  + early,
              expected,
              actual(taken, SegmentMatcher.JOINED));
        }
      }
    }
    return taken.get(taken.size() - 1).time();
  }

  /**
   * {@code 0.300000 > P. 1:3001(3000) ack 1 win 65535 (3 segments joined, sent at 0.300000)}: the
   * segments taken for a line, one of them or all joined.
   */
  private String actual(List<SentSegment> taken, int piece) {
    if (piece != SegmentMatcher.JOINED) {
      SentSegment sent = taken.get(piece);
      return seconds(sent.time()) + " " + matcher.format(sent.segment());
    }
    SentSegment last = taken.get(taken.size() - 1);
    if (taken.size() == 1) {
      return seconds(last.time()) + " " + matcher.format(last.segment());
    }
    long first = taken.get(0).time();
    return seconds(last.time())
        + " "
        + matcher.format(SegmentMatcher.join(segments(taken)))
        + " ("
        + taken.size()
        + " segments joined, sent "
        + window(first, last.time())
        + ")";
  }

  private static List<TcpSegment> segments(List<SentSegment> taken) {
    List<TcpSegment> segments = new ArrayList<>(taken.size());
    for (SentSegment sent : taken) {
      segments.add(sent.segment());
    }
    return segments;
  }

  /** Takes the oldest segment not yet matched, running the simulation up to the deadline. */
  private SentSegment nextSent(long deadline) {
    if (host.sent().isEmpty() && deadline >= host.now()) {
      host.stopOnSend(true);
      try {
        while (host.sent().isEmpty()) {
          StopReason reason = host.simulator().runUntil(deadline);
          pollPending();
          if (reason != StopReason.STOPPED) {
            break;
          }
        }
      } finally {
        host.stopOnSend(false);
      }
    }
    SentSegment sent = host.sent().poll();
    if (sent != null) {
      segmentsRead++;
    }
    return sent;
  }

  private void advanceTo(long time) {
    while (true) {
      StopReason reason = host.simulator().runUntil(time);
      pollPending();
      if (reason != StopReason.STOPPED) {
        return;
      }
    }
  }

  /**
   * Remembers the oldest unread segment when an event other than an outbound line runs. As in
   * packetdrill (run_packet.c, whose sniffer reads the outbound packets in order, and only for an
   * outbound line), nothing fails here: the next outbound line reads the segment and fails on it,
   * or no line reads it. A {@code %{ }%} block is left out: it only reads tcp_info.
   */
  private void noteUnread(Event event) {
    if (host.sent().isEmpty()
        || unreadBefore == segmentsRead
        || event.action() instanceof CodeBlock) {
      return;
    }
    unreadBefore = segmentsRead;
    unreadBeforeLine = event.line();
  }

  /** A blocking call may return: stop the simulation after this event to look. */
  private void changed() {
    if (pending != null) {
      host.simulator().stop();
    }
  }

  private static String window(long earliest, long latest) {
    return earliest == latest
        ? "at " + seconds(earliest)
        : "between " + seconds(earliest) + " and " + seconds(latest);
  }

  /** Virtual time as packetdrill prints it: seconds with six decimals. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
  }
}
