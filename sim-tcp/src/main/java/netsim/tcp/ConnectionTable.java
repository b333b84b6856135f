package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * A stack's connections by 4-tuple, for demultiplexing an arriving segment without allocating: each
 * endpoint is packed into a {@code long} ({@link #key}), and the two keys index an open-addressing
 * table (linear probing, deletion by backward shift, so no tombstones). Each value carries its own
 * two keys ({@link Keyed}), so a lookup among thousands of connections reads one cache line of the
 * slots' array and then the value itself, which the caller reads anyway (a separate array of keys
 * would be a cache line more per segment). The table is kept at most a quarter full, so that a
 * probe rarely reads a value that is not the one sought. Iteration follows the order of insertion,
 * never the hash order, so nothing that walks the connections depends on the table's layout: a
 * slot's node links it into that order, and only {@link #put}, {@link #remove} and {@link #values}
 * read the nodes.
 *
 * @param <V> what a 4-tuple maps to
 */
final class ConnectionTable<V extends ConnectionTable.Keyed> {
  private static final int MIN_CAPACITY = 16;

  /** A value that knows its 4-tuple's keys ({@link #key}), which lookups compare. */
  interface Keyed {
    /** The key of the local endpoint. */
    long localKey();

    /** The key of the remote endpoint. */
    long remoteKey();
  }

  /** One mapping, linked into the insertion order. */
  private static final class Node<V> {
    final V value;
    @Nullable Node<V> previous;
    @Nullable Node<V> next;

    Node(V value) {
      this.value = value;
    }
  }

  /** Slot i's value, or null for an empty slot. */
  private @Nullable V[] values;

  /** Slot i's place in the order of insertion. */
  private @Nullable Node<V>[] nodes;

  private int mask;
  private int size;
  private @Nullable Node<V> first;
  private @Nullable Node<V> last;

  ConnectionTable() {
    allocate(MIN_CAPACITY);
  }

  /** The key of an endpoint: its address in bits 16 to 47, its port in bits 0 to 15. */
  static long key(Ipv4Address address, int port) {
    return (address.bits() & 0xFFFF_FFFFL) << 16 | port;
  }

  static long key(Endpoint endpoint) {
    return key(endpoint.address(), endpoint.port());
  }

  /** The value for the 4-tuple of the keys {@code local} and {@code remote}, or null. */
  @Nullable V get(long local, long remote) {
    int slot = find(local, remote);
    return slot < 0 ? null : values[slot];
  }

  @Nullable V get(FourTuple tuple) {
    return get(key(tuple.local()), key(tuple.remote()));
  }

  /**
   * Maps a 4-tuple that is not mapped yet; it comes last in the order of iteration.
   *
   * @throws IllegalStateException if the 4-tuple is mapped already
   */
  void put(FourTuple tuple, V value) {
    long local = key(tuple.local());
    long remote = key(tuple.remote());
    checkArgument(
        value.localKey() == local && value.remoteKey() == remote,
        "the value's keys are not those of %s",
        tuple);
    checkState(find(local, remote) < 0, "%s is mapped already", tuple);
    if (4 * (size + 1) > values.length) {
      grow();
    }
    Node<V> node = new Node<>(value);
    insert(node);
    node.previous = last;
    if (last == null) {
      first = node;
    } else {
      last.next = node;
    }
    last = node;
    size++;
  }

  /** Removes the mapping of a 4-tuple; returns its value, or null if it was not mapped. */
  @Nullable V remove(FourTuple tuple) {
    int slot = find(key(tuple.local()), key(tuple.remote()));
    if (slot < 0) {
      return null;
    }
    Node<V> node = checkNotNull(nodes[slot]);
    shiftBack(slot);
    if (node.previous == null) {
      first = node.next;
    } else {
      node.previous.next = node.next;
    }
    if (node.next == null) {
      last = node.previous;
    } else {
      node.next.previous = node.previous;
    }
    size--;
    return node.value;
  }

  int size() {
    return size;
  }

  /** The values in the order they were put, as a copy. */
  List<V> values() {
    List<V> values = new ArrayList<>(size);
    for (Node<V> node = first; node != null; node = node.next) {
      values.add(node.value);
    }
    return values;
  }

  /** The slot a 4-tuple's probe starts at, for a table of {@code capacity} slots (a power of 2). */
  static int home(long local, long remote, int capacity) {
    // Murmur3's 64-bit finalizer over both keys: every key bit reaches the low bits.
    long h = local * 0x9E37_79B9_7F4A_7C15L + remote;
    h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
    return (int) (h ^ (h >>> 33)) & (capacity - 1);
  }

  /** The slot holding the 4-tuple, or -1. */
  private int find(long local, long remote) {
    for (int slot = home(local, remote, values.length); ; slot = (slot + 1) & mask) {
      V value = values[slot];
      if (value == null) {
        return -1;
      }
      if (value.localKey() == local && value.remoteKey() == remote) {
        return slot;
      }
    }
  }

  /** The slot a value's probe starts at. */
  private int home(V value) {
    return home(value.localKey(), value.remoteKey(), values.length);
  }

  private void insert(Node<V> node) {
    int slot = home(node.value);
    while (values[slot] != null) {
      slot = (slot + 1) & mask;
    }
    values[slot] = node.value;
    nodes[slot] = node;
  }

  /**
   * Empties {@code hole}, moving back each later entry of the same probe run that may sit there
   * (its home is not cyclically after the hole), so that every probe still finds its entry.
   */
  private void shiftBack(int hole) {
    for (int slot = (hole + 1) & mask; values[slot] != null; slot = (slot + 1) & mask) {
      int home = home(checkNotNull(values[slot]));
      if (((slot - home) & mask) >= ((slot - hole) & mask)) {
        values[hole] = values[slot];
        nodes[hole] = nodes[slot];
        hole = slot;
      }
    }
    values[hole] = null;
    nodes[hole] = null;
  }

  private void grow() {
    @Nullable Node<V>[] oldNodes = nodes;
    allocate(2 * oldNodes.length);
    for (Node<V> node : oldNodes) {
      if (node != null) {
        insert(node);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void allocate(int capacity) {
    values = (V[]) new Keyed[capacity];
    nodes = (Node<V>[]) new Node<?>[capacity];
    mask = capacity - 1;
  }
}
