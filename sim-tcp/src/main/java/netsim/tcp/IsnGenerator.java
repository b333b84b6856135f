package netsim.tcp;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import netsim.core.Time;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Initial sequence numbers in the manner of RFC 6528 (and RFC 9293 3.4.1): ISN = M + F(local
 * address, local port, remote address, remote port, secret), where M is a clock that ticks every 4
 * microseconds of virtual time and F is a keyed pseudorandom function (SipHash-2-4). The secret
 * comes from a named random stream, so ISNs are unpredictable across seeds and identical for one.
 */
final class IsnGenerator {
  private static final long TICK = 4 * Time.MICROSECOND;
  private final HashFunction prf;

  IsnGenerator(UniformRandomProvider random) {
    this.prf = Hashing.sipHash24(random.nextLong(), random.nextLong());
  }

  int isn(FourTuple tuple, long now) {
    int offset =
        prf.newHasher(12)
            .putInt(tuple.local().address().bits())
            .putShort((short) tuple.local().port())
            .putInt(tuple.remote().address().bits())
            .putShort((short) tuple.remote().port())
            .hash()
            .asInt();
    return (int) (now / TICK) + offset;
  }

  /** A per-connection offset for the timestamp clock (RFC 7323 5.4), from the same function. */
  long timestampOffset(FourTuple tuple) {
    return prf.newHasher(13)
            .putByte((byte) 1)
            .putInt(tuple.local().address().bits())
            .putShort((short) tuple.local().port())
            .putInt(tuple.remote().address().bits())
            .putShort((short) tuple.remote().port())
            .hash()
            .asInt()
        & 0xFFFF_FFFFL;
  }
}
