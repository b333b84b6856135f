package netsim.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
  @Test
  void rfc1071Example_sumsTheWordsAndComplementsTheFoldedSum() {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to 2ddf0, which folds to ddf2.
    byte[] data = {
      0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7
    };

    assertThat(InternetChecksum.sum(0, data, 0, data.length)).isEqualTo(0x2ddf0L);
    assertThat(InternetChecksum.of(data, 0, data.length)).isEqualTo(~0xddf2 & 0xFFFF);
  }

  @Test
  void sum_isThePlainSumOfTheBigEndianWords_atEveryOffsetAndLength_oddEndPaddedWithZero() {
    byte[] data = new byte[64];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (0xFF - 7 * i);
    }
    for (int offset = 0; offset < 9; offset++) {
      for (int length = 0; offset + length <= data.length; length++) {
        long expected = 5;
        for (int i = 0; i < length; i += 2) {
          int low = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
          expected += ((data[offset + i] & 0xFF) << 8) | low;
        }
        assertThat(InternetChecksum.sum(5, data, offset, length))
            .as("offset %s, length %s", offset, length)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void sum_ofAllOnes_growsPastSixteenBits_unfolded() {
    byte[] data = new byte[1000];
    Arrays.fill(data, (byte) 0xFF);

    assertThat(InternetChecksum.sum(0, data, 0, data.length)).isEqualTo(500L * 0xFFFF);
    assertThat(InternetChecksum.of(data, 0, data.length)).isZero();
  }

  @Test
  void foldedSum_isTheFoldedPlainSum_atEveryOffsetAndLength() {
    byte[] data = new byte[96];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (0xFF - 7 * i + (i * i));
    }
    for (int offset = 0; offset < 9; offset++) {
      for (int length = 0; offset + length <= data.length; length++) {
        assertThat(InternetChecksum.foldedSum(data, offset, length))
            .as("offset %s, length %s", offset, length)
            .isEqualTo(InternetChecksum.fold(InternetChecksum.sum(0, data, offset, length)));
      }
    }
  }

  @Test
  void foldedSum_ofAllOnes_isAllOnes_andOfZeros_isZero() {
    byte[] ones = new byte[1461];
    Arrays.fill(ones, (byte) 0xFF);
    ones[ones.length - 1] = 0;

    assertThat(InternetChecksum.foldedSum(ones, 0, ones.length - 1)).isEqualTo(0xFFFF);
    assertThat(InternetChecksum.foldedSum(ones, 0, ones.length))
        .isEqualTo(InternetChecksum.fold(InternetChecksum.sum(0, ones, 0, ones.length)));
    assertThat(InternetChecksum.foldedSum(new byte[1460], 0, 1460)).isZero();
  }

  @Test
  void foldedSum_ofRandomSegments_isTheFoldedPlainSum() {
    SplittableRandom random = new java.util.SplittableRandom(15);
    for (int round = 0; round < 2000; round++) {
      byte[] data = new byte[random.nextInt(1, 1600)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) random.nextInt(256);
      }
      int offset = random.nextInt(data.length);
      int length = random.nextInt(data.length - offset + 1);
      assertThat(InternetChecksum.foldedSum(data, offset, length))
          .isEqualTo(InternetChecksum.fold(InternetChecksum.sum(0, data, offset, length)));
    }
  }
}
