package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The send buffer: its capacity is a limit, and its memory follows the data it holds. */
class SendBufferTest {
  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  private static String text(byte[] data) {
    return new String(data, US_ASCII);
  }

  @Test
  void aOneGibibyteBuffer_holding100Bytes_allocates100Bytes() {
    SendBuffer buffer = new SendBuffer(1 << 30);
    assertThat(buffer.allocated()).isZero();
    assertThat(buffer.append(new byte[100], 0, 100)).isEqualTo(100);
    assertThat(buffer.allocated()).isEqualTo(100);
    assertThat(buffer.free()).isEqualTo((1 << 30) - 100);
  }

  @Test
  void itGrowsByDoubling_upToTheCapacity_whichStillLimitsWhatItTakes() {
    SendBuffer buffer = new SendBuffer(1000);
    buffer.append(new byte[300], 0, 300);
    buffer.append(new byte[10], 0, 10);
    assertThat(buffer.allocated()).isEqualTo(600);
    assertThat(buffer.append(new byte[2000], 0, 2000)).isEqualTo(690);
    assertThat(buffer.allocated()).isEqualTo(1000);
    assertThat(buffer.free()).isZero();
  }

  @Test
  void growingAWrappedRing_keepsTheBytesInStreamOrder() {
    SendBuffer buffer = new SendBuffer(64);
    buffer.append(bytes("abcdefgh"), 0, 8);
    buffer.release(6); // "gh" left, at the end of the ring
    buffer.append(bytes("ijklmn"), 0, 6); // wraps round to the front
    assertThat(buffer.allocated()).isEqualTo(8);
    assertThat(text(buffer.copy(6, 8))).isEqualTo("ghijklmn");
    buffer.append(bytes("opqrstuvwxyz"), 0, 12); // grows while wrapped
    assertThat(buffer.allocated()).isEqualTo(20);
    assertThat(text(buffer.copy(6, 20))).isEqualTo("ghijklmnopqrstuvwxyz");
    assertThat(text(buffer.copy(13, 3))).isEqualTo("nop");
    assertThat(buffer.end()).isEqualTo(26);
  }

  @Test
  void onceEveryByteIsAcknowledged_theMemoryIsGivenBack_andOffsetsGoOn() {
    SendBuffer buffer = new SendBuffer(1 << 20);
    buffer.append(new byte[5000], 0, 5000);
    buffer.release(5000);
    assertThat(buffer.allocated()).isZero();
    buffer.append(bytes("next"), 0, 4);
    assertThat(text(buffer.copy(5000, 4))).isEqualTo("next");
    assertThat(buffer.allocated()).isEqualTo(4);
  }
}
