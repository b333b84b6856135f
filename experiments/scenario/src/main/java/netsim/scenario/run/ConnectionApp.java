package netsim.scenario.run;

import java.util.Objects;
import netsim.scenario.config.AppSettings;
import netsim.scenario.config.AppSettings.Moment;
import netsim.scenario.config.RequestSettings;
import netsim.tcp.AppEvent;
import netsim.tcp.ConnectionExistsException;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.ReceivedData;
import netsim.tcp.Seq;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * The application on one connection, client or server side: writes its bytes (from its {@link
 * PayloadStream}, made once in {@link PayloadChunks} shared with the peer), checks every byte it
 * reads against the peer's stream, and closes, shuts down or aborts when its settings say. What it
 * saw is kept in an {@link AppRecord}.
 *
 * <p>With {@link RequestSettings}, it is one side of a request/response exchange instead of a bulk
 * transfer: the client writes a request, the server answers once the whole request has arrived, the
 * client writes the next one {@code think} after the whole answer, and after the last answer the
 * side whose close is {@code done} closes.
 */
final class ConnectionApp implements TcpHandler {
  private final Activity activity;

  /** Where the application reports its own calls: its host's TCP observer. */
  private final TcpObserver events;

  private final long seed;
  private final AppSettings settings;
  private final AppRecord record;
  private final Runnable onClosed;

  /** The request/response exchange on this connection, or null for a bulk transfer. */
  private final RequestSettings requests;

  private final boolean client;

  /** Requests answered (server) or answers received whole (client). */
  private int exchanges;

  /** The bytes the application has asked to write so far. */
  private long goal;

  /** This side's stream, whose chunks it writes; null until established. */
  private PayloadChunks.@Nullable End out;

  /** The peer's stream, whose chunks what arrives is checked against; null until established. */
  private PayloadChunks.@Nullable End expected;

  private long written;

  /**
   * Where the piece being written ends: each write offers the rest of a piece of at most {@link
   * PayloadChunks#CHUNK} bytes, the next piece starting once the send buffer has taken it all, so
   * the connection sees the same writes whoever made the chunks.
   */
  private long pieceEnd;

  private boolean writing;
  private boolean closeRequested;
  private boolean closed;

  ConnectionApp(
      Activity activity,
      TcpObserver events,
      String node,
      String role,
      long seed,
      AppSettings settings,
      Runnable onClosed) {
    this(activity, events, node, role, seed, settings, null, onClosed);
  }

  /**
   * One side of a request/response exchange, or of a bulk transfer when {@code requests} is null.
   */
  ConnectionApp(
      Activity activity,
      TcpObserver events,
      String node,
      String role,
      long seed,
      AppSettings settings,
      RequestSettings requests,
      Runnable onClosed) {
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.settings = settings;
    this.requests = requests;
    this.client = role.equals("client");
    long toSend =
        requests == null
            ? settings.send()
            : client ? requests.requestBytes() : requests.responseBytes();
    this.record = new AppRecord(node, role, toSend);
    this.onClosed = onClosed;
  }

  AppRecord record() {
    return record;
  }

  /**
   * Opens a connection with this application from {@code stack}'s {@code localPort} (0: an
   * ephemeral port) to {@code remote}, and attaches to it.
   *
   * @return the connection, or null when the OPEN failed (RFC 9293 3.10.1: "connection already
   *     exists"); only this OPEN fails, the stack has told the trace ("open-failed"), and the
   *     record says why
   */
  TcpConnection open(TcpStack stack, int localPort, Endpoint remote) {
    TcpConnection connection;
    try {
      connection =
          localPort == 0 ? stack.connect(remote, this) : stack.connect(localPort, remote, this);
    } catch (ConnectionExistsException e) {
      openFailed(e.tuple(), "connection already exists (in " + e.existing() + ")");
      return null;
    }
    attach(connection);
    return connection;
  }

  /** Called once the connection object exists (before any callback): absolute-time actions. */
  void attach(TcpConnection connection) {
    record.attach(connection);
    Moment close = settings.close();
    if (close.kind() == Moment.Kind.AT) {
      activity.at(close.time(), () -> close(connection));
    }
    Moment abort = settings.abort();
    if (abort.kind() == Moment.Kind.AT) {
      activity.at(abort.time(), () -> abort(connection));
    }
  }

  @Override
  public void onEstablished(TcpConnection c) {
    record.establishedAt = activity.simulator().now();
    String local = c.local().toString();
    String remote = c.remote().toString();
    out = activity.payloads().writer(seed, local, remote, Seq.unsigned(c.info().iss()));
    expected = activity.payloads().checker(seed, remote, local, Seq.unsigned(c.info().irs()));
    record.iss = Seq.unsigned(c.info().iss());
    record.irs = Seq.unsigned(c.info().irs());
    Moment sendAt = settings.sendAt();
    if (requests != null) {
      if (client) {
        writeMore(c, requests.request());
      }
    } else if (settings.send() > 0) {
      if (sendAt.kind() == Moment.Kind.AFTER && sendAt.time() == 0) {
        startWriting(c);
      } else if (sendAt.kind() == Moment.Kind.AFTER) {
        activity.after(sendAt.time(), () -> startWriting(c));
      } else {
        activity.at(sendAt.time(), () -> startWriting(c));
      }
    } else if (settings.close().kind() == Moment.Kind.DONE) {
      scheduleClose(c);
    }
    if (settings.close().kind() == Moment.Kind.AFTER) {
      activity.after(settings.close().time(), () -> close(c));
    }
    if (settings.abort().kind() == Moment.Kind.AFTER) {
      activity.after(settings.abort().time(), () -> abort(c));
    }
  }

  private void startWriting(TcpConnection c) {
    writeMore(c, settings.send());
  }

  /** Writes {@code bytes} more of its stream (as the send buffer takes them). */
  private void writeMore(TcpConnection c, long bytes) {
    if (!isOpenForWriting(c)) {
      return;
    }
    writing = true;
    goal += bytes;
    events.onAppEvent(activity.simulator().now(), c.tuple(), AppEvent.WRITE, bytes);
    write(c);
  }

  private boolean isOpenForWriting(TcpConnection c) {
    TcpState s = c.state();
    return !closeRequested && (s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT);
  }

  private void write(TcpConnection c) {
    PayloadChunks.End stream = Objects.requireNonNull(out, "written before established");
    while (written < goal && isOpenForWriting(c)) {
      if (written == pieceEnd) {
        pieceEnd = written + Math.min(goal - written, PayloadChunks.CHUNK);
      }
      int n = (int) (pieceEnd - written);
      PayloadChunks.Chunk chunk = stream.at(written, n);
      int from = (int) (written - chunk.start());
      int accepted =
          n <= chunk.bytes().length() - from
              ? c.send(chunk.bytes(), from, n)
              : c.send(copy(stream, written, n)); // the piece spans chunks the peer made
      written += accepted;
      record.written = written;
      stream.passed(written);
      if (accepted < n) {
        return; // the send buffer is full: onWritable continues
      }
    }
    if (written == goal && writing) {
      writing = false;
      boolean done = requests == null || (!client && exchanges == requests.count());
      if (done && settings.close().kind() == Moment.Kind.DONE) {
        scheduleClose(c);
      }
    }
  }

  /** The {@code n} bytes of {@code stream} from {@code offset}, copied out of its chunks. */
  private static byte[] copy(PayloadChunks.End stream, long offset, int n) {
    byte[] bytes = new byte[n];
    for (int done = 0; done < n; ) {
      PayloadChunks.Chunk chunk = stream.at(offset + done, n - done);
      int from = (int) (offset + done - chunk.start());
      int count = Math.min(chunk.bytes().length() - from, n - done);
      System.arraycopy(chunk.bytes().toArray(), from, bytes, done, count); // rare: no hurry
      done += count;
    }
    return bytes;
  }

  @Override
  public void onWritable(TcpConnection c) {
    if (writing) {
      write(c);
    }
  }

  private void scheduleClose(TcpConnection c) {
    if (settings.closeDelay() == 0) {
      close(c);
    } else {
      activity.after(settings.closeDelay(), () -> close(c));
    }
  }

  @Override
  public void onData(TcpConnection c, ReceivedData data) {
    // checked against the peer's chunks: where the data is a view of them, nothing is read
    PayloadChunks.End stream = Objects.requireNonNull(expected, "data before established");
    long at = record.received;
    for (int from = 0; from < data.length(); ) {
      PayloadChunks.Chunk chunk = stream.at(at + from, data.length() - from);
      int offset = (int) (at + from - chunk.start());
      int n = Math.min(chunk.bytes().length() - offset, data.length() - from);
      int mismatch = data.mismatch(from, chunk.bytes(), offset, n);
      if (mismatch >= 0 && record.firstMismatch < 0) {
        record.firstMismatch = at + from + mismatch;
      }
      from += n;
    }
    stream.passed(at + data.length());
    record.received += data.length();
    if (requests != null) {
      exchange(c);
    }
  }

  /** A request arrived whole (server: answer it) or an answer did (client: ask again, or close). */
  private void exchange(TcpConnection c) {
    long each = client ? requests.response() : requests.request();
    while (exchanges < requests.count() && record.received >= (exchanges + 1) * each) {
      exchanges++;
      if (!client) {
        writeMore(c, requests.response());
      } else if (exchanges < requests.count()) {
        if (requests.think() == 0) {
          writeMore(c, requests.request());
        } else {
          activity.after(requests.think(), () -> writeMore(c, requests.request()));
        }
      } else if (settings.close().kind() == Moment.Kind.DONE) {
        scheduleClose(c);
      }
    }
  }

  @Override
  public void onPeerClosed(TcpConnection c) {
    record.peerClosed = true;
    if (settings.close().kind() == Moment.Kind.EOF) {
      scheduleClose(c);
    }
  }

  @Override
  public void onReset(TcpConnection c) {
    record.reset = true;
  }

  @Override
  public void onTimeout(TcpConnection c) {
    record.timedOut = true;
  }

  @Override
  public void onClosed(TcpConnection c) {
    record.closed(c);
    leaveStreams();
    if (!closed) {
      closed = true;
      onClosed.run();
    }
  }

  /**
   * The OPEN failed at once (RFC 9293 3.10.1, "connection already exists"): there is no connection;
   * the record says why, and the client goes on as after a close.
   */
  void openFailed(FourTuple tuple, String why) {
    record.tuple = tuple;
    record.openFailed = why;
    leaveStreams();
    closed = true;
    onClosed.run();
  }

  /** Neither stream is needed by this side any more: their chunks may go. */
  private void leaveStreams() {
    if (out != null) {
      out.leave();
    }
    if (expected != null) {
      expected.leave();
    }
  }

  private void close(TcpConnection c) {
    if (closeRequested || c.state() == TcpState.CLOSED || c.state() == TcpState.LISTEN) {
      return;
    }
    closeRequested = true;
    boolean shutdown = settings.closeHow().equals("shutdown");
    events.onAppEvent(
        activity.simulator().now(), c.tuple(), shutdown ? AppEvent.SHUTDOWN : AppEvent.CLOSE, 0);
    if (shutdown) {
      c.shutdownOutput();
    } else {
      c.close();
    }
  }

  private void abort(TcpConnection c) {
    if (c.state() == TcpState.CLOSED || c.state() == TcpState.LISTEN) {
      return;
    }
    record.aborted = true;
    events.onAppEvent(activity.simulator().now(), c.tuple(), AppEvent.ABORT, 0);
    c.abort();
  }
}
