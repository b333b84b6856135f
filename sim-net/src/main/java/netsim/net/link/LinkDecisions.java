package netsim.net.link;

import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;

/**
 * Sees each random decision a link direction makes, where it makes it: the shrinker writes them
 * down to replay a run without random streams. Each method is called before the packet event that
 * follows from the decision (the drop, the duplicate, the arrival). Every method has a no-op
 * default; a network without such observers pays one array length check per decision.
 */
public interface LinkDecisions {
  /** The loss model dropped {@code packet}: cause {@code LOSS} (Bernoulli) or {@code BURST}. */
  default void lost(LinkDirection direction, Packet packet, DropCause cause) {}

  /** The duplicate draw made {@code copy} of {@code original}. */
  default void duplicated(LinkDirection direction, Packet original, Packet copy) {}

  /** The corrupt draw flipped bit {@code bit} of {@code packet} (an original or a copy). */
  default void corrupted(LinkDirection direction, Packet packet, int bit) {}

  /**
   * A queue discipline that draws random numbers ({@link QueueDiscipline.Spec#drawsRandom()}, RED,
   * PIE) dropped {@code packet} as it arrived. Drops by a deterministic discipline (CoDel) or by a
   * full queue are no decisions and are not reported.
   */
  default void aqmDropped(LinkDirection direction, Packet packet) {}

  /**
   * A queue discipline that draws random numbers (RED, PIE) marked {@code packet} Congestion
   * Experienced where it would have dropped it (RFC 3168 5), as it arrived. Marks by a
   * deterministic discipline (CoDel, FQ-CoDel) are no decisions and are not reported.
   */
  default void aqmMarked(LinkDirection direction, Packet packet) {}

  /**
   * {@code packet} left the transmitter and will arrive {@code delay} nanoseconds later: the fixed
   * delay with its jitter draw, or none for a packet {@code reordered} past the others, after the
   * FIFO clamp, plus any arrival delay a fault rule gave it. Reported for every packet a direction
   * transmits, also one lost later because the direction goes down.
   */
  default void propagated(LinkDirection direction, Packet packet, long delay, boolean reordered) {}
}
