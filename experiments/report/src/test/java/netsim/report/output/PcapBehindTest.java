package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import netsim.net.pcap.PcapWriter;
import netsim.report.files.WriteBehind;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpSegment;
import org.junit.jupiter.api.Test;

/**
 * A capture encoded on the writer thread is byte for byte the capture the run's thread writes at
 * the time of each packet, even when a router, a queue or a link changes the packet afterwards.
 */
class PcapBehindTest {
  private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

  /** A target that records what reaches it, and whether it was closed. */
  private static final class Target extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Packet packet(int n) {
    byte[] data = new byte[n % 1400];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (n * 31 + i);
    }
    TcpSegment segment =
        TcpSegment.builder(49152, 80)
            .seq(n * 1400)
            .ack(7)
            .flags(TcpFlags.ACK)
            .window(65535)
            .data(data)
            .build();
    return new Packet(n, A, B, n, 64, segment, "client", null, Ecn.ECT_0);
  }

  @Test
  void packetsChangedAfterTheirCapture_overRecycledBatches_writeTheCaptureTimesBytes()
      throws IOException {
    WriteBehind behind = new WriteBehind();
    Target target = new Target();
    PcapBehind capture = new PcapBehind(behind, target);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    PcapWriter alone = new PcapWriter(expected);
    // more batches than the writer may have waiting: batches come back and are filled again
    int count = 25 * PcapBehind.BATCH / 2;
    for (int n = 0; n < count; n++) {
      Packet packet = packet(n);
      if (n % 7 == 3) {
        packet.corrupt(8 * Packet.HEADER_LENGTH + 3); // corrupted before this capture
      }
      long time = n * Time.millis(1);
      capture.onPacket(time, packet, true);
      alone.write(time, packet);
      // then, before the writer thread encodes it, a router and a queue change it
      packet.decrementTtl();
      packet.markCongestion();
      packet.corrupt(8 * Packet.HEADER_LENGTH + 5);
    }
    capture.close();
    behind.finish();
    alone.close();

    assertThat(expected.size()).isGreaterThan(count * (PcapWriter.RECORD_HEADER_LENGTH + 40));
    assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(target.closed).isTrue();
  }

  @Test
  void aTimePcapCannotStamp_failsAtTheCapture_withTheWritersMessage() throws IOException {
    WriteBehind behind = new WriteBehind();
    PcapBehind capture = new PcapBehind(behind, new Target());
    long tooLate = (1L << 32) * Time.SECOND;
    assertThatThrownBy(() -> capture.onPacket(tooLate, packet(1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is beyond what pcap can stamp (2^32 s)");
    capture.close();
    behind.finish();
  }
}
