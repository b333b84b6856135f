package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.List;

/**
 * Every random impairment decision of one run, as explicit decisions about packets, and the fixed
 * delay each impaired link direction keeps when they are replayed as rules.
 *
 * @param decisions in the order the packets were offered
 * @param baselines one per direction of every link with random impairments
 * @param unreplayable random decisions that fell on packets the config's own rules had taken (they
 *     cannot be replayed by rules behind those)
 */
public record FaultSchedule(List<Decision> decisions, List<Baseline> baselines, int unreplayable) {

  /**
   * The fixed delay a link direction keeps in a replay: the shortest it gave any packet (rounded
   * down to the millisecond, or microsecond below a millisecond) or its configured delay, whichever
   * is less. Each packet's delay beyond it is a {@link Decision.Kind#DELAY} decision.
   */
  public record Baseline(String link, boolean aToB, String direction, long delay) {}

  /** The links whose random impairments are replaced by rules, in config order. */
  public List<String> links() {
    List<String> links = new ArrayList<>();
    for (Baseline b : baselines) {
      if (!links.contains(b.link())) {
        links.add(b.link());
      }
    }
    return links;
  }

  /** The baseline of one direction. */
  Baseline baseline(String link, boolean aToB) {
    for (Baseline b : baselines) {
      if (b.link().equals(link) && b.aToB() == aToB) {
        return b;
      }
    }
    throw new IllegalArgumentException("no baseline for " + link + (aToB ? " a_to_b" : " b_to_a"));
  }
}
