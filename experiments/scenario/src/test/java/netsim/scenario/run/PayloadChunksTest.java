package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The chunks both ends of a connection share are the bytes of the {@link PayloadStream} each end
 * would have made alone, however each asks for them; they are dropped once both ends are past them,
 * and a stream is forgotten once neither end needs it.
 */
class PayloadChunksTest {
  private static final long SEED = 1;
  private static final String CLIENT = "10.0.0.1:49152";
  private static final String SERVER = "10.0.0.2:80";
  private static final long ISN = 12345;

  /** The first {@code n} bytes of the stream, from the generator alone. */
  private static byte[] alone(int n) {
    byte[] bytes = new byte[n];
    new PayloadStream(SEED, CLIENT, SERVER, ISN).next(bytes, n);
    return bytes;
  }

  /** Reads {@code n} bytes of {@code end}'s stream, asking for {@code wants} in turn. */
  private static byte[] read(PayloadChunks.End end, int n, int... wants) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long at = 0;
    for (int turn = 0; at < n; turn++) {
      long want = Math.min(wants[turn % wants.length], n - at);
      PayloadChunks.Chunk chunk = end.at(at, want);
      int from = (int) (at - chunk.start());
      int count = (int) Math.min(chunk.bytes().length() - from, want);
      out.write(chunk.bytes().toArray(), from, count);
      at += count;
      end.passed(at);
    }
    return out.toByteArray();
  }

  @Test
  void writerAndChecker_readTheGeneratorsBytes_whateverEachAsksFor() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End writer = chunks.writer(SEED, CLIENT, SERVER, ISN);
    PayloadChunks.End checker = chunks.checker(SEED, CLIENT, SERVER, ISN);
    int n = 3 * PayloadChunks.CHUNK + 1234;
    byte[] expected = alone(n);
    assertThat(read(writer, n, 100, 70_000, 5, 1 << 20)).isEqualTo(expected);
    assertThat(read(checker, n, 1460, 3, 9000)).isEqualTo(expected);
  }

  @Test
  void aCheckerAhead_ofItsWriter_makesTheBytes_andTheWriterReadsTheSame() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End checker = chunks.checker(SEED, CLIENT, SERVER, ISN);
    PayloadChunks.End writer = chunks.writer(SEED, CLIENT, SERVER, ISN);
    byte[] expected = alone(200_000);
    assertThat(read(checker, 200_000, 4096)).isEqualTo(expected);
    assertThat(read(writer, 200_000, 65536)).isEqualTo(expected);
  }

  @Test
  void chunks_areDroppedOnceBothEndsArePast_andTheStreamForgottenWhenBothLeave() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End writer = chunks.writer(SEED, CLIENT, SERVER, ISN);
    PayloadChunks.End checker = chunks.checker(SEED, CLIENT, SERVER, ISN);
    read(writer, 4 * PayloadChunks.CHUNK, PayloadChunks.CHUNK);
    assertThat(writer.held()).isEqualTo(4); // the checker has read nothing yet
    read(checker, 2 * PayloadChunks.CHUNK, 1460);
    assertThat(writer.held()).isEqualTo(2);
    assertThat(chunks.named()).isEqualTo(1);
    writer.leave();
    assertThat(chunks.named()).isEqualTo(1); // the checker may still read
    checker.leave();
    assertThat(chunks.named()).isZero();
    assertThat(writer.held()).isZero();
  }

  @Test
  void chunksWritten_waitForACheckerNotYetCome_butNotAfterTheWriterLeft() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End writer = chunks.writer(SEED, CLIENT, SERVER, ISN);
    read(writer, 3 * PayloadChunks.CHUNK, PayloadChunks.CHUNK);
    assertThat(writer.held()).isEqualTo(3);
    PayloadChunks.End checker = chunks.checker(SEED, CLIENT, SERVER, ISN);
    assertThat(read(checker, 3 * PayloadChunks.CHUNK, 1000))
        .isEqualTo(alone(3 * PayloadChunks.CHUNK));
    checker.leave();
    writer.leave();

    PayloadChunks.End lone = chunks.writer(SEED, CLIENT, SERVER, ISN + 1);
    read(lone, 2 * PayloadChunks.CHUNK, PayloadChunks.CHUNK);
    lone.leave();
    assertThat(lone.held()).isZero();
    assertThat(chunks.named()).isZero();
  }

  @Test
  void aWriterComingAfterTheStartWasDropped_orASecondOne_readsTheSameBytesFromItsOwnStream() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End checker = chunks.checker(SEED, CLIENT, SERVER, ISN);
    read(checker, 2 * PayloadChunks.CHUNK, 500); // no writer yet: nothing kept for it
    PayloadChunks.End late = chunks.writer(SEED, CLIENT, SERVER, ISN);
    PayloadChunks.End second = chunks.writer(SEED, CLIENT, SERVER, ISN);
    byte[] expected = alone(100_000);
    assertThat(read(late, 100_000, 3000)).isEqualTo(expected);
    assertThat(read(second, 100_000, 7)).isEqualTo(expected);
    assertThat(second.held()).isLessThanOrEqualTo(1); // its own stream: no checker will come
  }

  @Test
  void aNewChunk_holdsWhatIsWanted_upToTheLargestChunk() {
    PayloadChunks chunks = new PayloadChunks();
    PayloadChunks.End writer = chunks.writer(SEED, CLIENT, SERVER, ISN);
    assertThat(writer.at(0, 100).bytes().length()).isEqualTo(100);
    assertThat(writer.at(50, 10).bytes().length()).isEqualTo(100); // the chunk holding byte 50
    assertThat(writer.at(100, 10).bytes().length()).isEqualTo(10);
    assertThat(writer.at(110, 1 << 30).bytes().length()).isEqualTo(PayloadChunks.CHUNK);
  }
}
