package netsim.net;

import java.util.ArrayList;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;
import org.jspecify.annotations.Nullable;

/** A static routing table: the longest matching prefix names the outgoing interface. */
public final class RoutingTable {
  private record Route(Prefix prefix, Interface out) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; a later route for the same prefix replaces the earlier. */
  public void add(Prefix prefix, Interface out) {
    routes.removeIf(route -> route.prefix().equals(prefix));
    routes.add(new Route(prefix, out));
  }

  /** The interface for {@code destination} by longest prefix match, or null if none matches. */
  public @Nullable Interface lookup(Ipv4Address destination) {
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
