package netsim.report.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The writer thread: each file receives exactly the bytes its stream was given, in order, however
 * the writes of several streams interleave and however large they are; a failed write is reported
 * on the run's side, and nothing is written after it.
 */
class WriteBehindTest {
  /** A target that records what reaches it and whether it was flushed and closed. */
  private static final class Target extends ByteArrayOutputStream {
    int flushes;
    boolean closed;

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void interleavedWritesOfThreeStreams_eachTargetGetsItsBytesInOrder() throws IOException {
    WriteBehind writer = new WriteBehind();
    List<Target> targets = new ArrayList<>();
    List<OutputStream> streams = new ArrayList<>();
    List<ByteArrayOutputStream> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Target target = new Target();
      targets.add(target);
      streams.add(writer.stream(target));
      expected.add(new ByteArrayOutputStream());
    }
    SplittableRandom random = new SplittableRandom(7);
    // Writes of 1 byte to over two chunks, so chunks fill, split and wait for a free one.
    for (int n = 0; n < 400; n++) {
      int which = random.nextInt(3);
      byte[] bytes = new byte[random.nextInt(1 + random.nextInt(2 * WriteBehind.CHUNK + 10))];
      random.nextBytes(bytes);
      if (bytes.length == 1) {
        streams.get(which).write(bytes[0]);
      } else {
        streams.get(which).write(bytes, 0, bytes.length);
      }
      expected.get(which).write(bytes, 0, bytes.length);
    }
    streams.get(0).flush();
    for (OutputStream stream : streams) {
      stream.close();
    }
    writer.finish();

    for (int i = 0; i < 3; i++) {
      assertThat(targets.get(i).toByteArray()).isEqualTo(expected.get(i).toByteArray());
      assertThat(targets.get(i).closed).isTrue();
    }
    assertThat(targets.get(0).flushes).isEqualTo(1);
    assertThat(expected.get(0).size()).isGreaterThan(WriteBehind.CHUNK * WriteBehind.CHUNKS);
  }

  /**
   * More open streams than chunks (a run with a pcap for each of nine hosts): every chunk sits
   * half-filled in a stream, none with the writer, and the next stream to need one must not wait
   * for ever.
   */
  @Test
  void moreStreamsThanChunks_eachHoldingAPartChunk_writesEverythingWithoutWaitingForEver() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          WriteBehind writer = new WriteBehind();
          int count = WriteBehind.CHUNKS + 3;
          List<Target> targets = new ArrayList<>();
          List<OutputStream> streams = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            Target target = new Target();
            targets.add(target);
            streams.add(writer.stream(target));
          }
          byte[] bytes = new byte[WriteBehind.CHUNK / 2];
          for (int round = 0; round < 3; round++) {
            for (int i = 0; i < count; i++) {
              java.util.Arrays.fill(bytes, (byte) (i + 1));
              streams.get(i).write(bytes, 0, bytes.length);
            }
          }
          for (OutputStream stream : streams) {
            stream.close();
          }
          writer.finish();
          for (int i = 0; i < count; i++) {
            byte[] written = targets.get(i).toByteArray();
            assertThat(written).hasSize(3 * bytes.length);
            assertThat(written[written.length - 1]).isEqualTo((byte) (i + 1));
            assertThat(targets.get(i).closed).isTrue();
          }
        });
  }

  @Test
  void aTargetThatFails_isReportedByTheNextHandOverAndByFinish() throws IOException {
    WriteBehind writer = new WriteBehind();
    Target good = new Target();
    OutputStream failing =
        writer.stream(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("disk full");
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
              }
            });
    OutputStream other = writer.stream(good);
    byte[] chunk = new byte[WriteBehind.CHUNK];

    assertThatThrownBy(
            () -> {
              failing.write(new byte[10]);
              // Hands the 10 bytes over; the writer thread fails on them, which this hand-over
              // itself may already see when the writer thread was quick.
              failing.flush();
              for (int i = 0; i < 10 * WriteBehind.CHUNKS; i++) {
                other.write(chunk); // each hands a chunk over: one of them sees the failure
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("disk full");
    assertThatThrownBy(writer::finish).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(good.size()).isZero(); // nothing is written after the failure
    writer.close();
    assertThat(good.closed).isTrue();
  }

  @Test
  void aWriterNeverGivenAChunk_finishesWithoutAThread() throws IOException {
    WriteBehind writer = new WriteBehind();
    Target target = new Target();
    writer.stream(target);

    writer.finish();

    assertThat(target.size()).isZero();
  }

  @Test
  void jobsAndChunks_runOnTheWriterThread_inTheOrderTheyWereHandedOver() throws IOException {
    WriteBehind writer = new WriteBehind();
    Target target = writer.own(new Target());
    OutputStream stream = writer.stream(target);
    List<String> threads = new ArrayList<>();
    // More jobs than may wait at once, between chunks of the same target.
    for (int n = 0; n < 3 * WriteBehind.JOBS; n++) {
      stream.write(("chunk" + n + ";").getBytes(StandardCharsets.US_ASCII));
      stream.flush();
      String text = "job" + n + ";";
      writer.run(
          () -> {
            threads.add(Thread.currentThread().getName());
            target.write(text.getBytes(StandardCharsets.US_ASCII));
          });
    }
    writer.finish();

    StringBuilder expected = new StringBuilder();
    for (int n = 0; n < 3 * WriteBehind.JOBS; n++) {
      expected.append("chunk").append(n).append(';').append("job").append(n).append(';');
    }
    assertThat(target.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    assertThat(threads).hasSize(3 * WriteBehind.JOBS).containsOnly("netsim-writer");
  }

  @Test
  void aJobThatFails_isReportedByTheNextHandOver_andNoLaterJobRuns() throws IOException {
    WriteBehind writer = new WriteBehind();
    Target owned = writer.own(new Target());
    List<Integer> ran = new ArrayList<>();
    writer.run(
        () -> {
          throw new IOException("no space left");
        });

    assertThatThrownBy(
            () -> {
              for (int n = 0; n < 1000; n++) {
                int job = n;
                writer.run(() -> ran.add(job));
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage("no space left");
    assertThatThrownBy(writer::finish).isInstanceOf(IOException.class).hasMessage("no space left");
    assertThat(ran).isEmpty();
    writer.close();
    assertThat(owned.closed).isTrue();
  }

  @Test
  void aJobThatThrowsAnUncheckedException_failsTheOutputs_insteadOfStoppingTheWriter()
      throws IOException {
    WriteBehind writer = new WriteBehind();
    writer.run(
        () -> {
          throw new IllegalStateException("broken encoder");
        });
    assertThatThrownBy(writer::finish)
        .isInstanceOf(IOException.class)
        .hasMessage("broken encoder")
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
