package netsim.tcp;

import static netsim.tcp.PayloadViewTest.A;
import static netsim.tcp.PayloadViewTest.B;
import static netsim.tcp.PayloadViewTest.NO_NAGLE;
import static netsim.tcp.PayloadViewTest.pattern;
import static netsim.tcp.PayloadViewTest.withData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import netsim.core.Time;
import netsim.net.link.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * A write of {@link SharedBytes}: the send buffer refers to the bytes instead of copying them, and
 * what goes on the wire and reaches the peer is exactly what a copied write of the same bytes gives
 * (the fixtures are {@link PayloadViewTest}'s).
 */
class SharedBytesTest {
  @Test
  void aSharedWrite_isSentAsViewsOfTheSharedArray_withTheWireBytesOfACopiedWrite() {
    byte[] text = pattern(2 * 1460 + 100); // three segments from byte 50: the initial window
    SharedBytes shared = SharedBytes.copyOf(text);
    TcpHarness sharing = TcpHarness.established(NO_NAGLE);
    TcpHarness copying = TcpHarness.established(NO_NAGLE);
    assertThat(sharing.connection.send(shared, 50, text.length - 50)).isEqualTo(text.length - 50);
    copying.connection.send(text, 50, text.length - 50);
    List<TcpSegment> sent = withData(sharing);
    List<TcpSegment> copied = withData(copying);
    assertThat(sent).hasSize(3);
    assertThat(sent).hasSameSizeAs(copied);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(sent.get(i).dataChunk().array()).isSameAs(shared.array()); // never copied
      assertThat(sent.get(i).toBytes(A, B)).isEqualTo(copied.get(i).toBytes(A, B));
    }
    assertThat(sent.get(2).data()).isEqualTo(Arrays.copyOfRange(text, 50 + 2 * 1460, text.length));
  }

  @Test
  void aSharedWrite_isDeliveredByteExact_throughLoss_exactlyAsACopiedWriteIs() {
    LinkConfig lossy =
        LinkConfig.builder().bandwidth(10_000_000).delay(Time.millis(10)).loss(0.03).build();
    BulkTransfer copied = new BulkTransfer().bottleneck(lossy, lossy).size(200_000);
    BulkTransfer shared = new BulkTransfer().bottleneck(lossy, lossy).size(200_000).shared();
    BulkTransfer.Result byCopy = copied.run(7);
    BulkTransfer.Result byReference = shared.run(7);
    assertThat(byReference.retransmissions()).isPositive();
    assertThat(byReference.receivedEverythingInOrder()).isTrue();
    assertThat(byReference.traceDigest()).isEqualTo(byCopy.traceDigest());
    assertThat(byReference.finishedAt()).isEqualTo(byCopy.finishedAt());
  }

  @Test
  void sharedBytes_areACopy_thatChangingTheSourceArrayLeavesAlone() {
    byte[] source = pattern(10);
    SharedBytes shared = SharedBytes.copyOf(source);
    source[0]++;
    assertThat(shared.toArray()).isEqualTo(pattern(10));
    assertThat(SharedBytes.zeros(3).toArray()).isEqualTo(new byte[3]);
    assertThatThrownBy(() -> SharedBytes.zeros(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSharedWriteBeyondItsBytes_isRejected_andNothingIsQueued() {
    TcpHarness h = TcpHarness.established(NO_NAGLE);
    int free = h.connection.sendBufferFree();
    SharedBytes ten = SharedBytes.zeros(10);
    assertThatThrownBy(() -> h.connection.send(ten, 4, 7))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> h.connection.send(ten, -1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(h.connection.sendBufferFree()).isEqualTo(free);
    assertThat(withData(h)).isEmpty();
  }

  @Test
  void aSharedWriteAfterShutdownOutput_failsAsConnectionClosing() {
    TcpHarness h = TcpHarness.established();
    h.connection.shutdownOutput();
    assertThatThrownBy(() -> h.connection.send(SharedBytes.zeros(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connection closing");
  }

  @Test
  void filledBytes_areWhatTheFillerWrote_inAnArrayTheyKeep() {
    SharedBytes filled = SharedBytes.filled(5, bytes -> bytes[3] = 7);
    assertThat(filled.toArray()).containsExactly(0, 0, 0, 7, 0);
    assertThat(filled.array()).isSameAs(filled.array());
    assertThatThrownBy(() -> SharedBytes.filled(-1, bytes -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Received data of two runs: 3 bytes from [2] of one chunk, then 5 of a slice of shared. */
  private static ReceivedData twoRuns(byte[] first, SharedBytes shared, int sharedFrom) {
    DataChunk own = DataChunk.of(first);
    DataChunk slice = DataChunk.slice(shared.array(), sharedFrom, 5, 0);
    ReceivedData data = new ReceivedData();
    data.add(own, 2, 3);
    data.add(slice, 0, 5);
    return data;
  }

  @Test
  void mismatch_ofDataThatIsAViewOfTheExpectedBytes_isMinusOne() {
    SharedBytes shared = SharedBytes.copyOf(pattern(20));
    byte[] first = Arrays.copyOfRange(shared.toArray(), 2, 10); // equal bytes, another array
    ReceivedData data = twoRuns(first, shared, 7);
    // bytes 4..11 of shared: the first run equal by value, the second the same bytes
    assertThat(data.mismatch(0, shared, 4, 8)).isEqualTo(-1);
    assertThat(data.mismatch(1, shared, 5, 6)).isEqualTo(-1);
  }

  @Test
  void mismatch_findsTheFirstDifferingByte_inEitherRun_evenInAViewOfTheExpectedArray() {
    byte[] text = pattern(20);
    SharedBytes shared = SharedBytes.copyOf(text);
    byte[] first = Arrays.copyOfRange(text, 2, 10);
    first[3]++; // byte 1 of the data (first run from [2]) against shared[5]
    ReceivedData data = twoRuns(first, shared, 7);
    assertThat(data.mismatch(0, shared, 4, 8)).isEqualTo(1);
    assertThat(data.mismatch(2, shared, 6, 6)).isEqualTo(-1);
    // the second run is shared[7..12): against shared[8..13) it differs at once (pattern bytes)
    assertThat(data.mismatch(3, shared, 8, 5)).isEqualTo(0);
    assertThatThrownBy(() -> data.mismatch(4, shared, 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> data.mismatch(0, shared, 16, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
