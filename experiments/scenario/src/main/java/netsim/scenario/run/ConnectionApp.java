package netsim.scenario.run;

import netsim.scenario.config.AppSettings;
import netsim.scenario.config.AppSettings.Moment;
import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.Seq;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpState;

/**
 * The application on one connection, client or server side: writes its bytes (from its {@link
 * PayloadStream}), checks every byte it reads against the peer's stream, and closes, shuts down or
 * aborts when its settings say. What it saw is kept in an {@link AppRecord}.
 */
final class ConnectionApp implements TcpHandler {
  private static final int CHUNK = 64 * 1024;
  private final Activity activity;

  /** Where the application reports its own calls: its host's TCP observer. */
  private final TcpObserver events;

  private final long seed;
  private final AppSettings settings;
  private final AppRecord record;
  private final Runnable onClosed;

  private PayloadStream out;
  private PayloadStream expected;
  private long written;

  /**
   * Bytes drawn from the stream, {@code chunkLength} of them, from {@code chunkOffset} not yet
   * taken by the send buffer. One array serves every chunk, so writing allocates nothing per chunk.
   */
  private byte[] chunk;

  private int chunkLength;
  private int chunkOffset;
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
    this.activity = activity;
    this.events = events;
    this.seed = seed;
    this.settings = settings;
    this.record = new AppRecord(node, role, settings.send());
    this.onClosed = onClosed;
  }

  AppRecord record() {
    return record;
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
    out = new PayloadStream(seed, local, remote, Seq.unsigned(c.iss()));
    expected = new PayloadStream(seed, remote, local, Seq.unsigned(c.irs()));
    record.iss = Seq.unsigned(c.iss());
    record.irs = Seq.unsigned(c.irs());
    Moment sendAt = settings.sendAt();
    if (settings.send() > 0) {
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
    if (!isOpenForWriting(c)) {
      return;
    }
    writing = true;
    events.onAppEvent(activity.simulator().now(), c.tuple(), AppEvent.WRITE, settings.send());
    write(c);
  }

  private boolean isOpenForWriting(TcpConnection c) {
    TcpState s = c.state();
    return !closeRequested && (s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT);
  }

  private void write(TcpConnection c) {
    while (written < settings.send() && isOpenForWriting(c)) {
      if (chunkOffset == chunkLength) {
        if (chunk == null) {
          chunk = new byte[(int) Math.min(settings.send(), CHUNK)];
        }
        chunkLength = (int) Math.min(settings.send() - written, chunk.length);
        out.next(chunk, chunkLength);
        chunkOffset = 0;
      }
      int accepted = c.send(chunk, chunkOffset, chunkLength - chunkOffset);
      chunkOffset += accepted;
      written += accepted;
      record.written = written;
      if (chunkOffset < chunkLength) {
        return; // the send buffer is full: onWritable continues
      }
    }
    if (written == settings.send() && writing) {
      writing = false;
      if (settings.close().kind() == Moment.Kind.DONE) {
        scheduleClose(c);
      }
    }
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
  public void onData(TcpConnection c, byte[] data) {
    int mismatch = expected.mismatch(data);
    if (mismatch >= 0 && record.firstMismatch < 0) {
      record.firstMismatch = record.received + mismatch;
    }
    record.received += data.length;
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
    chunk = null;
    chunkLength = 0;
    chunkOffset = 0;
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
    closed = true;
    onClosed.run();
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
