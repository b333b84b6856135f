package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The TCP options a segment carries: MSS, window scale, SACK-permitted (RFC 9293, RFC 7323, RFC
 * 2018), timestamps (RFC 7323) and SACK blocks (RFC 2018). Written in the order Linux uses, so that
 * captures look like a real host's: MSS, SACK-permitted, timestamps, window scale, SACK.
 *
 * @param mss the maximum segment size, or -1 if absent (only in SYN segments)
 * @param windowScale the window scale shift count, or -1 if absent (only in SYN segments)
 * @param sackPermitted whether SACK is offered (only in SYN segments)
 * @param timestamps whether the timestamps option is present
 * @param tsVal the sender's timestamp (unsigned 32 bits) when {@code timestamps}
 * @param tsEcr the echoed timestamp (unsigned 32 bits) when {@code timestamps}
 * @param sackBlocks SACK blocks as (left edge, right edge) pairs, at most 4
 */
public record TcpOptions(
    int mss,
    int windowScale,
    boolean sackPermitted,
    boolean timestamps,
    long tsVal,
    long tsEcr,
    List<SackBlock> sackBlocks) {

  /** One SACK block: the sequence numbers [left, right) received out of order. */
  public record SackBlock(int left, int right) {
    @Override
    public String toString() {
      return Seq.unsigned(left) + ":" + Seq.unsigned(right);
    }
  }

  public static final TcpOptions NONE =
      new TcpOptions(-1, -1, false, false, 0, 0, ImmutableList.of());

  public static final int KIND_EOL = 0;
  public static final int KIND_NOP = 1;
  public static final int KIND_MSS = 2;
  public static final int KIND_WINDOW_SCALE = 3;
  public static final int KIND_SACK_PERMITTED = 4;
  public static final int KIND_SACK = 5;
  public static final int KIND_TIMESTAMPS = 8;

  public TcpOptions {
    checkArgument(mss >= -1 && mss <= 0xFFFF, "MSS out of range: %s", mss);
    checkArgument(
        windowScale >= -1 && windowScale <= 14, "window scale out of range 0-14: %s", windowScale);
    checkArgument(sackBlocks.size() <= 4, "at most 4 SACK blocks fit, got %s", sackBlocks.size());
    sackBlocks = ImmutableList.copyOf(sackBlocks);
  }

  public boolean hasMss() {
    return mss >= 0;
  }

  public boolean hasWindowScale() {
    return windowScale >= 0;
  }

  public TcpOptions withTimestamps(long value, long echo) {
    return new TcpOptions(
        mss,
        windowScale,
        sackPermitted,
        true,
        value & 0xFFFF_FFFFL,
        echo & 0xFFFF_FFFFL,
        sackBlocks);
  }

  public TcpOptions withSackBlocks(List<SackBlock> blocks) {
    return new TcpOptions(mss, windowScale, sackPermitted, timestamps, tsVal, tsEcr, blocks);
  }

  /**
   * These options without the timestamps option: {@link #NONE} when nothing else is left. A {@link
   * TcpSegment} keeps the timestamps' values in fields of its own and these as the rest.
   */
  TcpOptions withoutTimestamps() {
    if (!timestamps) {
      return this;
    }
    if (!hasMss() && !hasWindowScale() && !sackPermitted && sackBlocks.isEmpty()) {
      return NONE;
    }
    return new TcpOptions(mss, windowScale, sackPermitted, false, 0, 0, sackBlocks);
  }

  /** The number of option bytes, a multiple of 4. */
  public int length() {
    return lengthWith(timestamps);
  }

  /** {@link #length()} of these options with the timestamps option present or not. */
  int lengthWith(boolean timestamps) {
    int length = 0;
    if (hasMss()) {
      length += 4;
    }
    if (timestamps || sackPermitted) {
      length += sackPermitted && timestamps ? 12 : timestamps ? 12 : 4;
    }
    if (hasWindowScale()) {
      length += 4;
    }
    if (!sackBlocks.isEmpty()) {
      length += 4 + 8 * sackBlocks.size();
    }
    return length;
  }

  /** Writes {@link #length()} bytes. */
  void writeTo(ByteBuffer out) {
    writeTo(out, timestamps, tsVal, tsEcr);
  }

  /**
   * Writes {@link #lengthWith lengthWith(timestamps)} bytes: these options with the timestamps
   * option present or not, and if present with the values {@code tsVal} and {@code tsEcr}.
   */
  void writeTo(ByteBuffer out, boolean timestamps, long tsVal, long tsEcr) {
    if (hasMss()) {
      out.put((byte) KIND_MSS).put((byte) 4).putShort((short) mss);
    }
    if (sackPermitted && timestamps) {
      out.put((byte) KIND_SACK_PERMITTED).put((byte) 2);
      writeTimestamps(out, tsVal, tsEcr);
    } else if (timestamps) {
      out.put((byte) KIND_NOP).put((byte) KIND_NOP);
      writeTimestamps(out, tsVal, tsEcr);
    } else if (sackPermitted) {
      out.put((byte) KIND_NOP).put((byte) KIND_NOP);
      out.put((byte) KIND_SACK_PERMITTED).put((byte) 2);
    }
    if (hasWindowScale()) {
      out.put((byte) KIND_NOP).put((byte) KIND_WINDOW_SCALE).put((byte) 3).put((byte) windowScale);
    }
    if (!sackBlocks.isEmpty()) {
      out.put((byte) KIND_NOP).put((byte) KIND_NOP);
      out.put((byte) KIND_SACK).put((byte) (2 + 8 * sackBlocks.size()));
      for (SackBlock block : sackBlocks) {
        out.putInt(block.left()).putInt(block.right());
      }
    }
  }

  private static void writeTimestamps(ByteBuffer out, long tsVal, long tsEcr) {
    out.put((byte) KIND_TIMESTAMPS).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
  }

  /** Reads options from {@code length} bytes; unknown kinds are skipped. */
  static TcpOptions read(ByteBuffer in, int length) {
    int end = in.position() + length;
    int mss = -1;
    int scale = -1;
    boolean sackPermitted = false;
    boolean timestamps = false;
    long tsVal = 0;
    long tsEcr = 0;
    ImmutableList.Builder<SackBlock> blocks = ImmutableList.builder();
    while (in.position() < end) {
      int kind = in.get() & 0xFF;
      if (kind == KIND_EOL) {
        break;
      }
      if (kind == KIND_NOP) {
        continue;
      }
      int size = in.get() & 0xFF;
      checkArgument(size >= 2 && in.position() - 2 + size <= end, "bad TCP option length %s", size);
      switch (kind) {
        case KIND_MSS -> mss = in.getShort() & 0xFFFF;
        case KIND_WINDOW_SCALE -> scale = in.get() & 0xFF;
        case KIND_SACK_PERMITTED -> sackPermitted = true;
        case KIND_TIMESTAMPS -> {
          timestamps = true;
          tsVal = in.getInt() & 0xFFFF_FFFFL;
          tsEcr = in.getInt() & 0xFFFF_FFFFL;
        }
        case KIND_SACK -> {
          for (int i = 0; i < (size - 2) / 8; i++) {
            blocks.add(new SackBlock(in.getInt(), in.getInt()));
          }
        }
        default -> in.position(in.position() + size - 2);
      }
    }
    in.position(end);
    return new TcpOptions(
        mss, Math.min(scale, 14), sackPermitted, timestamps, tsVal, tsEcr, blocks.build());
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (hasMss()) {
      text.append("mss ").append(mss).append(',');
    }
    if (sackPermitted) {
      text.append("sackOK,");
    }
    if (timestamps) {
      text.append("TS val ").append(tsVal).append(" ecr ").append(tsEcr).append(',');
    }
    if (hasWindowScale()) {
      text.append("wscale ").append(windowScale).append(',');
    }
    if (!sackBlocks.isEmpty()) {
      text.append("sack ").append(sackBlocks).append(',');
    }
    return text.length() == 0 ? "" : "<" + text.substring(0, text.length() - 1) + ">";
  }
}
