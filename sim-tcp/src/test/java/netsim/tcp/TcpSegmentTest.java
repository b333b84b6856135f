package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {
  private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

  @Test
  void flagsPrintInTraceOrder_andParseBack() {
    int flags = TcpFlags.FIN | TcpFlags.ACK | TcpFlags.SYN | TcpFlags.CWR;
    assertThat(TcpFlags.format(flags)).isEqualTo("SYN|FIN|ACK|CWR");
    assertThat(TcpFlags.parse("SYN|ACK|FIN|CWR")).isEqualTo(flags);
    assertThat(TcpFlags.format(TcpFlags.FIN | TcpFlags.ACK)).isEqualTo("FIN|ACK");
    assertThat(TcpFlags.format(TcpFlags.PSH | TcpFlags.ACK | TcpFlags.FIN))
        .isEqualTo("FIN|PSH|ACK");
    assertThat(TcpFlags.parse("ack, syn")).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
    assertThat(TcpFlags.format(0)).isEmpty();
  }

  @Test
  void unknownFlagName_isRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> TcpFlags.parse("SYN|NOPE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown TCP flag 'NOPE' in 'SYN|NOPE' (known: SYN, FIN, RST, PSH, ACK, URG,"
                + " ECE, CWR)");
  }

  @Test
  void bytesHaveTheRealHeaderLayout_andAValidChecksum() {
    TcpSegment seg =
        TcpSegment.builder(49152, 80)
            .seq(0x01020304)
            .ack(0x0A0B0C0D)
            .flags(TcpFlags.PSH)
            .window(0x1234)
            .data(new byte[] {1, 2, 3})
            .build();
    byte[] bytes = seg.toBytes(A, B);
    assertThat(bytes).hasSize(23);
    assertThat(bytes[0] & 0xFF).isEqualTo(0xC0); // 49152 = 0xC000
    assertThat(bytes[3]).isEqualTo((byte) 80);
    assertThat(bytes[4]).isEqualTo((byte) 1);
    assertThat(bytes[8]).isEqualTo((byte) 0x0A);
    assertThat(bytes[12] & 0xFF).isEqualTo(5 << 4);
    assertThat(bytes[13] & 0xFF).isEqualTo(TcpFlags.PSH | TcpFlags.ACK);
    assertThat(bytes[14] & 0xFF).isEqualTo(0x12);
    long sum = InternetChecksum.pseudoHeader(0, A, B, 6, bytes.length);
    assertThat(InternetChecksum.finish(InternetChecksum.sum(sum, bytes, 0, bytes.length))).isZero();
  }

  @Test
  void writtenAgainForOtherAddresses_theChecksumIsValidForEach() {
    TcpSegment seg =
        TcpSegment.builder(49152, 80).seq(7).data(new byte[] {(byte) 0xFF, 0, 0x7F}).build();
    Ipv4Address c = Ipv4Address.parse("192.168.200.9");
    byte[] first = seg.toBytes(A, B);
    byte[] second =
        seg.toBytes(A, c); // the segment's own words are summed once, at the first write
    byte[] third = seg.toBytes(A, B);
    assertThat(InternetChecksum.finish(sumWithPseudoHeader(first, A, B))).isZero();
    assertThat(InternetChecksum.finish(sumWithPseudoHeader(second, A, c))).isZero();
    assertThat(second[16] != first[16] || second[17] != first[17]).isTrue();
    assertThat(third).isEqualTo(first);
  }

  private static long sumWithPseudoHeader(byte[] bytes, Ipv4Address source, Ipv4Address to) {
    long sum = InternetChecksum.pseudoHeader(0, source, to, 6, bytes.length);
    return InternetChecksum.sum(sum, bytes, 0, bytes.length);
  }

  @Test
  void optionsRoundTripInLinuxOrder() {
    TcpOptions options = new TcpOptions(1460, 7, true, true, 12345, 0, ImmutableList.of());
    TcpSegment seg = TcpSegment.builder(1, 2).flags(TcpFlags.SYN).options(options).build();
    byte[] bytes = seg.toBytes(A, B);
    assertThat(bytes).hasSize(20 + 20);
    // MSS, SACK-permitted, timestamps, NOP, window scale: as Linux writes a SYN.
    assertThat(bytes[20]).isEqualTo((byte) TcpOptions.KIND_MSS);
    assertThat(bytes[24]).isEqualTo((byte) TcpOptions.KIND_SACK_PERMITTED);
    assertThat(bytes[26]).isEqualTo((byte) TcpOptions.KIND_TIMESTAMPS);
    assertThat(bytes[36]).isEqualTo((byte) TcpOptions.KIND_NOP);
    assertThat(bytes[37]).isEqualTo((byte) TcpOptions.KIND_WINDOW_SCALE);
    TcpSegment parsed = TcpSegment.parse(bytes);
    assertThat(parsed.options()).isEqualTo(options);
    assertThat(parsed.flags()).isEqualTo(TcpFlags.SYN);
  }

  @Test
  void sackBlocksRoundTrip() {
    TcpOptions options =
        TcpOptions.NONE
            .withTimestamps(7, 8)
            .withSackBlocks(
                ImmutableList.of(
                    new TcpOptions.SackBlock(100, 200), new TcpOptions.SackBlock(-5, 10)));
    TcpSegment seg = TcpSegment.builder(1, 2).ack(1).options(options).build();
    assertThat(TcpSegment.parse(seg.toBytes(A, B)).options()).isEqualTo(options);
  }

  @Test
  void seqLengthCountsSynAndFin() {
    assertThat(TcpSegment.builder(1, 2).flags(TcpFlags.SYN).build().seqLength()).isEqualTo(1);
    assertThat(TcpSegment.builder(1, 2).flags(TcpFlags.FIN).data(new byte[5]).build().seqLength())
        .isEqualTo(6);
  }

  @Test
  void genericFieldsForFaultRules() {
    TcpSegment syn = TcpSegment.builder(1, 2).seq(-1).flags(TcpFlags.SYN).build();
    assertThat(syn.sequenceNumber()).isEqualTo(4_294_967_295L);
    assertThat(syn.acknowledgmentNumber()).isEqualTo(-1);
    assertThat(syn.protocol()).isEqualTo(6);
  }

  @Test
  void timestampsGivenInTheOptions_areHeldApart_andTheOptionsComeBackEqual() {
    TcpOptions options = TcpOptions.NONE.withTimestamps(0xFFFF_FFF0L, 5);
    TcpSegment seg = TcpSegment.builder(1, 2).ack(9).options(options).build();
    assertThat(seg.hasTimestamps()).isTrue();
    assertThat(seg.tsVal()).isEqualTo(0xFFFF_FFF0L);
    assertThat(seg.tsEcr()).isEqualTo(5);
    assertThat(seg.sackBlocks()).isEmpty();
    assertThat(seg.options()).isEqualTo(options);
    assertThat(seg.length()).isEqualTo(20 + 12);
    byte[] bytes = seg.toBytes(A, B);
    // NOP, NOP, timestamps (kind 8, length 10, TSval, TSecr): the data offset says 8 words.
    assertThat(bytes).hasSize(32);
    assertThat(bytes[12] & 0xFF).isEqualTo(8 << 4);
    assertThat(bytes[20]).isEqualTo((byte) TcpOptions.KIND_NOP);
    assertThat(bytes[22]).isEqualTo((byte) TcpOptions.KIND_TIMESTAMPS);
    assertThat(bytes[24] & 0xFF).isEqualTo(0xFF);
    assertThat(bytes[27] & 0xFF).isEqualTo(0xF0);
    assertThat(bytes[31]).isEqualTo((byte) 5);
    TcpSegment parsed = TcpSegment.parse(bytes);
    assertThat(parsed.options()).isEqualTo(options);
    assertThat(parsed.tsVal()).isEqualTo(0xFFFF_FFF0L);
  }

  @Test
  void aSegmentWithoutTimestamps_hasNone_andItsOptionsAreTheOthersAlone() {
    TcpSegment bare = TcpSegment.builder(1, 2).ack(9).build();
    assertThat(bare.hasTimestamps()).isFalse();
    assertThat(bare.tsVal()).isZero();
    assertThat(bare.tsEcr()).isZero();
    assertThat(bare.options()).isSameAs(TcpOptions.NONE);
    TcpOptions synOptions = new TcpOptions(1460, 7, true, false, 0, 0, ImmutableList.of());
    TcpSegment syn = TcpSegment.builder(1, 2).flags(TcpFlags.SYN).options(synOptions).build();
    assertThat(syn.options()).isEqualTo(synOptions);
    assertThat(syn.length()).isEqualTo(20 + 12);
  }

  @Test
  void withFlags_keepsTheTimestampsAndTheOtherOptions() {
    TcpOptions options =
        TcpOptions.NONE
            .withTimestamps(70, 80)
            .withSackBlocks(ImmutableList.of(new TcpOptions.SackBlock(100, 200)));
    TcpSegment seg = TcpSegment.builder(1, 2).ack(1).options(options).data(new byte[] {4}).build();
    TcpSegment fin = seg.withFlags(TcpFlags.FIN | TcpFlags.ACK);
    assertThat(fin.flags()).isEqualTo(TcpFlags.FIN | TcpFlags.ACK);
    assertThat(fin.options()).isEqualTo(options);
    assertThat(fin.sackBlocks()).containsExactly(new TcpOptions.SackBlock(100, 200));
    assertThat(fin.toBytes(A, B)).hasSize(seg.toBytes(A, B).length);
    assertThat(fin.toString()).isEqualTo(seg.toString().replace("ACK", "FIN|ACK"));
  }

  @Test
  void aFullSizedSegment_hasAValidChecksum_atEveryWrite() {
    // Its words sum far beyond 16 bits: the sum kept between writes is folded, the same in one's
    // complement arithmetic.
    byte[] data = new byte[1448];
    Arrays.fill(data, (byte) 0xFF);
    TcpSegment seg =
        TcpSegment.builder(65535, 65535)
            .seq(-1)
            .ack(-1)
            .window(0xFFFF)
            .options(TcpOptions.NONE.withTimestamps(0xFFFF_FFFFL, 0xFFFF_FFFFL))
            .data(data)
            .build();
    Ipv4Address c = Ipv4Address.parse("255.255.255.254");
    byte[] first = seg.toBytes(A, B);
    byte[] second = seg.toBytes(c, c);
    assertThat(InternetChecksum.finish(sumWithPseudoHeader(first, A, B))).isZero();
    assertThat(InternetChecksum.finish(sumWithPseudoHeader(second, c, c))).isZero();
    assertThat(seg.toBytes(A, B)).isEqualTo(first);
  }
}
