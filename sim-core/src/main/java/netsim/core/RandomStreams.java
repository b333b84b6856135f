package netsim.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * Named, independent random streams derived from one master seed.
 *
 * <p>The whole sequence of the stream called {@code "link/client->server/loss"} depends only on the
 * master seed and that name: adding, removing or reordering the creation of other components never
 * changes its draws. Each stream is a xoshiro256++ generator (Commons RNG) whose four state words
 * are the SHA-256 (read as four big-endian longs) of the master seed (8 bytes, little-endian)
 * followed by the name in UTF-8.
 */
public final class RandomStreams {
  private final long masterSeed;
  private final Map<String, UniformRandomProvider> streams = new LinkedHashMap<>();

  public RandomStreams(long masterSeed) {
    this.masterSeed = masterSeed;
  }

  public long masterSeed() {
    return masterSeed;
  }

  /**
   * The stream with this name. Asking again for the same name returns the same generator, which
   * continues where it left off; components should therefore use names of their own.
   */
  public UniformRandomProvider get(String name) {
    checkNotNull(name, "name");
    checkArgument(!name.isEmpty(), "a random stream needs a name");
    return streams.computeIfAbsent(name, n -> new XoShiRo256PlusPlus(seedFor(masterSeed, n)));
  }

  /** The names of the streams created so far, sorted. */
  public ImmutableSortedSet<String> names() {
    return ImmutableSortedSet.copyOf(streams.keySet());
  }

  /** The 256-bit seed of stream {@code name} under {@code masterSeed}. */
  public static long[] seedFor(long masterSeed, String name) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    HashCode hash =
        Hashing.sha256()
            .newHasher(Long.BYTES + nameBytes.length)
            .putLong(masterSeed)
            .putBytes(nameBytes)
            .hash();
    ByteBuffer bytes = ByteBuffer.wrap(hash.asBytes());
    long[] seed = new long[4];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = bytes.getLong();
    }
    return seed;
  }

  /**
   * A seed derived from a master seed and an index, e.g. the seed of run {@code i} of a sweep.
   * Independent of every other index and of stream names.
   */
  public static long deriveSeed(long masterSeed, String purpose, long index) {
    return Hashing.sha256()
        .newHasher()
        .putLong(masterSeed)
        .putString(purpose, StandardCharsets.UTF_8)
        .putLong(index)
        .hash()
        .asLong();
  }
}
