package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the event-set benchmarks leave out by reading pre-drawn delays: one exponential sample
 * from a named stream (xoshiro256++ and the ziggurat sampler), rounded to nanoseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RandomDrawBenchmark {
  private ContinuousSampler exponential;

  @Setup
  public void setUp() {
    exponential =
        ZigguratSampler.Exponential.of(
            new RandomStreams(Delays.SEED).get("bench/draw"), Delays.MEAN);
  }

  @Benchmark
  public long exponentialDelay() {
    return Math.round(exponential.sample());
  }
}
