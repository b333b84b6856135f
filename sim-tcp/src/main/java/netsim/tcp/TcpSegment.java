package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.util.List;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A TCP segment with the real header fields (RFC 9293 3.1): ports, sequence and acknowledgment
 * numbers, control bits, window, urgent pointer, options and data. Immutable; written as real bytes
 * with a valid checksum for capture.
 */
public final class TcpSegment implements Payload {
  public static final int PROTOCOL = 6;
  public static final int HEADER_LENGTH = 20;

  /**
   * The bit of {@link #urgentAndTimestamps} that says the segment carries the timestamps option.
   */
  private static final int TIMESTAMPS = 1 << 16;

  /**
   * The source port in bits 16 to 31 and the destination port in bits 0 to 15: the low 32 bits of
   * the receiver's {@link ConnectionTable#key} (one field, so that the segment stays 72 bytes with
   * its demultiplexing hint).
   */
  private final int ports;

  private final int seq;
  private final int ack;
  private final int flags;
  private final int window;

  /**
   * The urgent pointer in bits 0 to 15, and {@link #TIMESTAMPS} set when the segment carries the
   * timestamps option (RFC 7323 3), which every segment of a connection that uses it carries: its
   * two values are fields here, so that such a segment is one object, not a segment and a {@link
   * TcpOptions} (on a path of thousands of connections every line allocated or read is one the
   * caches do not hold); its bit is here, so that the segment stays 72 bytes.
   */
  private final int urgentAndTimestamps;

  /**
   * The options but the timestamps option: {@link TcpOptions#NONE} on most segments, the SYN's
   * options or the SACK blocks otherwise; never with {@link TcpOptions#timestamps()} set.
   */
  private final TcpOptions otherOptions;

  /** The timestamps option's values (unsigned 32 bits, kept in ints), 0 without the option. */
  private final int tsVal;

  private final int tsEcr;

  /**
   * The data: {@code dataLength} bytes from index {@code dataIndex} of a chain of chunks (the
   * sender's, shared with its retransmissions; or one array given to the constructor).
   */
  private final DataChunk dataChunk;

  private final int dataIndex;
  private final int dataLength;

  /**
   * The sum of the segment's 16-bit words with a zero checksum field, pseudo-header aside ({@link
   * InternetChecksum#foldedSum}: folded to 16 bits), or -1 until first written: a capture at each
   * end of a path writes the same segment twice, and its addresses do not change on the way.
   */
  private int wordSum = -1;

  /**
   * The connection that wrote this segment, or null (a segment built by hand, a stack's reset): the
   * receiving stack learns from it the hint for the segments it sends back ({@link
   * TcpConnection#peer}).
   */
  private final @Nullable TcpConnection origin;

  /**
   * The connection that should receive this segment, as its origin last learned it ({@link
   * TcpConnection#peer}), or null: a hint the receiving stack checks before it takes it instead of
   * its table's lookup ({@link TcpStack#demultiplex}), never trusted as it is. It is stale when
   * that connection ended or was replaced since.
   */
  private final @Nullable TcpConnection hint;

  /**
   * @param window the raw 16-bit window field (already scaled down by the sender's shift)
   * @param data the payload bytes; the segment keeps the array, so callers must not change it
   */
  public TcpSegment(
      int sourcePort,
      int destinationPort,
      int seq,
      int ack,
      int flags,
      int window,
      int urgentPointer,
      TcpOptions options,
      byte @Nullable [] data) {
    this(
        sourcePort,
        destinationPort,
        seq,
        ack,
        flags,
        window,
        urgentPointer,
        options,
        data == null ? DataChunk.EMPTY : DataChunk.of(data),
        0,
        data == null ? 0 : data.length);
  }

  /** A segment whose data is a view: {@code dataLength} bytes from {@code dataIndex} of a chain. */
  TcpSegment(
      int sourcePort,
      int destinationPort,
      int seq,
      int ack,
      int flags,
      int window,
      int urgentPointer,
      TcpOptions options,
      DataChunk dataChunk,
      int dataIndex,
      int dataLength) {
    this(
        sourcePort,
        destinationPort,
        seq,
        ack,
        flags,
        window,
        urgentPointer,
        checkNotNull(options, "options").withoutTimestamps(),
        options.timestamps(),
        options.tsVal(),
        options.tsEcr(),
        dataChunk,
        dataIndex,
        dataLength,
        null,
        null);
  }

  /**
   * A segment whose data is a view, with the timestamps option apart from its other options: the
   * timestamps option when {@code timestamps}, with the values {@code tsVal} and {@code tsEcr}
   * (their low 32 bits), and {@code otherOptions}, which must not have it; written by the
   * connection {@code origin} (or null) for the connection {@code hint} (or null, unknown).
   */
  TcpSegment(
      int sourcePort,
      int destinationPort,
      int seq,
      int ack,
      int flags,
      int window,
      int urgentPointer,
      TcpOptions otherOptions,
      boolean timestamps,
      long tsVal,
      long tsEcr,
      DataChunk dataChunk,
      int dataIndex,
      int dataLength,
      @Nullable TcpConnection origin,
      @Nullable TcpConnection hint) {
    checkArgument(
        sourcePort >= 0 && sourcePort <= 0xFFFF, "source port out of range: %s", sourcePort);
    checkArgument(
        destinationPort >= 0 && destinationPort <= 0xFFFF,
        "destination port out of range: %s",
        destinationPort);
    checkArgument(window >= 0 && window <= 0xFFFF, "window field out of range: %s", window);
    checkArgument((flags & ~0xFF) == 0, "unknown flag bits: %s", flags);
    this.ports = sourcePort << 16 | destinationPort;
    this.seq = seq;
    this.ack = ack;
    this.flags = flags;
    this.window = window;
    this.urgentAndTimestamps = (urgentPointer & 0xFFFF) | (timestamps ? TIMESTAMPS : 0);
    checkArgument(!otherOptions.timestamps(), "the timestamps option is given apart");
    this.otherOptions = otherOptions;
    this.tsVal = timestamps ? (int) tsVal : 0;
    this.tsEcr = timestamps ? (int) tsEcr : 0;
    this.dataChunk = dataChunk;
    this.dataIndex = dataIndex;
    this.dataLength = dataLength;
    this.origin = origin;
    this.hint = hint;
  }

  /** Starts a segment from one port to another; see {@link Builder}. */
  public static Builder builder(int sourcePort, int destinationPort) {
    return new Builder(sourcePort, destinationPort);
  }

  @Override
  public int protocol() {
    return PROTOCOL;
  }

  @Override
  public int length() {
    return HEADER_LENGTH + otherOptions.lengthWith(hasTimestamps()) + dataLength;
  }

  @Override
  public int sourcePort() {
    return ports >>> 16;
  }

  @Override
  public int destinationPort() {
    return ports & 0xFFFF;
  }

  /**
   * The source port in bits 16 to 31, the destination port in bits 0 to 15 (the low 32 bits of the
   * receiver's {@link ConnectionTable#key}).
   */
  int ports() {
    return ports;
  }

  /** The connection that wrote this segment, or null ({@link #hint}). */
  @Nullable TcpConnection origin() {
    return origin;
  }

  /**
   * The connection this segment's writer last learned at the other end, or null: a hint to check,
   * never to trust ({@link TcpStack#demultiplex}).
   */
  @Nullable TcpConnection hint() {
    return hint;
  }

  @Override
  public int flags() {
    return flags;
  }

  @Override
  public long sequenceNumber() {
    return Seq.unsigned(seq);
  }

  @Override
  public long acknowledgmentNumber() {
    return has(TcpFlags.ACK) ? Seq.unsigned(ack) : -1;
  }

  @Override
  public int dataLength() {
    return dataLength;
  }

  /** The TCP checksum sits at byte 16 of the header. */
  @Override
  public int checksumOffset() {
    return 16;
  }

  public int seq() {
    return seq;
  }

  /** The acknowledgment field (meaningful only with ACK set). */
  public int ack() {
    return ack;
  }

  /** The raw 16-bit window field. */
  public int window() {
    return window;
  }

  public int urgentPointer() {
    return urgentAndTimestamps & 0xFFFF;
  }

  /**
   * The options: made on each call for a segment with timestamps (per-segment code reads {@link
   * #hasTimestamps}, {@link #tsVal}, {@link #tsEcr} and {@link #sackBlocks} instead).
   */
  public TcpOptions options() {
    return hasTimestamps() ? otherOptions.withTimestamps(tsVal(), tsEcr()) : otherOptions;
  }

  /** Whether the segment carries the timestamps option (RFC 7323 3). */
  public boolean hasTimestamps() {
    return (urgentAndTimestamps & TIMESTAMPS) != 0;
  }

  /** The timestamps option's TSval (unsigned 32 bits), 0 without the option. */
  public long tsVal() {
    return tsVal & 0xFFFF_FFFFL;
  }

  /** The timestamps option's TSecr (unsigned 32 bits), 0 without the option. */
  public long tsEcr() {
    return tsEcr & 0xFFFF_FFFFL;
  }

  /** The SACK blocks (RFC 2018) the segment carries, if any. */
  public List<TcpOptions.SackBlock> sackBlocks() {
    return otherOptions.sackBlocks();
  }

  /**
   * The data bytes: the array the segment was made with (do not modify it), or a copy of a view of
   * the sender's bytes. Per-packet code reads {@link #dataLength} or {@link #copyData} instead.
   */
  public byte[] data() {
    if (dataChunk.isWhole(dataIndex, dataLength)) {
      return dataChunk.array();
    }
    byte[] copy = new byte[dataLength];
    dataChunk.copy(dataIndex, copy, 0, dataLength);
    return copy;
  }

  /** Copies {@code length} data bytes from data byte {@code from} to {@code out[at]}. */
  public void copyData(int from, byte[] out, int at, int length) {
    checkArgument(
        from >= 0 && length >= 0 && from + length <= dataLength, "not within the data: %s", from);
    dataChunk.copy(dataIndex + from, out, at, length);
  }

  /** The chunk chain the data is a view of, from {@link #dataIndex}. */
  DataChunk dataChunk() {
    return dataChunk;
  }

  /** Where the data begins in {@link #dataChunk}. */
  int dataIndex() {
    return dataIndex;
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /**
   * This segment with the control bits {@code bits} instead of its own (the data, the origin and
   * the hint are shared).
   */
  public TcpSegment withFlags(int bits) {
    return new TcpSegment(
        sourcePort(),
        destinationPort(),
        seq,
        ack,
        bits,
        window,
        urgentPointer(),
        otherOptions,
        hasTimestamps(),
        tsVal,
        tsEcr,
        dataChunk,
        dataIndex,
        dataLength,
        origin,
        hint);
  }

  /** SEG.LEN of RFC 9293: data bytes plus one for SYN and one for FIN. */
  public int seqLength() {
    return dataLength + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
  }

  @Override
  public void writeTo(ByteBuffer out, Ipv4Address source, Ipv4Address destination) {
    int start = out.position();
    boolean timestamps = hasTimestamps();
    int headerLength = HEADER_LENGTH + otherOptions.lengthWith(timestamps);
    out.putInt(ports);
    out.putInt(seq);
    out.putInt(has(TcpFlags.ACK) ? ack : 0);
    out.put((byte) ((headerLength / 4) << 4));
    out.put((byte) flags);
    out.putShort((short) window);
    out.putShort((short) 0); // checksum, filled below
    out.putShort((short) urgentPointer());
    otherOptions.writeTo(out, timestamps, tsVal(), tsEcr());
    dataChunk.copy(dataIndex, out, dataLength);
    int length = headerLength + dataLength;
    if (wordSum < 0) {
      if (out.hasArray()) {
        wordSum = InternetChecksum.foldedSum(out.array(), out.arrayOffset() + start, length);
      } else {
        byte[] bytes = new byte[length];
        out.duplicate().position(start).get(bytes);
        wordSum = InternetChecksum.foldedSum(bytes, 0, bytes.length);
      }
    }
    long sum = InternetChecksum.pseudoHeader(wordSum, source, destination, PROTOCOL, length);
    out.putShort(start + 16, (short) InternetChecksum.finish(sum));
  }

  /** The segment's bytes with a valid checksum for these addresses. */
  public byte[] toBytes(Ipv4Address source, Ipv4Address destination) {
    ByteBuffer out = ByteBuffer.allocate(length());
    writeTo(out, source, destination);
    return out.array();
  }

  /**
   * Parses a segment from its bytes.
   *
   * @throws IllegalArgumentException if the bytes are not a TCP segment
   */
  public static TcpSegment parse(byte[] bytes) {
    checkArgument(
        bytes.length >= HEADER_LENGTH, "a TCP segment has at least 20 bytes, got %s", bytes.length);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int sourcePort = in.getShort() & 0xFFFF;
    int destinationPort = in.getShort() & 0xFFFF;
    int seq = in.getInt();
    int ack = in.getInt();
    int headerLength = ((in.get() & 0xFF) >>> 4) * 4;
    checkArgument(
        headerLength >= HEADER_LENGTH && headerLength <= bytes.length,
        "bad TCP data offset: %s bytes",
        headerLength);
    int flags = in.get() & 0xFF;
    int window = in.getShort() & 0xFFFF;
    in.getShort(); // checksum
    int urgent = in.getShort() & 0xFFFF;
    TcpOptions options = TcpOptions.read(in, headerLength - HEADER_LENGTH);
    byte[] data = new byte[bytes.length - headerLength];
    in.get(data);
    return new TcpSegment(
        sourcePort, destinationPort, seq, ack, flags, window, urgent, options, data);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(64);
    text.append(sourcePort())
        .append(" > ")
        .append(destinationPort())
        .append(' ')
        .append(TcpFlags.format(flags))
        .append(" seq=")
        .append(Seq.unsigned(seq));
    if (has(TcpFlags.ACK)) {
      text.append(" ack=").append(Seq.unsigned(ack));
    }
    text.append(" win=").append(window).append(" len=").append(dataLength);
    String opts = options().toString();
    if (!opts.isEmpty()) {
      text.append(' ').append(opts);
    }
    return text.toString();
  }

  /** Builds a {@link TcpSegment}; fields not set are zero, no options, no data. */
  public static final class Builder {
    private final int sourcePort;
    private final int destinationPort;
    private int seq;
    private int ack;
    private int flags;
    private int window;
    private int urgentPointer;
    private TcpOptions options = TcpOptions.NONE;
    private byte @Nullable [] data;

    private Builder(int sourcePort, int destinationPort) {
      this.sourcePort = sourcePort;
      this.destinationPort = destinationPort;
    }

    public Builder seq(int value) {
      this.seq = value;
      return this;
    }

    /** Sets the acknowledgment number and the ACK flag. */
    public Builder ack(int value) {
      this.ack = value;
      this.flags |= TcpFlags.ACK;
      return this;
    }

    /** Adds control bits (ACK is better set with {@link #ack(int)}). */
    public Builder flags(int bits) {
      this.flags |= bits;
      return this;
    }

    public Builder window(int value) {
      this.window = value;
      return this;
    }

    public Builder urgentPointer(int value) {
      this.urgentPointer = value;
      return this;
    }

    public Builder options(TcpOptions value) {
      this.options = value;
      return this;
    }

    public Builder data(byte[] value) {
      this.data = value;
      return this;
    }

    public TcpSegment build() {
      return new TcpSegment(
          sourcePort, destinationPort, seq, ack, flags, window, urgentPointer, options, data);
    }
  }
}
