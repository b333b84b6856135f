package netsim.tcp;

import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A map from port numbers to values with primitive keys: the ports sorted in an {@code int[]},
 * found by binary search, so a lookup neither boxes nor allocates. Changes cost O(n), which suits
 * the few listeners and local ports of a host; there is no iteration, so no order to leak.
 *
 * @param <V> what a port maps to
 */
final class PortMap<V> {
  private int[] ports = new int[4];
  private Object[] values = new Object[4];
  private int size;

  /** The value of {@code port}, or null. */
  @SuppressWarnings("unchecked")
  @Nullable V get(int port) {
    int at = Arrays.binarySearch(ports, 0, size, port);
    return at < 0 ? null : (V) values[at];
  }

  boolean containsKey(int port) {
    return Arrays.binarySearch(ports, 0, size, port) >= 0;
  }

  /**
   * Maps a port that is not mapped yet.
   *
   * @throws IllegalStateException if {@code port} is mapped already
   */
  void put(int port, V value) {
    int at = Arrays.binarySearch(ports, 0, size, port);
    checkState(at < 0, "port %s is mapped already", port);
    at = -at - 1;
    if (size == ports.length) {
      ports = Arrays.copyOf(ports, 2 * size);
      values = Arrays.copyOf(values, 2 * size);
    }
    System.arraycopy(ports, at, ports, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    ports[at] = port;
    values[at] = value;
    size++;
  }

  /** Removes the mapping of {@code port}, if any. */
  void remove(int port) {
    int at = Arrays.binarySearch(ports, 0, size, port);
    if (at >= 0) {
      System.arraycopy(ports, at + 1, ports, at, size - at - 1);
      System.arraycopy(values, at + 1, values, at, size - at - 1);
      size--;
      values[size] = null;
    }
  }

  int size() {
    return size;
  }
}
