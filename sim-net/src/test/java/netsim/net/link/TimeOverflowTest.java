package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import netsim.core.Time;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

/**
 * Virtual time is a {@code long} of nanoseconds: a delay that would carry a packet past the end of
 * time is refused with an {@link IllegalArgumentException} that names the values, never wrapped
 * round to a negative or zero delay.
 */
class TimeOverflowTest {
  @Test
  void aDelayPlusPositiveJitterBeyondTheEndOfTime_isRefused_notWrappedToZero() {
    LinkConfig config =
        LinkConfig.builder()
            .delay(Long.MAX_VALUE - 1)
            .jitter(new Jitter.Uniform(Time.millis(5)))
            .build();
    LinkRun run = LinkRun.over(config, 3).send(20, Time.MILLISECOND);
    assertThatThrownBy(run::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("client->server: delay 9223372036854775806ns plus jitter ")
        .hasMessageContaining("exceeds the end of time");
  }

  @Test
  void aDelayBeyondTheEndOfTime_isRefusedWhenThePacketWouldArrive() {
    LinkConfig config = LinkConfig.builder().delay(Long.MAX_VALUE).build();
    LinkRun run = LinkRun.over(config, 3).send(2, Time.MILLISECOND);
    assertThatThrownBy(run::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time overflow: 1000000 ns + 9223372036854775807 ns exceeds the end of time");
  }

  @Test
  void arrivalDelaysThatAddUpBeyondTheEndOfTime_areRefused() {
    Packet packet = new TestPackets().of(100);
    packet.delayArrival(Long.MAX_VALUE - 10);
    assertThatThrownBy(() -> packet.delayArrival(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time overflow");
  }

  @Test
  void coDelWithAnIntervalBeyondTheEndOfTime_isRefusedRatherThanDroppingAtOnce() {
    QueueDiscipline queue =
        new CoDelQueue.Spec(Time.millis(5), Long.MAX_VALUE - 1, 100).create(null, () -> 0);
    TestPackets packets = new TestPackets();
    for (int i = 0; i < 3; i++) {
      queue.enqueue(packets.of(1000), Time.SECOND);
    }
    // The first packet waited a whole second, above target: CoDel notes when it may drop.
    assertThatThrownBy(() -> queue.dequeue(2 * Time.SECOND, (p, cause) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time overflow");
  }
}
