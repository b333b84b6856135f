package netsim.packetdrill;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.TcpOptions;
import netsim.tcp.TcpSegment;

/**
 * The TCP options of a segment as they lie in its header, in order and with their NOP and EOL
 * padding, as packetdrill compares them; and the reverse, the model's options from a script's
 * option list.
 */
final class WireOptions {
  private static final Ipv4Address ANY = new Ipv4Address(0);

  private WireOptions() {}

  /** The options in {@code segment}'s header bytes, in wire order (sequence numbers raw). */
  static List<TcpOptionSpec> of(TcpSegment segment) {
    ByteBuffer bytes = ByteBuffer.wrap(segment.toBytes(ANY, ANY));
    int headerLength = ((bytes.get(12) & 0xFF) >>> 4) * 4;
    List<TcpOptionSpec> options = new ArrayList<>();
    int p = TcpSegment.HEADER_LENGTH;
    while (p < headerLength) {
      int kind = bytes.get(p) & 0xFF;
      if (kind == TcpOptions.KIND_EOL) {
        options.add(TcpOptionSpec.of(TcpOptionSpec.Kind.EOL));
        p++;
        continue;
      }
      if (kind == TcpOptions.KIND_NOP) {
        options.add(TcpOptionSpec.of(TcpOptionSpec.Kind.NOP));
        p++;
        continue;
      }
      int size = bytes.get(p + 1) & 0xFF;
      switch (kind) {
        case TcpOptions.KIND_MSS ->
            options.add(TcpOptionSpec.of(TcpOptionSpec.Kind.MSS, bytes.getShort(p + 2) & 0xFFFF));
        case TcpOptions.KIND_WINDOW_SCALE ->
            options.add(TcpOptionSpec.of(TcpOptionSpec.Kind.WSCALE, bytes.get(p + 2) & 0xFF));
        case TcpOptions.KIND_SACK_PERMITTED ->
            options.add(TcpOptionSpec.of(TcpOptionSpec.Kind.SACK_OK));
        case TcpOptions.KIND_TIMESTAMPS ->
            options.add(
                new TcpOptionSpec(
                    TcpOptionSpec.Kind.TIMESTAMP,
                    bytes.getInt(p + 2) & 0xFFFF_FFFFL,
                    bytes.getInt(p + 6) & 0xFFFF_FFFFL,
                    List.of()));
        case TcpOptions.KIND_SACK -> {
          List<long[]> blocks = new ArrayList<>();
          for (int q = p + 2; q + 8 <= p + size; q += 8) {
            blocks.add(
                new long[] {bytes.getInt(q) & 0xFFFF_FFFFL, bytes.getInt(q + 4) & 0xFFFF_FFFFL});
          }
          options.add(new TcpOptionSpec(TcpOptionSpec.Kind.SACK, 0, 0, List.copyOf(blocks)));
        }
        default -> {
          // The model writes no other kind.
        }
      }
      p += Math.max(size, 2);
    }
    return options;
  }

  /**
   * The model's options for an inbound script list (padding dropped; a window scale above 14 is
   * taken as 14, as RFC 7323 2.3 says), with SACK edges and the timestamp echo mapped to the wire.
   */
  static TcpOptions toModel(List<TcpOptionSpec> options, SequenceSpace space) {
    int mss = -1;
    int scale = -1;
    boolean sackPermitted = false;
    boolean timestamps = false;
    long tsVal = 0;
    long tsEcr = 0;
    List<TcpOptions.SackBlock> blocks = new ArrayList<>();
    for (TcpOptionSpec option : options == null ? List.<TcpOptionSpec>of() : options) {
      switch (option.kind()) {
        case MSS -> mss = (int) option.value();
        case WSCALE -> scale = (int) Math.min(14, option.value());
        case SACK_OK -> sackPermitted = true;
        case TIMESTAMP -> {
          timestamps = true;
          tsVal = option.value();
          tsEcr = space.inboundEcr(option.echo());
        }
        case SACK -> {
          for (long[] block : option.blocks()) {
            blocks.add(
                new TcpOptions.SackBlock(space.inboundAck(block[0]), space.inboundAck(block[1])));
          }
        }
        default -> {
          // NOP and EOL are padding.
        }
      }
    }
    return new TcpOptions(
        mss,
        scale,
        sackPermitted,
        timestamps,
        tsVal,
        tsEcr,
        List.copyOf(blocks.subList(0, Math.min(4, blocks.size()))));
  }
}
