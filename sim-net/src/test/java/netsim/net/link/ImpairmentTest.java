package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.net.Packet;
import netsim.net.packet.DropCause;
import netsim.net.packet.InternetChecksum;
import org.junit.jupiter.api.Test;

/** Duplication, netem-style reordering and corruption, checked against their probabilities. */
class ImpairmentTest {
  private static final long DELAY = Time.millis(10);

  @Test
  void duplication_rateIsWithinTheBinomialBound_andEveryCopyIsDelivered() {
    int n = 50_000;
    LinkRun run =
        LinkRun.replayed(LinkConfig.builder().duplicate(0.1).build(), 31, n, Time.micros(10));
    long duplicated = run.counters().duplicated();
    Theory.assertBinomial("duplicates", duplicated, n, 0.1);
    assertThat(run.counters().delivered()).isEqualTo(n + duplicated);
    assertThat(run.received()).hasSize((int) (n + duplicated));
    assertThat(run.fates())
        .filteredOn(f -> f.what().startsWith("duplicate:"))
        .hasSize((int) duplicated);
  }

  @Test
  void reorderWithoutGap_sendsEachPacketAheadWithProbabilityP() {
    int n = 50_000;
    double p = 0.2;
    LinkRun run =
        LinkRun.replayed(
            LinkConfig.builder().delay(DELAY).reorder(p, 0).build(), 32, n, Time.millis(1));
    List<Long> ahead = sentAhead(run, n);
    assertThat(ahead).hasSize((int) run.counters().reordered());
    Theory.assertBinomial("reordered", ahead.size(), n, p);
  }

  @Test
  void reorderWithGap_makesOnlyPacketsAtLeastGapApartCandidates_atTheRenewalRate() {
    int n = 50_000;
    double p = 0.5;
    int gap = 5;
    LinkRun run =
        LinkRun.replayed(
            LinkConfig.builder().delay(DELAY).reorder(p, gap).build(), 33, n, Time.millis(1));
    List<Long> ahead = sentAhead(run, n);
    assertThat(ahead).hasSize((int) run.counters().reordered());
    // netem: after a reordered packet, gap - 1 packets take the normal path; from then on each
    // packet is reordered with probability p.
    assertThat(ahead.get(0)).isGreaterThanOrEqualTo(gap - 1);
    for (int i = 1; i < ahead.size(); i++) {
      assertThat(ahead.get(i) - ahead.get(i - 1)).isGreaterThanOrEqualTo(gap);
    }
    // A renewal process: cycles of gap - 1 normal packets plus a geometric number of candidates
    // (mean 1/p, variance (1-p)/p^2); the count of cycles in n packets is about normal.
    double cycle = gap - 1 + 1 / p;
    double cycleVariance = (1 - p) / (p * p);
    Theory.assertNear(
        "reordered packets",
        ahead.size(),
        n / cycle,
        Math.sqrt(n * cycleVariance / Math.pow(cycle, 3)));
  }

  /**
   * The sequence numbers of the packets that skipped the delay, checking that each of them arrived
   * ahead of exactly the earlier packets still on the wire (those sent less than the delay before
   * it on the normal path). Packets are sent every millisecond.
   */
  private static List<Long> sentAhead(LinkRun run, int n) {
    long[] delays = run.delays();
    long[] order = run.arrivalSequences();
    assertThat(order).hasSize(n);
    long[] delayOf = new long[n];
    for (int i = 0; i < n; i++) {
      assertThat(delays[i]).isIn(0L, DELAY);
      delayOf[(int) order[i]] = delays[i];
    }
    List<Long> ahead = new ArrayList<>();
    boolean[] arrived = new boolean[n];
    int firstMissing = 0;
    for (int i = 0; i < n; i++) {
      int seq = (int) order[i];
      if (delayOf[seq] == 0) {
        ahead.add((long) seq);
        boolean earlierOnTheWire = false;
        for (int j = Math.max(0, seq - 9); j < seq; j++) {
          earlierOnTheWire |= delayOf[j] == DELAY;
        }
        assertThat(seq > firstMissing).as("packet %s overtakes", seq).isEqualTo(earlierOnTheWire);
      }
      arrived[seq] = true;
      while (firstMissing < n && arrived[firstMissing]) {
        firstMissing++;
      }
    }
    ahead.sort(null);
    return ahead;
  }

  @Test
  void corruption_deliversThePacket_whichTheReceiverDiscardsAndCountsOnTheLink() {
    int n = 20_000;
    double p = 0.2;
    LinkRun run = LinkRun.replayed(LinkConfig.builder().corrupt(p).build(), 34, n, Time.micros(10));
    long corrupted = run.counters().corrupted();
    Theory.assertBinomial("corrupted", corrupted, n, p);
    assertThat(run.counters().delivered()).isEqualTo(n);
    assertThat(run.counters().dropped(DropCause.CORRUPT)).isEqualTo(corrupted);
    assertThat(run.counters().drops()).containsOnlyKeys(DropCause.CORRUPT);
    assertThat(run.received()).hasSize((int) (n - corrupted)).noneMatch(Packet::isCorrupted);
  }

  @Test
  void corruption_flipsABitThatBreaksTheIpHeaderOrTheTransportChecksum() {
    int n = 5_000;
    LinkRun run =
        LinkRun.over(LinkConfig.builder().corrupt(0.5).build(), 35).send(n, Time.micros(10)).run();
    int inHeader = 0;
    int inPayload = 0;
    for (Packet packet : run.delivered()) {
      byte[] bytes = packet.toBytes();
      boolean headerValid = InternetChecksum.of(bytes, 0, Packet.HEADER_LENGTH) == 0;
      long sum =
          InternetChecksum.pseudoHeader(
              0,
              packet.source(),
              packet.destination(),
              packet.protocol(),
              packet.payload().length());
      boolean transportValid =
          InternetChecksum.finish(
                  InternetChecksum.sum(
                      sum, bytes, Packet.HEADER_LENGTH, bytes.length - Packet.HEADER_LENGTH))
              == 0;
      if (!packet.isCorrupted()) {
        assertThat(headerValid && transportValid).as("intact %s", packet).isTrue();
      } else if (packet.corruptedBit() < 8 * Packet.HEADER_LENGTH) {
        inHeader++;
        assertThat(headerValid).as("header checksum of %s", packet).isFalse();
      } else {
        inPayload++;
        assertThat(headerValid).as("header checksum of %s", packet).isTrue();
        assertThat(transportValid).as("transport checksum of %s", packet).isFalse();
      }
    }
    // The flipped bit is uniform over the 128 bytes: 20 of them are the IPv4 header.
    Theory.assertBinomial("bits flipped in the header", inHeader, inHeader + inPayload, 20.0 / 128);
  }

  @Test
  void badImpairmentProbabilities_areRejectedWithTheirValue() {
    assertThatThrownBy(() -> LinkConfig.builder().corrupt(1.01).build())
        .hasMessage("corrupt probability must be within [0, 1], got 1.01");
    assertThatThrownBy(() -> LinkConfig.builder().reorder(0.5, -1).build())
        .hasMessage("reorder gap must not be negative, got -1");
    assertThatThrownBy(() -> LinkConfig.builder().delay(-Time.millis(3)).build())
        .hasMessage("delay must not be negative, got -3ms");
  }
}
