package netsim.scenario.run;

import netsim.core.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * The deterministic pseudo-random bytes one side of a connection sends, from a stream named after
 * the sending endpoint, the receiving endpoint and the sender's ISN. The receiver knows all three
 * (the ISN is its IRS), so it makes the same stream and checks every byte it is given, in order.
 * Bytes come one at a time from 64-bit draws, so chunking never changes the sequence.
 */
public final class PayloadStream {
  private final UniformRandomProvider random;
  private long word;
  private int left;

  public PayloadStream(long masterSeed, String sender, String receiver, long senderIsn) {
    this.random =
        new XoShiRo256PlusPlus(
            RandomStreams.seedFor(
                masterSeed, "app/payload/" + sender + ">" + receiver + "/" + senderIsn));
  }

  /** The next {@code n} bytes. */
  public byte[] next(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = nextByte();
    }
    return bytes;
  }

  public byte nextByte() {
    if (left == 0) {
      word = random.nextLong();
      left = 8;
    }
    byte b = (byte) word;
    word >>>= 8;
    left--;
    return b;
  }
}
