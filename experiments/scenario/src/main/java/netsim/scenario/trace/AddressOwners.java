package netsim.scenario.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which node an address belongs to, learnt from a run's packet events as they come: the node that
 * sent a segment from it, or (when asked) accepted one for it; the first node seen with an address
 * keeps it. For the outputs that name the far end of a segment whose host has not spoken yet (a
 * dropped arrow of the ladder, the receiver of a plotted flow). It allocates only when a node shows
 * an address it has not shown before, so it costs little per event.
 */
public final class AddressOwners {
  private final boolean fromArrivals;

  /** The owner of each address seen (looked up only, never iterated). */
  private final Map<Integer, Integer> owners = new LinkedHashMap<>();

  /** By node id: the last address the node showed, valid where {@code shown} is true. */
  private int[] lastShown = new int[0];

  private boolean[] shown = new boolean[0];

  /**
   * @param fromArrivals whether a node accepting a segment for an address owns it too, not only a
   *     node sending from it
   */
  public AddressOwners(boolean fromArrivals) {
    this.fromArrivals = fromArrivals;
  }

  /** Learns from {@code event}, if it is a segment sent or (when asked) accepted. */
  public void see(TraceEvent event) {
    if (event instanceof TraceEvent.Packet p) {
      if (p.kind() == EventKind.SEND) {
        show(p.node(), p.src());
      } else if (fromArrivals && p.kind() == EventKind.RECV) {
        show(p.node(), p.dst());
      }
    }
  }

  /** The id of the node that owns {@code address}, or -1 when no node has shown it. */
  public int owner(int address) {
    Integer node = owners.get(address);
    return node == null ? -1 : node;
  }

  private void show(int node, int address) {
    if (node >= shown.length) {
      int size = Math.max(node + 1, 2 * shown.length);
      shown = Arrays.copyOf(shown, size);
      lastShown = Arrays.copyOf(lastShown, size);
    }
    if (shown[node] && lastShown[node] == address) {
      return;
    }
    shown[node] = true;
    lastShown[node] = address;
    owners.putIfAbsent(address, node);
  }
}
