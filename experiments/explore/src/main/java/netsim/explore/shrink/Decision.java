package netsim.explore.shrink;

import netsim.core.Time;
import netsim.explore.hunt.Detection;

/**
 * One random impairment decision of a run, made explicit: a link direction dropped, duplicated,
 * corrupted, delayed or (a RED or PIE queue, RFC 3168 5) marked Congestion Experienced one packet.
 * A run's decisions replayed as targeted rules, with the random impairments off, give the same run
 * again; a subset of them gives a simpler one.
 *
 * @param delay for {@link Kind#DELAY}: nanoseconds beyond the direction's fixed delay
 * @param bit for {@link Kind#CORRUPT}: the flipped bit's index in the packet
 * @param time when the packet was offered to the link direction in the recorded run
 */
public record Decision(PacketRef packet, Kind kind, long delay, int bit, long time) {
  /** What a link direction did to a packet. */
  public enum Kind {
    DROP("drop", "drop"),
    DUPLICATE("duplicate", "duplication"),
    CORRUPT("corrupt", "corruption"),
    DELAY("delay", "delay"),
    MARK("mark", "mark");

    private final String verb;
    private final String noun;

    Kind(String verb, String noun) {
      this.verb = verb;
      this.noun = noun;
    }

    /** How counts name it: "drop", "duplication", "corruption", "delay", "mark". */
    public String noun() {
      return noun;
    }

    /** The rule action: "drop", "duplicate", "corrupt", "delay", "mark". */
    public String verb() {
      return verb;
    }
  }

  static Decision drop(PacketRef packet, long time) {
    return new Decision(packet, Kind.DROP, 0, -1, time);
  }

  static Decision duplicate(PacketRef packet, long time) {
    return new Decision(packet, Kind.DUPLICATE, 0, -1, time);
  }

  static Decision corrupt(PacketRef packet, int bit, long time) {
    return new Decision(packet, Kind.CORRUPT, 0, bit, time);
  }

  static Decision delay(PacketRef packet, long nanos, long time) {
    return new Decision(packet, Kind.DELAY, nanos, -1, time);
  }

  static Decision mark(PacketRef packet, long time) {
    return new Decision(packet, Kind.MARK, 0, -1, time);
  }

  /** The same decision with another delay. */
  Decision withDelay(long nanos) {
    return new Decision(packet, kind, nanos, bit, time);
  }

  /** "delay the 1st SYN ... on client->server by 812.3ms (offered at 2.3s)". */
  public String describe() {
    String what =
        switch (kind) {
          case DROP -> "drop " + packet.describe();
          case DUPLICATE -> "duplicate " + packet.describe();
          case CORRUPT -> "corrupt bit " + bit + " of " + packet.describe();
          case DELAY -> "delay " + packet.describe() + " by " + Time.format(delay);
          case MARK -> "mark " + packet.describe() + " Congestion Experienced";
        };
    return what + " (sent at " + Detection.time(time) + " in the recorded run)";
  }
}
