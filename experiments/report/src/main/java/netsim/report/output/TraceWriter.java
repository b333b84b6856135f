package netsim.report.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.ApplicationEvent;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionEvent;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.LinkChange;
import netsim.scenario.trace.PacketEvent;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * Writes {@code trace.jsonl}: one JSON object per event and line, its fields in the order
 * docs/trace.md gives. The one place a {@link TraceEvent} becomes text. It encodes straight into a
 * byte buffer: names, flags and enum texts are encoded once and copied, numbers are written digit
 * by digit, so an event costs no {@code String}.
 */
public final class TraceWriter implements EventSink {
  private static final int BUFFER = 64 * 1024;

  /**
   * The buffer of a writer that writes straight into a file: a {@code WriteBehind} chunk's size.
   */
  static final int CHUNK = 256 * 1024;

  /** The longest line an event can make with names up to {@link #LONG_NAME} bytes. */
  private static final int LONG_LINE = 1024;

  private static final int LONG_NAME = 256;

  private final OutputStream out;
  private byte[] buffer;
  private int length;
  private RunIndex index;

  /** Names as JSON strings, by table and id, encoded when first written. */
  private final Encoded nodes = new Encoded(RunIndex::nodes);

  private final Encoded links = new Encoded(RunIndex::links);
  private final Encoded chains = new Encoded(RunIndex::chains);
  private final Encoded rules = new Encoded(RunIndex::rules);
  private final byte[][] flags = new byte[256][];

  /**
   * Endpoints' texts ({@link #endpoint(int, int)}), in {@value #ENDPOINT_SLOTS} slots of {@value
   * #ENDPOINT_ROOM} bytes, the first its length, each holding the last endpoint whose hash chose
   * it: a segment's line has two endpoints, a run's connections few, and one copy costs less than
   * five numbers' digits. Primitive arrays, so that a miss (many connections) allocates nothing.
   */
  private final byte[] endpointTexts = new byte[ENDPOINT_SLOTS * ENDPOINT_ROOM];

  /** The address and port ({@link #endpointKey}) whose text each slot holds; -1: none. */
  private final long[] endpointKeys = new long[ENDPOINT_SLOTS];

  private final byte[][] rcvCauses = new byte[256][];

  /** A writer to {@code out} of the events of the run {@code index} names. */
  public TraceWriter(OutputStream out, RunIndex index) {
    this(out, index, BUFFER);
  }

  /** A writer to {@code out}, with a buffer of {@code buffer} bytes. */
  TraceWriter(OutputStream out, RunIndex index, int buffer) {
    this.out = out;
    this.index = index;
    this.buffer = new byte[buffer];
    Arrays.fill(endpointKeys, -1);
  }

  /** As a sink: names the ids of the run's events with {@code index}. */
  @Override
  public void start(RunIndex index) {
    this.index = index;
    for (Encoded names : List.of(nodes, links, chains, rules)) {
      names.clear();
    }
  }

  /** As a sink: writes out what is buffered once the run has ended. */
  @Override
  public void end(RunResult result) {
    try {
      flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void accept(TraceEvent event) {
    try {
      write(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every event of {@code events}, named by {@code index}, to {@code file}. */
  public static void write(List<TraceEvent> events, RunIndex index, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      TraceWriter writer = new TraceWriter(out, index);
      for (TraceEvent event : events) {
        writer.write(event);
      }
      writer.flush();
    }
  }

  /** The line {@code event} writes, without its newline. */
  public static String line(TraceEvent event, RunIndex index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    TraceWriter writer = new TraceWriter(out, index, 2 * LONG_LINE);
    try {
      writer.write(event);
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String line = out.toString(StandardCharsets.UTF_8);
    return line.substring(0, line.length() - 1);
  }

  /** Writes out what is buffered. */
  public void flush() throws IOException {
    out.write(buffer, 0, length);
    length = 0;
    out.flush();
  }

  @Override
  public void packet(PacketFields event) {
    try {
      writePacket(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends the line of TCP segment's event {@code p}, and its newline. */
  public void writePacket(PacketEvent p) throws IOException {
    lineStart(p.t(), p.kind());
    segment(p);
    raw(END);
  }

  @Override
  public void congestion(CongestionFields event) {
    try {
      writeCongestion(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends the line of congestion event {@code c}, and its newline. */
  public void writeCongestion(CongestionEvent c) throws IOException {
    lineStart(c.t(), EventKind.CC);
    congestionFields(c);
    raw(END);
  }

  @Override
  public void application(ApplicationFields event) {
    try {
      writeApplication(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends the line of application event {@code a}, and its newline. */
  public void writeApplication(ApplicationEvent a) throws IOException {
    lineStart(a.t(), EventKind.APP);
    applicationFields(a);
    raw(END);
  }

  /** Room for a line, then its time and kind. */
  private void lineStart(long t, EventKind kind) throws IOException {
    if (buffer.length - length < LONG_LINE) {
      out.write(buffer, 0, length);
      length = 0;
    }
    raw(T);
    number(t);
    raw(EV_KINDS[kind.ordinal()]);
  }

  /** Appends the line of {@code event}, and its newline. */
  public void write(TraceEvent event) throws IOException {
    if (event instanceof TraceEvent.Packet p) {
      writePacket(p);
      return;
    }
    lineStart(event.t(), event.kind());
    if (event instanceof TraceEvent.Datagram d) {
      datagram(d);
    } else if (event instanceof TraceEvent.Duplicate d) {
      name(LINK, links, d.link());
      number(PKT, d.pkt());
      number(COPY, d.copy());
    } else if (event instanceof TraceEvent.Rule r) {
      name(AT, chains, r.chain());
      name(RULE, rules, r.rule());
      field(ACTION, VERBS[r.action().ordinal()]);
      number(PKT, r.pkt());
      field(FLAGS, flags(r.flags()));
      number(SEQ, r.seq());
      number(LEN, r.len());
    } else if (event instanceof TraceEvent.State s) {
      name(NODE, nodes, s.node());
      conn(s.conn());
      field(FROM, STATES[s.from().ordinal()]);
      field(TO, STATES[s.to().ordinal()]);
      field(CAUSE, cause(s.cause(), s.causeFlags()));
    } else if (event instanceof TraceEvent.App a) {
      applicationFields(a);
    } else if (event instanceof TraceEvent.Retransmit r) {
      name(NODE, nodes, r.node());
      conn(r.conn());
      field(FLAGS, flags(r.flags()));
      number(SEQ, r.seq());
      number(LEN, r.len());
      field(REASON, REASONS[r.reason().ordinal()]);
    } else if (event instanceof TraceEvent.Congestion c) {
      congestionFields(c);
    } else if (event instanceof TraceEvent.Link l) {
      name(DIR, links, l.link());
      field(WHAT, LINK_CHANGES[l.what().ordinal()]);
    } else if (event instanceof TraceEvent.Host h) {
      name(NODE, nodes, h.node());
      field(WHAT, HOST_CHANGES[h.what().ordinal()]);
    }
    raw(END);
  }

  /** An application event's fields, after its time and kind. */
  private void applicationFields(ApplicationEvent a) {
    name(NODE, nodes, a.node());
    conn(a.conn());
    field(EVENT, APP_EVENTS[a.event().ordinal()]);
    if (a.bytes() > 0) {
      number(BYTES, a.bytes());
    }
  }

  /** A congestion event's fields, after its time and kind. */
  private void congestionFields(CongestionEvent c) {
    name(NODE, nodes, c.node());
    conn(c.conn());
    number(CWND, c.cwnd());
    if (c.ssthresh() != TraceEvent.NONE) {
      number(SSTHRESH, c.ssthresh());
    }
    if (c.srtt() != TraceEvent.NONE) {
      number(SRTT, c.srtt());
    }
    number(RTO, c.rto());
    number(INFLIGHT, c.inflight());
  }

  /** A TCP segment's fields, after its time and kind. */
  private void segment(PacketEvent p) {
    name(NODE, nodes, p.node());
    if (p.link() >= 0) {
      name(LINK, links, p.link());
    }
    number(PKT, p.pkt());
    raw(SRC);
    endpoint(p.src(), p.srcPort());
    raw(QUOTE_DST);
    endpoint(p.dst(), p.dstPort());
    raw(QUOTE_FLAGS);
    raw(flags(p.flags()));
    number(SEQ, p.seq());
    if (p.ack() >= 0) {
      number(ACK, p.ack());
    }
    number(LEN, p.len());
    if (p.ecn() != Ecn.NOT_ECT) {
      field(ECN, ECNS[p.ecn().ordinal()]);
    }
    if (p.state() != null) {
      field(STATE, STATES[p.state().ordinal()]);
    }
    if (p.cause() != null) {
      field(CAUSE, DROP_CAUSES[p.cause().ordinal()]);
    }
  }

  /** A UDP datagram's line: a TCP segment's fields that UDP has, its number as {@code seq}. */
  private void datagram(TraceEvent.Datagram d) {
    name(NODE, nodes, d.node());
    if (d.link() >= 0) {
      name(LINK, links, d.link());
    }
    number(PKT, d.pkt());
    raw(SRC);
    endpoint(d.src(), d.srcPort());
    raw(QUOTE_DST);
    endpoint(d.dst(), d.dstPort());
    raw(QUOTE);
    number(SEQ, d.number());
    number(LEN, d.len());
    if (d.cause() != null) {
      field(CAUSE, DROP_CAUSES[d.cause().ordinal()]);
    }
  }

  private void conn(FourTuple conn) {
    raw(CONN);
    endpoint(conn.local());
    buffer[length++] = '-';
    endpoint(conn.remote());
    raw(QUOTE);
  }

  private void endpoint(Endpoint endpoint) {
    endpoint(endpoint.address().bits(), endpoint.port());
  }

  /** "10.0.0.1:49152", without quotes: copied from its slot, or written and kept there. */
  private void endpoint(int address, int port) {
    long key = (port >>> 16) == 0 ? endpointKey(address, port) : -1; // -1: not kept
    int slot = (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> (Long.SIZE - ENDPOINT_BITS));
    int at = slot * ENDPOINT_ROOM;
    if (key >= 0 && endpointKeys[slot] == key) {
      int n = endpointTexts[at];
      System.arraycopy(endpointTexts, at + 1, buffer, length, n);
      length += n;
      return;
    }
    int start = length;
    for (int shift = 24; shift >= 0; shift -= 8) {
      digits((address >>> shift) & 0xFF);
      buffer[length++] = shift == 0 ? (byte) ':' : (byte) '.';
    }
    digits(port);
    if (key < 0) {
      return;
    }
    endpointKeys[slot] = key;
    endpointTexts[at] = (byte) (length - start);
    System.arraycopy(buffer, start, endpointTexts, at + 1, length - start);
  }

  /** An endpoint as one number: its address's 32 bits above its 16-bit port's (never negative). */
  private static long endpointKey(int address, int port) {
    return (Integer.toUnsignedLong(address) << 16) | port;
  }

  private static final int ENDPOINT_BITS = 10;
  private static final int ENDPOINT_SLOTS = 1 << ENDPOINT_BITS;

  /** A length byte and "255.255.255.255:65535", rounded up. */
  private static final int ENDPOINT_ROOM = 24;

  private byte[] flags(int bits) {
    if (bits < 0 || bits >= flags.length) {
      return json(TcpFlags.format(bits));
    }
    if (flags[bits] == null) {
      flags[bits] = json(TcpFlags.format(bits));
    }
    return flags[bits];
  }

  private byte[] cause(StateCause cause, int causeFlags) {
    if (cause != StateCause.RCV) {
      return STATE_CAUSES[cause.ordinal()];
    }
    if (causeFlags < 0 || causeFlags >= rcvCauses.length) {
      return json(cause.traceName(causeFlags));
    }
    if (rcvCauses[causeFlags] == null) {
      rcvCauses[causeFlags] = json(cause.traceName(causeFlags));
    }
    return rcvCauses[causeFlags];
  }

  private void name(byte[] key, Encoded table, int id) {
    byte[] name = table.get(id);
    if (name == null) {
      name = json(table.names.apply(index).name(id));
      table.put(id, name);
    }
    if (name.length > LONG_NAME) {
      ensure(key.length + name.length + LONG_LINE);
    }
    raw(key);
    raw(name);
  }

  private void field(byte[] key, byte[] value) {
    raw(key);
    raw(value);
  }

  private void number(byte[] key, long value) {
    raw(key);
    number(value);
  }

  private void ensure(int room) {
    if (buffer.length - length < room) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + room));
    }
  }

  private void raw(byte[] bytes) {
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void number(long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        return;
      }
      buffer[length++] = '-';
      value = -value;
    }
    digits(value);
  }

  /**
   * The decimal digits of {@code value} >= 0, two at a time from the last. Only a part above 10^8
   * is found by dividing a {@code long}; the rest, below 10^8, by multiplying an {@code int} by the
   * reciprocal of 100 ({@link #hundredths}): the client compiler ({@code ./netsim run}'s) divides
   * by a constant with the processor's divide instruction, about twenty times the cost.
   */
  private void digits(long value) {
    int count = 1;
    while (count < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[count]) {
      count++;
    }
    int i = length + count;
    while (value >= EIGHT_DIGITS) {
      long high = value / EIGHT_DIGITS;
      int low = (int) (value - high * EIGHT_DIGITS);
      for (int pairs = 0; pairs < 4; pairs++) { // all eight, leading zeros too
        int q = hundredths(low);
        int pair = 2 * (low - 100 * q);
        low = q;
        buffer[--i] = DIGIT_PAIRS[pair + 1];
        buffer[--i] = DIGIT_PAIRS[pair];
      }
      value = high;
    }
    int rest = (int) value;
    while (rest >= 100) {
      int q = hundredths(rest);
      int pair = 2 * (rest - 100 * q);
      rest = q;
      buffer[--i] = DIGIT_PAIRS[pair + 1];
      buffer[--i] = DIGIT_PAIRS[pair];
    }
    if (rest >= 10) {
      buffer[--i] = DIGIT_PAIRS[2 * rest + 1];
      buffer[--i] = DIGIT_PAIRS[2 * rest];
    } else {
      buffer[--i] = (byte) ('0' + rest);
    }
    length += count;
  }

  /** 10^8: below it, a number's digits come from {@code int} arithmetic. */
  private static final long EIGHT_DIGITS = 100_000_000L;

  /**
   * {@code n / 100} for 0 <= n < 10^8, as a multiplication by 2^37 / 100 rounded up and a shift
   * (exact for every {@code n} below 2^32: Granlund and Montgomery, "Division by invariant integers
   * using multiplication", PLDI 1994).
   */
  static int hundredths(int n) {
    return (int) ((n * 1_374_389_535L) >>> 37);
  }

  /** 10^0 to 10^18: a number has as many digits as the powers it is at least. */
  private static final long[] POWERS_OF_TEN = new long[19];

  /** "00" to "99", two bytes each: the digits of {@code n} at {@code 2 * n}. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = 10 * POWERS_OF_TEN[i - 1];
    }
    for (int n = 0; n < 100; n++) {
      DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
      DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
    }
  }

  /** The names of one table of the {@link RunIndex}, encoded as JSON strings, by id. */
  private static final class Encoded {
    final Function<RunIndex, RunIndex.Names> names;
    private byte[][] byId = new byte[16][];

    Encoded(Function<RunIndex, RunIndex.Names> names) {
      this.names = names;
    }

    void clear() {
      Arrays.fill(byId, null);
    }

    byte[] get(int id) {
      return id < byId.length ? byId[id] : null;
    }

    void put(int id, byte[] name) {
      if (id >= byId.length) {
        byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
      }
      byId[id] = name;
    }
  }

  /** {@code value} as a JSON string, quotes included, in UTF-8. */
  static byte[] json(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Each value's text as a JSON string, by ordinal. */
  private static <E extends Enum<E>> byte[][] texts(E[] values, Function<E, String> text) {
    return encoded(values, value -> json(text.apply(value)));
  }

  /** Each value's bytes, by ordinal. */
  private static <E extends Enum<E>> byte[][] encoded(E[] values, Function<E, byte[]> bytes) {
    byte[][] encoded = new byte[values.length][];
    for (E value : values) {
      encoded[value.ordinal()] = bytes.apply(value);
    }
    return encoded;
  }

  /** {@code first}'s bytes, then {@code second}'s. */
  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static final byte[] T = ascii("{\"t\":");
  private static final byte[] EV = ascii(",\"ev\":");
  private static final byte[] NODE = ascii(",\"node\":");
  private static final byte[] LINK = ascii(",\"link\":");
  private static final byte[] PKT = ascii(",\"pkt\":");
  private static final byte[] SRC = ascii(",\"src\":\"");
  private static final byte[] DST = ascii(",\"dst\":\"");

  /** Two constants in a row, copied at once: a line is about twenty copies. */
  private static final byte[] QUOTE_DST = concat(ascii("\""), DST);

  private static final byte[] QUOTE = ascii("\"");
  private static final byte[] FLAGS = ascii(",\"flags\":");
  private static final byte[] QUOTE_FLAGS = concat(ascii("\""), FLAGS);
  private static final byte[] SEQ = ascii(",\"seq\":");
  private static final byte[] ACK = ascii(",\"ack\":");
  private static final byte[] LEN = ascii(",\"len\":");
  private static final byte[] ECN = ascii(",\"ecn\":");
  private static final byte[] STATE = ascii(",\"state\":");
  private static final byte[] CAUSE = ascii(",\"cause\":");
  private static final byte[] COPY = ascii(",\"copy\":");
  private static final byte[] AT = ascii(",\"at\":");
  private static final byte[] RULE = ascii(",\"rule\":");
  private static final byte[] ACTION = ascii(",\"action\":");
  private static final byte[] CONN = ascii(",\"conn\":\"");
  private static final byte[] FROM = ascii(",\"from\":");
  private static final byte[] TO = ascii(",\"to\":");
  private static final byte[] EVENT = ascii(",\"event\":");
  private static final byte[] BYTES = ascii(",\"bytes\":");
  private static final byte[] REASON = ascii(",\"reason\":");
  private static final byte[] CWND = ascii(",\"cwnd\":");
  private static final byte[] SSTHRESH = ascii(",\"ssthresh\":");
  private static final byte[] SRTT = ascii(",\"srtt\":");
  private static final byte[] RTO = ascii(",\"rto\":");
  private static final byte[] INFLIGHT = ascii(",\"inflight\":");
  private static final byte[] DIR = ascii(",\"dir\":");
  private static final byte[] WHAT = ascii(",\"what\":");
  private static final byte[] END = ascii("}\n");

  /** {@code ,"ev":} and each kind's text, by ordinal. */
  private static final byte[][] EV_KINDS =
      encoded(EventKind.values(), kind -> concat(EV, json(kind.traceName())));

  private static final byte[][] STATES = texts(TcpState.values(), TcpState::name);
  private static final byte[][] STATE_CAUSES = texts(StateCause.values(), c -> c.traceName(0));
  private static final byte[][] APP_EVENTS = texts(AppEvent.values(), AppEvent::traceName);
  private static final byte[][] REASONS =
      texts(RetransmitReason.values(), RetransmitReason::traceName);
  private static final byte[][] DROP_CAUSES = texts(DropCause.values(), DropCause::traceName);
  private static final byte[][] ECNS = texts(Ecn.values(), Ecn::traceName);
  private static final byte[][] VERBS =
      texts(FaultAction.Verb.values(), FaultAction.Verb::traceName);
  private static final byte[][] LINK_CHANGES = texts(LinkChange.values(), LinkChange::traceName);
  private static final byte[][] HOST_CHANGES = texts(HostChange.values(), HostChange::traceName);
}
