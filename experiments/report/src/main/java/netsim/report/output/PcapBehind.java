package netsim.report.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import netsim.net.PacketTap;
import netsim.net.packet.Ecn;
import netsim.net.packet.Packet;
import netsim.net.pcap.PcapWriter;
import netsim.report.files.WriteBehind;

/**
 * A pcap capture written as {@link PcapWriter} writes it, but encoded on the writer thread of a
 * {@link WriteBehind}: the run's thread only notes each captured packet, with its time and the
 * three things about it that may still change after the capture (TTL, ECN codepoint, corrupted
 * bit), into a batch of {@value #BATCH}, and hands each full batch over. Everything else in a
 * packet and its payload never changes once sent (a segment's data is a view of bytes that are
 * never changed once filled), so the file is what the run's thread would have written, whatever the
 * timing; the payload copies and checksums leave the run's thread. The writer thread gives each
 * batch back once written, to be filled again. Memory is bounded by the jobs the writer may have
 * waiting: their packets stay alive until written.
 */
final class PcapBehind implements PacketTap, Closeable {
  static final int BATCH = 1024;

  private final WriteBehind behind;
  private final PcapWriter writer;

  /** Batches written and given back by the writer thread. */
  private final Queue<Batch> free = new ConcurrentLinkedQueue<>();

  private Batch batch = new Batch();
  private boolean closed;

  /** A capture written into {@code target}, a file's stream that {@code behind} takes in. */
  PcapBehind(WriteBehind behind, OutputStream target) {
    this.behind = behind;
    this.writer = new PcapWriter(behind.own(target));
  }

  @Override
  public void onPacket(long time, Packet packet, boolean outbound) {
    PcapWriter.stampSeconds(time); // a time pcap cannot stamp fails the run now, as it did
    Batch b = batch;
    int i = b.size++;
    b.times[i] = time;
    b.packets[i] = packet;
    b.ttls[i] = packet.ttl();
    b.ecns[i] = packet.ecn();
    b.corruptedBits[i] = packet.corruptedBit();
    if (b.size == BATCH) {
      handOver();
    }
  }

  /** Hands over the last batch, then has the writer thread write out and close the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    handOver();
    behind.run(writer::close);
  }

  private void handOver() {
    Batch full = batch;
    if (full.size == 0) {
      return;
    }
    Batch next = free.poll();
    batch = next != null ? next : new Batch();
    try {
      behind.run(
          () -> {
            full.writeTo(writer);
            full.clear();
            free.add(full);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Captured packets, with what may change about them after the capture, as it was then. */
  private static final class Batch {
    final long[] times = new long[BATCH];
    final Packet[] packets = new Packet[BATCH];
    final int[] ttls = new int[BATCH];
    final Ecn[] ecns = new Ecn[BATCH];
    final int[] corruptedBits = new int[BATCH];
    int size;

    void writeTo(PcapWriter writer) throws IOException {
      for (int i = 0; i < size; i++) {
        writer.write(times[i], packets[i], ttls[i], ecns[i], corruptedBits[i]);
      }
    }

    /** Empties the batch, letting its packets go, to be filled again. */
    void clear() {
      Arrays.fill(packets, 0, size, null);
      size = 0;
    }
  }
}
