package netsim.net.pcap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import netsim.core.Time;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketTap;
import netsim.net.packet.Ecn;
import netsim.net.packet.Packet;

/**
 * Writes packets to a classic pcap capture that Wireshark and tshark read: nanosecond timestamps
 * from virtual time (magic {@code 0xa1b23c4d}, version 2.4, little-endian), snap length 65535, and
 * link type 228 (LINKTYPE_IPV4: raw IPv4 packets without an Ethernet header), each record holding
 * the packet's bytes ({@link Packet#writeTo}, written straight into the record buffer).
 *
 * <p>As a {@link PacketTap} it captures every packet crossing the interfaces it is attached to,
 * like ns-3's {@code EnablePcap}: {@link Network#tap(Node, PacketTap) network.tap(node, writer)}.
 *
 * <p>Records are assembled whole in a buffer and handed to the stream only whole, so the stream
 * never receives half a record, even when making one fails. Making a file appear atomically is the
 * caller's business (write to a temporary file, then rename). Not thread-safe, like a simulation.
 */
public final class PcapWriter implements PacketTap, Closeable {
  /** The magic number of a nanosecond-resolution pcap file. */
  public static final int MAGIC_NANOSECONDS = 0xA1B2_3C4D;

  public static final int VERSION_MAJOR = 2;
  public static final int VERSION_MINOR = 4;
  public static final int SNAPLEN = 65535;

  /** LINKTYPE_IPV4: each packet starts with its IPv4 header. */
  public static final int LINKTYPE_IPV4 = 228;

  public static final int GLOBAL_HEADER_LENGTH = 24;
  public static final int RECORD_HEADER_LENGTH = 16;

  private static final int BUFFER_SIZE = 1 << 17;
  private static final long NANOS_PER_SECOND = Time.SECOND;

  private final OutputStream out;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private long records;
  private boolean closed;

  /** Starts a capture on {@code out}, which it then owns; the global header goes first. */
  public PcapWriter(OutputStream out) {
    this.out = checkNotNull(out, "out");
    buffer.putInt(MAGIC_NANOSECONDS);
    buffer.putShort((short) VERSION_MAJOR);
    buffer.putShort((short) VERSION_MINOR);
    buffer.putInt(0); // thiszone: timestamps are UTC
    buffer.putInt(0); // sigfigs
    buffer.putInt(SNAPLEN);
    buffer.putInt(LINKTYPE_IPV4);
  }

  /** Captures the packet at virtual time {@code time}, whichever way it crosses. */
  @Override
  public void onPacket(long time, Packet packet, boolean outbound) {
    try {
      write(time, packet);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the capture record of packet " + packet, e);
    }
  }

  /** Appends one record: {@code packet}'s bytes stamped with virtual time {@code time}. */
  public void write(long time, Packet packet) throws IOException {
    write(time, packet, packet.ttl(), packet.ecn(), packet.corruptedBit());
  }

  /**
   * Appends one record of {@code packet} as it was at {@code time}, when it had this {@code ttl},
   * ECN codepoint and corrupted bit ({@link Packet#writeTo(ByteBuffer, int, Ecn, int)}): for a
   * capture taken at {@code time} and written later.
   */
  public void write(long time, Packet packet, int ttl, Ecn ecn, int corruptedBit)
      throws IOException {
    checkState(!closed, "the capture is closed");
    long seconds = stampSeconds(time);
    int length = packet.totalLength();
    int captured = Math.min(length, SNAPLEN);
    if (buffer.remaining() < RECORD_HEADER_LENGTH + captured) {
      drain();
    }
    int recordStart = buffer.position();
    try {
      buffer.putInt((int) seconds);
      buffer.putInt((int) (time % NANOS_PER_SECOND));
      buffer.putInt(captured);
      buffer.putInt(length);
      if (captured == length) {
        packet.writeTo(buffer, ttl, ecn, corruptedBit);
      } else {
        ByteBuffer whole = ByteBuffer.allocate(length);
        packet.writeTo(whole, ttl, ecn, corruptedBit);
        buffer.put(whole.array(), 0, captured);
      }
    } catch (RuntimeException e) {
      buffer.position(recordStart); // no half record
      buffer.order(ByteOrder.LITTLE_ENDIAN);
      throw e;
    }
    records++;
  }

  /**
   * The whole seconds of a record's stamp at virtual time {@code time}.
   *
   * @throws IllegalArgumentException if pcap cannot stamp {@code time} (negative, or 2^32 s and
   *     beyond): a capture written later checks when it is taken
   */
  public static long stampSeconds(long time) {
    checkArgument(time >= 0, "negative capture time: %sns", time);
    long seconds = time / NANOS_PER_SECOND;
    // Not checkArgument: its message argument would be formatted for every packet.
    if (seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "capture time " + Time.format(time) + " is beyond what pcap can stamp (2^32 s)");
    }
    return seconds;
  }

  /** The number of records written so far. */
  public long records() {
    return records;
  }

  /** Hands every complete record to the stream and flushes it. */
  public void flush() throws IOException {
    checkState(!closed, "the capture is closed");
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (buffer.position() > 0) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }

  /** Writes what is buffered and closes the stream. Closing twice does nothing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (OutputStream stream = out) {
      drain();
      stream.flush();
    }
  }
}
