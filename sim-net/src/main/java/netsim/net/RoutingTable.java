package netsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;
import org.jspecify.annotations.Nullable;

/**
 * A static routing table: the longest matching prefix names the outgoing interface. Answers are
 * remembered per destination in a small direct-mapped cache, emptied when a route is added, so a
 * packet's lookup is one probe whatever the number of routes (a node sees few destinations, each
 * again and again); a destination whose slot another took is looked up again, with the same answer.
 */
public final class RoutingTable {
  private record Route(Prefix prefix, Interface out) {}

  /** Slots of the answer cache: a power of two. */
  private static final int CACHED = 64;

  private final List<Route> routes = new ArrayList<>();

  /** The cache: per slot, the destination's bits, its answer (null: no route), and whether set. */
  private final int[] cachedDestinations = new int[CACHED];

  private final @Nullable Interface[] cachedAnswers = new Interface[CACHED];
  private final boolean[] cached = new boolean[CACHED];

  /** Adds a route; a later route for the same prefix replaces the earlier. */
  public void add(Prefix prefix, Interface out) {
    routes.removeIf(route -> route.prefix().equals(prefix));
    routes.add(new Route(prefix, out));
    Arrays.fill(cached, false);
    Arrays.fill(cachedAnswers, null);
  }

  /** The interface for {@code destination} by longest prefix match, or null if none matches. */
  public @Nullable Interface lookup(Ipv4Address destination) {
    int bits = destination.bits();
    int slot = (bits * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(CACHED));
    if (cached[slot] && cachedDestinations[slot] == bits) {
      return cachedAnswers[slot];
    }
    Interface answer = longestMatch(destination);
    cachedDestinations[slot] = bits;
    cachedAnswers[slot] = answer;
    cached[slot] = true;
    return answer;
  }

  private @Nullable Interface longestMatch(Ipv4Address destination) {
    Route best = null;
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (route.prefix().contains(destination)
          && (best == null || route.prefix().length() > best.prefix().length())) {
        best = route;
      }
    }
    return best == null ? null : best.out();
  }

  public int size() {
    return routes.size();
  }
}
