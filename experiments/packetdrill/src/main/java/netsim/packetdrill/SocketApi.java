package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import netsim.core.Time;
import netsim.tcp.ConnectionExistsException;
import netsim.tcp.Endpoint;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * The system calls a script makes, on the model's endpoint API: {@code socket}, {@code bind},
 * {@code listen}, {@code accept}, {@code connect}, {@code write}/{@code send}, {@code read}/{@code
 * recv}, {@code shutdown}, {@code close}, {@code setsockopt} and {@code getsockopt} for what the
 * model has, and {@code fcntl} for {@code O_NONBLOCK}. File descriptors are those the script
 * expects, as packetdrill maps them, else the lowest free number from 3, as in a fresh process.
 *
 * <p>A call on a blocking socket that cannot complete yet returns a {@link Call} that answers null
 * until it can; the runner polls it whenever the endpoint changes.
 */
final class SocketApi {

  /** A started call; {@link #poll()} returns its result, or null while it blocks. */
  @FunctionalInterface
  interface Call {
    CallResult poll();
  }

  private static final Set<String> CALLS =
      Set.of(
          "socket",
          "bind",
          "listen",
          "accept",
          "connect",
          "write",
          "send",
          "sendto",
          "sendmsg",
          "read",
          "recv",
          "recvfrom",
          "recvmsg",
          "shutdown",
          "close",
          "setsockopt",
          "getsockopt",
          "fcntl",
          "ioctl");

  /**
   * The ioctl() requests the model answers (Linux's tcp_ioctl): the bytes that a read would take
   * (SIOCINQ, alias FIONREAD), those written and not acknowledged (SIOCOUTQ, alias TIOCOUTQ), and
   * those written and not yet sent (SIOCOUTQNSD).
   */
  private static final Set<String> IOCTLS =
      Set.of("SIOCINQ", "FIONREAD", "SIOCOUTQ", "TIOCOUTQ", "SIOCOUTQNSD");

  private static final Set<String> SET_OPTIONS =
      Set.of(
          "SO_REUSEADDR",
          "SO_REUSEPORT",
          "SO_KEEPALIVE",
          "SO_DEBUG",
          "SO_LINGER",
          "SO_RCVBUF",
          "SO_SNDBUF",
          "TCP_NODELAY",
          "TCP_CORK",
          "TCP_MAXSEG",
          "TCP_USER_TIMEOUT",
          "TCP_INQ",
          "IP_TOS",
          "IP_MTU_DISCOVER");
  private static final Set<String> GET_OPTIONS =
      Set.of(
          "SO_ERROR",
          "SO_RCVBUF",
          "SO_SNDBUF",
          "SO_REUSEADDR",
          "SO_REUSEPORT",
          "SO_KEEPALIVE",
          "SO_TYPE",
          "TCP_NODELAY",
          "TCP_MAXSEG",
          "TCP_USER_TIMEOUT",
          "TCP_INQ");

  /** Options the model takes as an int: a value beyond int is refused, never wrapped. */
  private static final Set<String> INT_OPTIONS =
      Set.of("SO_RCVBUF", "SO_SNDBUF", "TCP_MAXSEG", "TCP_USER_TIMEOUT");

  private final ScriptHost host;
  private final Profile profile;
  private final Symbols symbols;
  private final Runnable changed;
  private final Map<Integer, SimSocket> sockets = new TreeMap<>();

  SocketApi(ScriptHost host, Profile profile, Runnable changed) {
    this.host = host;
    this.profile = profile;
    this.symbols = new Symbols(profile.nonBlockFlag());
    this.changed = changed;
  }

  Symbols symbols() {
    return symbols;
  }

  /**
   * Why netsim cannot run this call, or null if it can: calls, socket options and socket types the
   * model does not have.
   */
  static String unsupported(SyscallSpec call) {
    String name = call.name();
    if (!CALLS.contains(name)) {
      return switch (name) {
        case "poll", "epoll_create", "epoll_ctl", "epoll_wait", "select" ->
            "system call " + name + "() (netsim's socket layer has no readiness API)";
        case "writev", "readv", "sendfile", "splice" ->
            "system call "
                + name
                + "() (only read/recv/recvfrom/recvmsg and write/send/sendto/sendmsg are modelled)";
        default -> "system call " + name + "() is not modelled";
      };
    }
    if (name.equals("socket")) {
      String domain = call.arg(0).toString();
      String type = call.arg(1).toString();
      if (domain.contains("INET6")) {
        return "IPv6 socket (netsim models IPv4 only)";
      }
      if (!type.equals("...") && !type.contains("SOCK_STREAM")) {
        return "socket type " + type + " (netsim models TCP only)";
      }
    }
    if ((name.equals("sendto") && call.arg(3).toString().contains("MSG_FASTOPEN"))
        || (name.equals("sendmsg") && call.arg(2).toString().contains("MSG_FASTOPEN"))) {
      return "TCP Fast Open (" + name + " with MSG_FASTOPEN)";
    }
    if (name.equals("ioctl") && !IOCTLS.contains(call.arg(1).toString())) {
      return "ioctl request " + call.arg(1) + " is not modelled";
    }
    if (name.equals("setsockopt") || name.equals("getsockopt")) {
      String option = call.arg(2).toString();
      if (option.equals("TCP_INFO")) {
        return "TCP_INFO (netsim does not model struct tcp_info)";
      }
      if (option.startsWith("TCP_MD5")) {
        return "TCP MD5 signatures (" + option + ")";
      }
      if (option.startsWith("TCP_FASTOPEN")) {
        return "TCP Fast Open (" + option + ")";
      }
      if (option.equals("IP_MTU_DISCOVER")
          && !call.arg(3).toString().contains("IP_PMTUDISC_DONT")) {
        // The model has no path MTU discovery (RFC 1191), which IP_PMTUDISC_DONT turns off.
        return "setsockopt IP_MTU_DISCOVER " + call.arg(3) + " (no path MTU discovery in netsim)";
      }
      Set<String> known = name.equals("setsockopt") ? SET_OPTIONS : GET_OPTIONS;
      if (!known.contains(option)) {
        return name + " option " + option + " is not modelled";
      }
    }
    return null;
  }

  /** Starts a call; the result is at its {@link Call#poll()}. */
  Call start(SyscallSpec call) {
    return switch (call.name()) {
      case "socket" -> done(newSocket(call));
      case "bind" -> done(withSocket(call, this::bind));
      case "listen" -> done(withSocket(call, s -> listen(s, call)));
      case "accept" -> blockingOn(call, s -> accept(s, call));
      case "connect" -> connect(call);
      case "write", "send", "sendto", "sendmsg" -> write(call);
      case "read", "recv", "recvfrom", "recvmsg" -> blockingOn(call, s -> read(s, call));
      case "shutdown" -> done(withSocket(call, s -> shutdown(s, call)));
      case "close" -> done(withSocket(call, this::close));
      case "setsockopt" -> done(withSocket(call, s -> setsockopt(s, call)));
      case "getsockopt" -> done(withSocket(call, s -> getsockopt(s, call)));
      case "fcntl" -> done(withSocket(call, s -> fcntl(s, call)));
      case "ioctl" -> done(withSocket(call, s -> ioctl(s, call)));
      default -> throw new IllegalStateException("unchecked call " + call.name());
    };
  }

  private static Call done(CallResult result) {
    return () -> result;
  }

  /** A call on an fd that returns null while it would block on a blocking socket. */
  private Call blockingOn(SyscallSpec call, Function<SimSocket, CallResult> attempt) {
    SimSocket socket = socket(call);
    if (socket == null) {
      return done(CallResult.error("EBADF"));
    }
    return () -> {
      CallResult result = attempt.apply(socket);
      if (result == null && socket.nonBlocking) {
        return CallResult.error("EAGAIN");
      }
      return result;
    };
  }

  private CallResult withSocket(SyscallSpec call, Function<SimSocket, CallResult> body) {
    SimSocket socket = socket(call);
    return socket == null ? CallResult.error("EBADF") : body.apply(socket);
  }

  private SimSocket socket(SyscallSpec call) {
    Expr fd = call.arg(0);
    if (!(fd instanceof Expr.Int number)) {
      throw new IllegalArgumentException(
          call.name() + "() needs a file descriptor number as" + " its first argument, got " + fd);
    }
    long value = number.value();
    return value == (int) value ? sockets.get((int) value) : null; // beyond int: none
  }

  /**
   * Gives {@code socket} the descriptor the script expects the call to return, when it names a free
   * one (packetdrill maps a script's descriptors to the live ones, so a script may say {@code
   * socket(...) = 4}); else the lowest free number from 3.
   */
  private int allocate(SimSocket socket, SyscallSpec call) {
    int fd = 3;
    if (call.result() instanceof Expr.Int expected
        && expected.value() >= 0
        && expected.value() <= 1024
        && !sockets.containsKey((int) expected.value())) {
      fd = (int) expected.value();
    }
    while (sockets.containsKey(fd)) {
      fd++;
    }
    socket.fd = fd;
    sockets.put(fd, socket);
    return fd;
  }

  // --- Calls ----------------------------------------------------------------------------------

  /**
   * The host's TCP sockets as FreeBSD's sockstat lists them: each descriptor the script holds (a
   * listener in LISTEN; a connection in its state; a socket without one, or whose connection ended,
   * in CLOSED), then each connection of the stack that no descriptor holds (an embryonic
   * connection, one waiting on a listener's queue, one the application closed), by four-tuple.
   */
  List<SocketTable.Row> socketTable() {
    List<SocketTable.Row> rows = new ArrayList<>();
    List<TcpConnection> held = new ArrayList<>();
    for (SimSocket socket : sockets.values()) {
      TcpConnection connection = socket.connection;
      if (socket.listener != null) {
        rows.add(new SocketTable.Row(socket.fd, "*:" + socket.boundPort, "*:*", "LISTEN"));
      } else if (connection == null) {
        String local = socket.boundPort >= 0 ? "*:" + socket.boundPort : "*:*";
        rows.add(new SocketTable.Row(socket.fd, local, "*:*", "CLOSED"));
      } else {
        held.add(connection);
        boolean live =
            connection.state() != TcpState.CLOSED
                && host.stack().connections().contains(connection);
        rows.add(
            new SocketTable.Row(
                socket.fd,
                connection.local().toString(),
                connection.remote().toString(),
                live ? stateName(connection.state()) : "CLOSED"));
      }
    }
    if (host.started()) {
      for (TcpConnection connection : host.stack().connections()) {
        if (!held.contains(connection) && connection.state() != TcpState.CLOSED) {
          rows.add(
              new SocketTable.Row(
                  -1,
                  connection.local().toString(),
                  connection.remote().toString(),
                  stateName(connection.state())));
        }
      }
    }
    return rows;
  }

  /**
   * FreeBSD's tcpdrop: drops each connection {@code drop} selects as the kernel's sysctl_drop does,
   * with tcp_drop(tp, ECONNABORTED): the connection's reset ({@link TcpConnection#abort()}) and
   * ECONNABORTED as its socket's pending error. A listener's embryonic connection lives in
   * FreeBSD's syncache, which sockstat lists but sysctl_drop cannot find (ESRCH): tcpdrop leaves it
   * and fails, as it does when the one connection its address form names does not exist.
   *
   * @return why tcpdrop exits non-zero, or null when it succeeds
   */
  @Nullable String tcpdrop(TcpDrop drop) {
    if (drop.usage() != null) {
      return drop.usage();
    }
    if (!host.started()) {
      return drop.needsAMatch() ? "tcpdrop: no such connection (ESRCH)" : null;
    }
    List<TcpConnection> selected = new ArrayList<>();
    for (TcpConnection connection : host.stack().connections()) {
      if (connection.state() != TcpState.CLOSED
          && drop.selects(connection.tuple(), stateName(connection.state()))) {
        selected.add(connection);
      }
    }
    String failure =
        selected.isEmpty() && drop.needsAMatch() ? "tcpdrop: no such connection (ESRCH)" : null;
    for (TcpConnection connection : selected) {
      if (connection.isPassive() && connection.state() == TcpState.SYN_RECEIVED) {
        failure =
            "tcpdrop: "
                + connection.local()
                + " "
                + connection.remote()
                + " is in the syncache"
                + " (ESRCH)";
        continue;
      }
      SimSocket owner = owner(connection);
      if (owner != null) {
        owner.error = "ECONNABORTED";
      }
      connection.abort();
    }
    changed.run();
    return failure;
  }

  /** The socket that holds {@code connection}: by descriptor, or on a listener's queue. */
  private @Nullable SimSocket owner(TcpConnection connection) {
    for (SimSocket socket : sockets.values()) {
      if (socket.connection == connection) {
        return socket;
      }
      for (SimSocket child : socket.acceptQueue) {
        if (child.connection == connection) {
          return child;
        }
      }
    }
    return null;
  }

  /** A state in FreeBSD's names (tcp_fsm.h's tcpstates[]): SYN_RCVD, the others as TcpState's. */
  private static String stateName(TcpState state) {
    return state == TcpState.SYN_RECEIVED ? "SYN_RCVD" : state.name();
  }

  private CallResult newSocket(SyscallSpec call) {
    return CallResult.ok(allocate(new SimSocket(null, changed), call));
  }

  private CallResult bind(SimSocket socket) {
    if (socket.boundPort >= 0) {
      return CallResult.error("EINVAL");
    }
    socket.boundPort = ScriptHost.SCRIPT_PORT;
    return CallResult.ok(0);
  }

  private CallResult listen(SimSocket socket, SyscallSpec call) {
    if (socket.connection != null) {
      return CallResult.error("EINVAL");
    }
    if (socket.listener == null) {
      int backlog = (int) Math.max(1, Math.min(65535, symbols.value(call.arg(1))));
      int port = socket.boundPort >= 0 ? socket.boundPort : ScriptHost.SCRIPT_PORT;
      socket.boundPort = port;
      socket.listener =
          host.stack()
              .listen(
                  port,
                  backlog,
                  child -> {
                    SimSocket accepted = new SimSocket(socket, changed);
                    accepted.connection = child;
                    accepted.settings.putAll(socket.settings); // a child inherits the options
                    applyTcpOptions(accepted);
                    child.setReading(false);
                    return accepted;
                  });
    }
    return CallResult.ok(0);
  }

  private CallResult accept(SimSocket socket, SyscallSpec call) {
    if (socket.listener == null) {
      return CallResult.error("EINVAL");
    }
    SimSocket child = socket.acceptQueue.poll();
    if (child == null) {
      return null;
    }
    return CallResult.ok(allocate(child, call));
  }

  private Call connect(SyscallSpec call) {
    SimSocket socket = socket(call);
    if (socket == null) {
      return done(CallResult.error("EBADF"));
    }
    if (socket.listener != null) {
      return done(CallResult.error("EISCONN"));
    }
    if (socket.connection != null) {
      if (socket.error != null) {
        String error = socket.error;
        socket.error = null;
        return done(CallResult.error(error));
      }
      return done(CallResult.error(socket.established ? "EISCONN" : "EALREADY"));
    }
    Endpoint remote = new Endpoint(ScriptHost.REMOTE, ScriptHost.SCRIPT_PORT);
    try {
      socket.connection =
          socket.boundPort >= 0
              ? host.stack().connect(socket.boundPort, remote, socket)
              : host.stack().connect(remote, socket);
    } catch (ConnectionExistsException e) {
      return done(CallResult.error("EADDRNOTAVAIL")); // Linux's answer for a 4-tuple in use
    }
    socket.connection.setReading(false);
    applyTcpOptions(socket);
    host.target(socket.connection.tuple());
    if (socket.nonBlocking) {
      return done(CallResult.error("EINPROGRESS"));
    }
    return () -> {
      if (socket.established) {
        return CallResult.ok(0);
      }
      if (socket.error != null) {
        String error = socket.error;
        socket.error = null;
        return CallResult.error(error);
      }
      return null;
    };
  }

  private Call write(SyscallSpec call) {
    SimSocket socket = socket(call);
    if (socket == null) {
      return done(CallResult.error("EBADF"));
    }
    boolean message = call.name().equals("sendmsg");
    long length = message ? messageLength(call.arg(1)) : symbols.value(call.arg(2));
    // send(..., MSG_MORE): more follows, so no push and a partial segment waits (Linux).
    String flags = call.name().equals("write") ? "" : call.arg(message ? 2 : 3).toString();
    boolean more = flags.contains("MSG_MORE");
    // send(..., MSG_EOR): the write ends a record, which no segment spans (Linux).
    boolean endOfRecord = flags.contains("MSG_EOR");
    boolean badBuffer = !message && isNull(call.arg(1));
    long[] written = {0};
    return () -> {
      if (socket.error != null) {
        String error = socket.error;
        socket.error = null;
        return CallResult.error(error);
      }
      TcpConnection connection = socket.connection;
      if (socket.writeShut || connection == null) {
        return CallResult.error(connection == null ? "ENOTCONN" : "EPIPE");
      }
      TcpState state = connection.state();
      if (state == TcpState.CLOSED || state.hasClosedSending()) {
        return CallResult.error("EPIPE");
      }
      if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
        return socket.nonBlocking ? CallResult.error("EAGAIN") : null;
      }
      if (badBuffer && length > 0) {
        // Linux's tcp_sendmsg_locked: the copy from a bad user address fails before a byte is
        // queued, and the call returns -EFAULT (do_error, nothing copied).
        return CallResult.error("EFAULT");
      }
      while (written[0] < length) {
        // One send() per write where the buffer has room, so that the write ends where the
        // application's does (Linux's PSH goes there).
        int chunk = (int) Math.min(length - written[0], Math.max(1, connection.sendBufferFree()));
        int accepted = connection.send(new byte[chunk], 0, chunk, more);
        written[0] += accepted;
        if (accepted < chunk) {
          break;
        }
      }
      if (written[0] == length && endOfRecord) {
        connection.endRecord();
      }
      if (written[0] == length || (socket.nonBlocking && written[0] > 0)) {
        return CallResult.ok(written[0]);
      }
      return socket.nonBlocking ? CallResult.error("EAGAIN") : null;
    };
  }

  /**
   * The bytes a sendmsg() message carries: the lengths of its {@code msg_iov(N)=[{..., len}, ...]}
   * added up.
   */
  private long messageLength(Expr message) {
    Expr iov = message instanceof Expr.Struct struct ? struct.get("msg_iov") : null;
    if (!(iov instanceof Expr.Array array)) {
      throw new IllegalArgumentException(
          "sendmsg needs a message with msg_iov(N)=[{..., length}, ...], got " + message);
    }
    long length = 0;
    for (Expr item : array.items()) {
      if (!(item instanceof Expr.Struct vector) || vector.fields().isEmpty()) {
        throw new IllegalArgumentException("an msg_iov entry is {..., length}, got " + item);
      }
      length += symbols.value(vector.fields().get(vector.fields().size() - 1).value());
    }
    return length;
  }

  /**
   * read(), recv(), recvfrom() and recvmsg() (the length its {@code msg_iov} adds up to). A NULL
   * buffer with data to read fails with EFAULT and leaves the data (Linux's tcp_recvmsg_locked: "if
   * (!copied) copied = -EFAULT"). recvmsg's {@code TCP_CM_INQ} control message is checked against
   * {@link #inqHint} when the socket has TCP_INQ set.
   */
  private CallResult read(SimSocket socket, SyscallSpec call) {
    if (socket.connection == null) {
      return CallResult.error("ENOTCONN");
    }
    boolean message = call.name().equals("recvmsg");
    long length = message ? messageLength(call.arg(1)) : symbols.value(call.arg(2));
    TcpConnection connection = socket.connection;
    if (connection.unreadBytes() > 0) {
      // The bytes waiting in the model come up (and its window reopens), as a read drains a
      // kernel's receive buffer; more than asked stays in this socket for the next read.
      connection.setReading(true);
      connection.setReading(false);
    }
    if (socket.unread > 0) {
      if (!message && isNull(call.arg(1)) && length > 0) {
        return CallResult.error("EFAULT");
      }
      long taken = Math.min(length, socket.unread);
      socket.unread -= taken;
      return withInq(CallResult.ok(taken), socket, call);
    }
    if (socket.error != null) {
      String error = socket.error;
      socket.error = null;
      return CallResult.error(error);
    }
    if (socket.peerClosed || socket.readShut || socket.connection.state() == TcpState.CLOSED) {
      return withInq(CallResult.ok(0), socket, call);
    }
    return null;
  }

  /** Whether a buffer argument is the script's {@code NULL}. */
  private static boolean isNull(Expr buffer) {
    return buffer instanceof Expr.Word word && word.name().equals("NULL");
  }

  /**
   * recvmsg()'s {@code msg_control=[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=N}]}
   * compared with the model's {@link #inqHint}: Linux's tcp_recvmsg puts that control message on
   * each recvmsg of a socket with TCP_INQ set (tcp_inq_hint), and on no other.
   */
  private CallResult withInq(CallResult result, SimSocket socket, SyscallSpec call) {
    if (!call.name().equals("recvmsg")
        || !(call.arg(1) instanceof Expr.Struct message)
        || !(message.get("msg_control") instanceof Expr.Array control)) {
      return result;
    }
    boolean inqSet = socket.settings.getOrDefault("TCP_INQ", 0L) != 0;
    List<Expr> messages = control.items();
    if (!inqSet) {
      return messages.isEmpty()
          ? result
          : result.withProblem(
              "recvmsg gave no control message (TCP_INQ is not set), the script expects "
                  + control);
    }
    long inq = inqHint(socket);
    if (messages.size() != 1
        || !(messages.get(0) instanceof Expr.Struct cmsg)
        || cmsg.get("cmsg_type") == null
        || !cmsg.get("cmsg_type").toString().equals("TCP_CM_INQ")
        || cmsg.get("cmsg_data") == null) {
      return result.withProblem(
          "recvmsg gave one control message, TCP_CM_INQ = "
              + inq
              + ", the script expects "
              + control);
    }
    String wanted = expectedValue(cmsg.get("cmsg_data"));
    if (!wanted.equals(Long.toString(inq))) {
      return result.withProblem(
          "recvmsg's TCP_CM_INQ gave " + inq + ", the script expects " + wanted);
    }
    return result;
  }

  /**
   * Linux's tcp_inq_hint: the bytes received in order and not yet read (rcv_nxt - copied_seq), or 1
   * when that is 0 and a FIN has arrived, "to continue reading" (to see the end of file).
   */
  private static long inqHint(SimSocket socket) {
    long inq = socket.unread + socket.connection.unreadBytes();
    return inq == 0 && socket.peerClosed ? 1 : inq;
  }

  private CallResult shutdown(SimSocket socket, SyscallSpec call) {
    if (socket.connection == null) {
      return CallResult.error("ENOTCONN");
    }
    long how = symbols.value(call.arg(1));
    if (how == 0 || how == 2) {
      socket.readShut = true;
    }
    if (how == 1 || how == 2) {
      socket.writeShut = true;
      socket.connection.shutdownOutput();
    }
    return CallResult.ok(0);
  }

  /**
   * close(): a listener stops listening; a connection is closed (RFC 9293 CLOSE), or reset when
   * SO_LINGER is zero or received data was never read (RFC 1122 4.2.2.13: "If such a host issues a
   * CLOSE call while received data is still pending in TCP ... its TCP SHOULD send a RST to show
   * that data was lost"), unless the host discards that data and closes with a FIN ({@link
   * netsim.tcp.HostProfile#closeDiscardsUnreadData()}, FreeBSD's tcp_disconnect).
   */
  private CallResult close(SimSocket socket) {
    sockets.remove(socket.fd);
    if (socket.listener != null) {
      socket.listener.close();
    }
    TcpConnection connection = socket.connection;
    if (connection != null && connection.state() != TcpState.CLOSED) {
      boolean unread = socket.unread > 0 || connection.unreadBytes() > 0;
      if (socket.lingerAbort() || (unread && !profile.tcp().profile().closeDiscardsUnreadData())) {
        connection.abort();
      } else {
        connection.close();
      }
    }
    return CallResult.ok(0);
  }

  private CallResult setsockopt(SimSocket socket, SyscallSpec call) {
    String option = call.arg(2).toString();
    Expr value = call.arg(3);
    if (option.equals("SO_LINGER")) {
      if (!(value instanceof Expr.Struct linger)
          || linger.get("onoff") == null
          || linger.get("linger") == null) {
        throw new IllegalArgumentException("SO_LINGER needs {onoff=N, linger=N}, got " + value);
      }
      socket.settings.put("SO_LINGER_ONOFF", symbols.value(linger.get("onoff")));
      socket.settings.put("SO_LINGER_SECONDS", symbols.value(linger.get("linger")));
      return CallResult.ok(0);
    }
    long number = symbols.value(value);
    if (INT_OPTIONS.contains(option) && number != (int) number) {
      throw new IllegalArgumentException(option + " out of range: " + number);
    }
    socket.settings.put(option, number);
    if (option.equals("TCP_USER_TIMEOUT") && number < 0) {
      return CallResult.error("EINVAL"); // Linux's do_tcp_setsockopt refuses a negative timeout
    }
    if (socket.connection != null
        && (option.equals("TCP_NODELAY")
            || option.equals("TCP_CORK")
            || option.equals("TCP_USER_TIMEOUT"))) {
      applyTcpOptions(socket);
    }
    if (socket.listener != null && option.equals("TCP_MAXSEG")) {
      socket.listener.setMss((int) number); // the children to come inherit it
    }
    if (!host.started()) {
      switch (option) {
        case "SO_RCVBUF" -> host.config().receiveBuffer((int) number);
        case "SO_SNDBUF" -> host.config().sendBuffer((int) number);
        case "TCP_MAXSEG" -> host.config().mss((int) number);
        default -> {
          // Other options have no effect on the model.
        }
      }
    }
    return CallResult.ok(0);
  }

  /**
   * TCP_NODELAY, TCP_CORK and TCP_USER_TIMEOUT (in milliseconds), as the socket has them, onto its
   * connection.
   */
  private static void applyTcpOptions(SimSocket socket) {
    Long noDelay = socket.settings.get("TCP_NODELAY");
    Long cork = socket.settings.get("TCP_CORK");
    Long userTimeout = socket.settings.get("TCP_USER_TIMEOUT");
    if (userTimeout != null) {
      socket.connection.setUserTimeout(Time.millis(userTimeout));
    }
    if (cork != null) {
      socket.connection.setCork(cork != 0);
    }
    if (noDelay != null) {
      socket.connection.setNagle(noDelay == 0);
    }
  }

  private CallResult getsockopt(SimSocket socket, SyscallSpec call) {
    String option = call.arg(2).toString();
    Expr expected = call.arg(3);
    String actual;
    boolean compare = true;
    switch (option) {
      case "SO_ERROR" -> {
        actual = socket.error == null ? "0" : socket.error;
        socket.error = null;
      }
      case "SO_RCVBUF" -> {
        long reported =
            socket.settings.containsKey(option)
                ? socket.settings.get(option) * bufferFactor()
                : profile.reportedReceiveBuffer();
        compare = reported >= 0;
        actual = Long.toString(reported);
      }
      case "SO_SNDBUF" -> {
        long reported =
            socket.settings.containsKey(option)
                ? socket.settings.get(option) * bufferFactor()
                : profile.reportedSendBuffer();
        compare = reported >= 0;
        actual = Long.toString(reported);
      }
      case "SO_TYPE" -> actual = "1";
      case "TCP_MAXSEG" -> actual = Long.toString(maxSegment(socket));
      default -> actual = Long.toString(socket.settings.getOrDefault(option, 0L));
    }
    CallResult result = CallResult.ok(0);
    if (compare && !(expected instanceof Expr.Ellipsis)) {
      String wanted = expectedValue(expected);
      if (!wanted.equals(actual)) {
        return result.withProblem(
            "getsockopt " + option + " gave [" + actual + "], the script expects [" + wanted + "]");
      }
    }
    return result;
  }

  /** What getsockopt(SO_SNDBUF/SO_RCVBUF) reports per byte set (Linux doubles it, socket(7)). */
  private long bufferFactor() {
    return profile.tcp().profile().socketBufferFactor();
  }

  /**
   * ioctl() as Linux's tcp_ioctl answers it: EINVAL on a listener; 0 before the handshake completes
   * (SYN-SENT, SYN-RECEIVED); else for SIOCINQ the bytes received in order and not read (tcp_inq:
   * RCV.NXT - copied_seq, a FIN not counted), for SIOCOUTQ the bytes written and not acknowledged
   * (write_seq - SND.UNA), for SIOCOUTQNSD those not yet sent (write_seq - SND.NXT). The value is
   * compared with the script's {@code [N]}.
   */
  private CallResult ioctl(SimSocket socket, SyscallSpec call) {
    if (socket.listener != null) {
      return CallResult.error("EINVAL");
    }
    TcpConnection connection = socket.connection;
    long value = 0;
    if (connection != null && connection.state().isSynchronized()) {
      value =
          switch (call.arg(1).toString()) {
            case "SIOCINQ", "FIONREAD" -> socket.unread + connection.unreadBytes();
            case "SIOCOUTQ", "TIOCOUTQ" -> connection.info().bytesUnacknowledged();
            default -> connection.info().bytesUnsent();
          };
    }
    String wanted = expectedValue(call.arg(2));
    if (!wanted.equals(Long.toString(value))) {
      return CallResult.ok(0)
          .withProblem(
              "ioctl "
                  + call.arg(1)
                  + " gave ["
                  + value
                  + "], the script expects ["
                  + wanted
                  + "]");
    }
    return CallResult.ok(0);
  }

  /**
   * getsockopt(TCP_MAXSEG), as Linux answers it: a connection's MSS in effect once its SYNs are
   * exchanged; before that, the MSS set with setsockopt, else RFC 9293 3.7.1's default of 536.
   */
  private static long maxSegment(SimSocket socket) {
    TcpConnection connection = socket.connection;
    if (connection != null && connection.state().isSynchronized()) {
      return connection.info().sendMss();
    }
    return socket.settings.getOrDefault("TCP_MAXSEG", (long) TcpConnection.DEFAULT_PEER_MSS);
  }

  /** {@code [0]}, {@code [ECONNREFUSED]} or {@code [65536]}, as the text getsockopt compares. */
  private String expectedValue(Expr expected) {
    Expr inner =
        expected instanceof Expr.Array array && array.items().size() == 1
            ? array.items().get(0)
            : expected;
    if (inner instanceof Expr.Word word && Symbols.isErrno(word.name())) {
      return Symbols.canonicalErrno(word.name());
    }
    return Long.toString(symbols.value(inner));
  }

  private CallResult fcntl(SimSocket socket, SyscallSpec call) {
    String command = call.arg(1).toString().toUpperCase(Locale.ROOT);
    switch (command) {
      case "F_GETFL":
        return CallResult.ok(2 | (socket.nonBlocking ? profile.nonBlockFlag() : 0));
      case "F_SETFL":
        socket.nonBlocking = symbols.hasNonBlock(call.arg(2));
        return CallResult.ok(0);
      case "F_GETFD":
      case "F_SETFD":
        return CallResult.ok(0);
      default:
        throw new IllegalArgumentException("fcntl command " + command + " is not modelled");
    }
  }
}
