package netsim.net.fault;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import netsim.core.Registry;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;

/**
 * What a {@link FaultRule} does to a packet it takes. Each action either continues the packet (now,
 * later, twice, or altered) or ends its way; the {@link FaultChain} carries it out.
 */
public sealed interface FaultAction {

  /** What an action does, one constant per kind of action. Traces use {@link #traceName()}. */
  enum Verb {
    DROP,
    DELAY,
    DELAY_ARRIVAL,
    HOLD_UNTIL,
    HOLD,
    DUPLICATE,
    CORRUPT,
    MARK;

    private final String traceName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The verb in traces and event labels: "drop", "delay", "delay-arrival", "hold-until", ... */
    public String traceName() {
      return traceName;
    }
  }

  /** What this action does. */
  Verb verb();

  /**
   * The values a config file gives an action's parameters, read by the config layer, which checks
   * them and reports its own located errors.
   */
  interface Parameters {
    boolean has(String key);

    /** A duration in nanoseconds; the key is present. */
    long duration(String key);

    /** A whole number; the key is present. */
    long integer(String key);
  }

  /**
   * How a config file makes an action: the parameter keys it takes (besides the verb), and the
   * action from their values.
   */
  record Form(List<String> keys, Function<Parameters, FaultAction> make) {
    public Form {
      keys = List.copyOf(keys);
      checkNotNull(make, "make");
    }

    static Form of(Function<Parameters, FaultAction> make, String... keys) {
      return new Form(List.of(keys), make);
    }

    /** Whether the action takes parameter {@code key}. */
    public boolean takes(String key) {
      return keys.contains(key);
    }
  }

  /**
   * The actions by their {@link Verb#traceName()}, as config files name them: {@code drop}, {@code
   * delay} and {@code delay-arrival} (key {@code delay}), {@code hold-until} (key {@code until}),
   * {@code hold}, {@code duplicate}, {@code corrupt} (optional key {@code bit}, else the transport
   * checksum), {@code mark}.
   */
  Registry<Form> ACTIONS =
      Registry.<Form>builder("action")
          .register(Verb.DROP.traceName(), Form.of(p -> drop()))
          .register(Verb.DELAY.traceName(), Form.of(p -> delay(p.duration("delay")), "delay"))
          .register(
              Verb.DELAY_ARRIVAL.traceName(),
              Form.of(p -> delayArrival(p.duration("delay")), "delay"))
          .register(
              Verb.HOLD_UNTIL.traceName(), Form.of(p -> holdUntil(p.duration("until")), "until"))
          .register(Verb.HOLD.traceName(), Form.of(p -> hold()))
          .register(Verb.DUPLICATE.traceName(), Form.of(p -> duplicate()))
          .register(
              Verb.CORRUPT.traceName(),
              Form.of(
                  p -> p.has("bit") ? corruptBit(Math.toIntExact(p.integer("bit"))) : corrupt(),
                  "bit"))
          .register(Verb.MARK.traceName(), Form.of(p -> mark()))
          .build();

  /** Drops the packet, reported with {@link DropCause#RULE}. */
  static FaultAction drop() {
    return Drop.INSTANCE;
  }

  /** Continues the packet {@code nanos} later than it would have. */
  static FaultAction delay(long nanos) {
    return new Delay(nanos);
  }

  /**
   * Continues the packet at once, and makes the next link direction it crosses deliver it {@code
   * nanos} later than it would: after the queue and serialization, like a longer propagation delay
   * for this packet alone (netem's delay, where {@link #delay} holds the packet back before the
   * link). Whether later packets may overtake it follows the direction's {@code jitterReorders}. A
   * copy made afterwards arrives as late.
   */
  static FaultAction delayArrival(long nanos) {
    return new DelayArrival(nanos);
  }

  /** Continues the packet at virtual time {@code time}, or at once if that time has passed. */
  static FaultAction holdUntil(long time) {
    return new HoldUntil(time);
  }

  /**
   * Holds the packet until {@link FaultRule#release()} or {@link FaultChain#releaseAll()}; a packet
   * never released is neither delivered nor dropped.
   */
  static FaultAction hold() {
    return Hold.INSTANCE;
  }

  /** Continues the packet and then a copy of it with a new id. */
  static FaultAction duplicate() {
    return Duplicate.INSTANCE;
  }

  /**
   * Flips one bit of the transport checksum (see {@link Corrupt}) so that the receiver discards the
   * packet, then continues it.
   */
  static FaultAction corrupt() {
    return Corrupt.TRANSPORT_CHECKSUM;
  }

  /** Flips bit {@code bit} of the packet's bytes (0 = the first byte's top bit), then continues. */
  static FaultAction corruptBit(int bit) {
    checkArgument(bit >= 0, "bit index must not be negative, got %s", bit);
    return new Corrupt(bit);
  }

  /**
   * Marks the packet Congestion Experienced, as an AQM does instead of dropping it (RFC 3168 5),
   * then continues it; a packet that is not ECN-capable continues unmarked. The link direction
   * whose queue takes the packet next counts and reports the mark, as it does a queue's own.
   */
  static FaultAction mark() {
    return Mark.INSTANCE;
  }

  /** See {@link #drop()}. */
  enum Drop implements FaultAction {
    INSTANCE;

    @Override
    public Verb verb() {
      return Verb.DROP;
    }

    @Override
    public String toString() {
      return verb().traceName();
    }
  }

  /** See {@link #delay(long)}. */
  record Delay(long nanos) implements FaultAction {
    public Delay {
      checkArgument(nanos > 0, "delay must be positive, got %sns", nanos);
    }

    @Override
    public Verb verb() {
      return Verb.DELAY;
    }

    @Override
    public String toString() {
      return "delay(" + Time.format(nanos) + ")";
    }
  }

  /** See {@link #delayArrival(long)}. */
  record DelayArrival(long nanos) implements FaultAction {
    public DelayArrival {
      checkArgument(nanos > 0, "arrival delay must be positive, got %sns", nanos);
    }

    @Override
    public Verb verb() {
      return Verb.DELAY_ARRIVAL;
    }

    @Override
    public String toString() {
      return "delayArrival(" + Time.format(nanos) + ")";
    }
  }

  /** See {@link #holdUntil(long)}. */
  record HoldUntil(long time) implements FaultAction {
    public HoldUntil {
      checkArgument(time >= 0, "hold-until time must not be negative, got %sns", time);
    }

    @Override
    public Verb verb() {
      return Verb.HOLD_UNTIL;
    }

    @Override
    public String toString() {
      return "holdUntil(" + Time.format(time) + ")";
    }
  }

  /** See {@link #hold()}. */
  enum Hold implements FaultAction {
    INSTANCE;

    @Override
    public Verb verb() {
      return Verb.HOLD;
    }

    @Override
    public String toString() {
      return verb().traceName();
    }
  }

  /** See {@link #duplicate()}. */
  enum Duplicate implements FaultAction {
    INSTANCE;

    @Override
    public Verb verb() {
      return Verb.DUPLICATE;
    }

    @Override
    public String toString() {
      return verb().traceName();
    }
  }

  /**
   * Flips one bit of the packet. With {@link #TRANSPORT_CHECKSUM} the bit lies in the transport
   * checksum field ({@link netsim.net.packet.Payload#checksumOffset()}), so a capture decodes the
   * packet exactly as before except for a bad checksum; the lowest bit that is clear is flipped, so
   * the field never becomes 0 (which UDP reads as "no checksum"). A transport without a checksum
   * field gets the packet's last bit flipped instead.
   *
   * @param bit the bit index in the packet's bytes, or -1 for the transport checksum
   */
  record Corrupt(int bit) implements FaultAction {
    public static final Corrupt TRANSPORT_CHECKSUM = new Corrupt(-1);

    public Corrupt {
      checkArgument(bit >= -1, "bit index must not be negative, got %s", bit);
    }

    /** The index of the bit to flip in {@code packet}'s bytes. */
    public int bitIn(Packet packet) {
      if (bit >= 0) {
        checkArgument(
            bit < 8 * packet.totalLength(),
            "bit %s lies beyond the %s-byte packet %s",
            bit,
            packet.totalLength(),
            packet);
        return bit;
      }
      int offset = packet.payload().checksumOffset();
      if (offset < 0) {
        return 8 * packet.totalLength() - 1;
      }
      int at = Packet.HEADER_LENGTH + offset;
      byte[] bytes = packet.toBytes();
      int checksum = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
      int lowestClear = checksum == 0xFFFF ? 0 : Integer.numberOfTrailingZeros(~checksum);
      // Bit k of the big-endian field (0 = least significant) in packet bit order (0 = first
      // byte's most significant bit).
      return 8 * at + 15 - lowestClear;
    }

    @Override
    public Verb verb() {
      return Verb.CORRUPT;
    }

    @Override
    public String toString() {
      return bit < 0 ? "corrupt" : "corrupt(bit " + bit + ")";
    }
  }

  /** See {@link #mark()}. */
  enum Mark implements FaultAction {
    INSTANCE;

    @Override
    public Verb verb() {
      return Verb.MARK;
    }

    @Override
    public String toString() {
      return verb().traceName();
    }
  }
}
