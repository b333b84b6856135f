package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netsim.core.StopReason;
import netsim.core.Time;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpOptions;
import netsim.tcp.TcpSegment;

/**
 * Runs one parsed script against a fresh endpoint in virtual time. Events happen in order: before
 * an inbound packet, a system call or a shell command the simulation runs up to the event's time
 * and nothing may have been sent that the script does not expect; an outbound line takes the next
 * segment the endpoint sent (running the simulation until one comes or the line's time, plus the
 * tolerance, has passed) and compares it. As in packetdrill, a relative time counts from when the
 * previous event ended: the time its segment was sent, or the time a call started. Unlike
 * packetdrill, a segment sent after the last event (up to its time) fails the script, so that a
 * script can end by asserting silence.
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
          "mtu");

  /** The largest {@code --tolerance_usecs}: as long as a script may last. */
  private static final long MAX_TOLERANCE_USECS = ScriptParser.MAX_SECONDS * 1_000_000L;

  private final Script script;
  private final Options options;
  private final SequenceSpace space;
  private final ScriptHost host;
  private final SocketApi api;
  private final SegmentMatcher matcher;
  private final List<String> skippedShell = new ArrayList<>();
  private long tolerance;
  private Pending pending;

  /** A blocking call that has not returned yet. */
  private record Pending(Event event, SocketApi.Call call, long expectedEnd) {}

  ScriptRun(Script script, Options options) {
    this.script = script;
    this.options = options;
    this.space = new SequenceSpace(options.remoteIsn());
    this.host = new ScriptHost(options.profile().tcp(), options.seed(), space::outboundSyn);
    this.api = new SocketApi(host, options.profile(), this::changed);
    this.matcher = new SegmentMatcher(options.profile(), space);
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
      checkSupported();
      execute();
      if (script.events().stream().allMatch(e -> e.action() instanceof ShellCommand)) {
        return nothingTested("every event is a skipped shell command: nothing was tested");
      }
      return ScriptResult.pass(script.name(), skippedShell);
    } catch (UnsupportedFeatureException e) {
      return new ScriptResult(
          script.name(),
          ScriptResult.Status.UNSUPPORTED,
          e.line(),
          e.getMessage(),
          "",
          "",
          skippedShell);
    } catch (ScriptFailure e) {
      return new ScriptResult(
          script.name(),
          ScriptResult.Status.FAIL,
          e.line(),
          e.getMessage(),
          e.expected(),
          e.actual(),
          skippedShell);
    } catch (ScriptSyntaxException e) {
      return new ScriptResult(
          script.name(), ScriptResult.Status.ERROR, e.line(), e.problem(), "", "", skippedShell);
    }
  }

  private ScriptResult nothingTested(String reason) {
    return new ScriptResult(
        script.name(), ScriptResult.Status.ERROR, 0, reason, "", "", skippedShell);
  }

  // --- Before running -------------------------------------------------------------------------

  private void checkSupported() {
    tolerance = options.tolerance() >= 0 ? options.tolerance() : options.profile().tolerance();
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
    for (Event event : script.events()) {
      Action action = event.action();
      if (action instanceof CodeBlock) {
        throw new UnsupportedFeatureException(
            event.line(), "%{ python }% code block (netsim does not run code)");
      }
      if (action instanceof ShellCommand shell && !options.ignoreShell()) {
        throw new UnsupportedFeatureException(
            event.line(),
            "shell command `"
                + shell.command()
                + "` (run with ignoreShell to skip shell commands)");
      }
      if (action instanceof SyscallSpec call) {
        String reason = SocketApi.unsupported(call);
        if (reason != null) {
          throw new UnsupportedFeatureException(event.line(), reason);
        }
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
    Event last = null;
    for (Event event : script.events()) {
      last = event;
      EventTime time = event.time();
      long earliest = time.earliest(previousEnd);
      long latest = time.latest(previousEnd);
      Action action = event.action();
      if (action instanceof PacketSpec packet && !packet.inbound()) {
        previousEnd = expectSegment(event, packet, earliest, latest);
        continue;
      }
      advanceTo(Math.max(earliest, host.now()));
      expectNothingSent(event, false);
      try {
        if (action instanceof PacketSpec packet) {
          inject(packet);
        } else if (action instanceof SyscallSpec call) {
          startCall(event, call, previousEnd);
        } else if (action instanceof ShellCommand shell) {
          skippedShell.add(event.line() + ": " + shell.command());
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
    if (last != null) {
      expectNothingSent(last, true);
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

  private void inject(PacketSpec packet) {
    FourTuple tuple = host.target();
    TcpOptions tcpOptions = WireOptions.toModel(packet.options(), space);
    TcpSegment segment =
        new TcpSegment(
            tuple.remote().port(),
            tuple.local().port(),
            space.inboundSeq(packet.startSeq()),
            packet.ack() == null ? 0 : space.inboundAck(packet.ack()),
            packet.flags(),
            packet.window(),
            packet.urgent() == null ? 0 : packet.urgent(),
            tcpOptions,
            new byte[packet.length()]);
    host.inject(segment);
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

  /** The next sent segment must match {@code packet} and leave within the line's time. */
  private long expectSegment(Event event, PacketSpec packet, long earliest, long latest) {
    long deadline = latest == Long.MAX_VALUE ? Long.MAX_VALUE : latest + tolerance;
    SentSegment sent = nextSent(deadline);
    String expected = script.line(event.line());
    if (sent == null) {
      throw new ScriptFailure(
          event.line(),
          "expected segment not sent (waited until " + seconds(host.now()) + ")",
          expected,
          "nothing sent");
    }
    String actual = seconds(sent.time()) + " " + matcher.format(sent.segment());
    String difference = matcher.difference(packet, sent.segment());
    if (difference != null) {
      throw new ScriptFailure(event.line(), difference, expected, actual);
    }
    if (event.time().kind() != EventTime.Kind.ANY
        && (sent.time() < earliest - tolerance || sent.time() > deadline)) {
      throw new ScriptFailure(
          event.line(),
          "segment sent at "
              + seconds(sent.time())
              + ", expected "
              + window(earliest, latest)
              + " (tolerance "
              + Time.format(tolerance)
              + ")",
          expected,
          actual);
    }
    return sent.time();
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
    return host.sent().poll();
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

  /** Fails if the endpoint sent a segment that no line expects. */
  private void expectNothingSent(Event event, boolean afterLast) {
    SentSegment sent = host.sent().peek();
    if (sent == null) {
      return;
    }
    String where = afterLast ? "after the last line" : "before line " + event.line();
    throw new ScriptFailure(
        event.line(),
        "unexpected segment " + where,
        "no segment " + where + (afterLast ? "" : " (" + script.line(event.line()) + ")"),
        seconds(sent.time()) + " " + matcher.format(sent.segment()));
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
