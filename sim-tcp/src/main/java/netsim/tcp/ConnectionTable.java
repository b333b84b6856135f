package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.List;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * A stack's connections by 4-tuple, for demultiplexing an arriving segment without allocating: a
 * 4-tuple is packed into 96 bits, the remote endpoint and the local port in a {@code long} ({@link
 * #key}) and the local address in an {@code int}, which index an open-addressing table (linear
 * probing, deletion by backward shift, so no tombstones). The values are the connections, each
 * carrying its own keys in its first cache line ({@link TcpConnection#tupleKey}), so a lookup among
 * thousands of connections reads one cache line of the slots' array and then the connection itself,
 * which the segment reads next anyway: no object of the stack's lies in between, and a separate
 * array of keys would be a cache line more per segment. The table is kept at most a quarter full,
 * so that a probe rarely reads a value that is not the one sought. Iteration follows the order of
 * insertion, never the hash order, so nothing that walks the connections depends on the table's
 * layout: a slot's node links it into that order, and only {@link #put}, {@link #remove} and {@link
 * #values} read the nodes. The table tells each connection whether it maps it ({@link
 * TcpConnection#isMappedAs}), so that an arriving segment's hint can be checked without a lookup
 * ({@link TcpStack#demultiplex}).
 */
final class ConnectionTable {
  private static final int MIN_CAPACITY = 16;

  /** One mapping, linked into the insertion order. */
  private static final class Node {
    final TcpConnection value;
    @Nullable Node previous;
    @Nullable Node next;

    Node(TcpConnection value) {
      this.value = value;
    }
  }

  /** Slot i's value, or null for an empty slot. */
  private @Nullable TcpConnection[] values;

  /** Slot i's place in the order of insertion. */
  private @Nullable Node[] nodes;

  private int mask;
  private int size;
  private @Nullable Node first;
  private @Nullable Node last;

  ConnectionTable() {
    allocate(MIN_CAPACITY);
  }

  /**
   * The key of a 4-tuple at a host, all of it but the local address: the remote address in bits 32
   * to 63, the remote port in bits 16 to 31, the local port in bits 0 to 15.
   */
  static long key(int localPort, Ipv4Address remoteAddress, int remotePort) {
    return (long) remoteAddress.bits() << 32 | (long) remotePort << 16 | localPort;
  }

  /** The key of the 4-tuple of a segment from {@code source}, at the host it arrives at. */
  static long key(Ipv4Address source, TcpSegment seg) {
    return (long) source.bits() << 32 | (seg.ports() & 0xFFFF_FFFFL);
  }

  static long key(FourTuple tuple) {
    return key(tuple.local().port(), tuple.remote().address(), tuple.remote().port());
  }

  /**
   * The connection of the 4-tuple whose local address has the bits {@code localAddress} and whose
   * other parts have the key {@code key}, or null.
   */
  @Nullable TcpConnection get(int localAddress, long key) {
    int slot = find(localAddress, key);
    return slot < 0 ? null : values[slot];
  }

  @Nullable TcpConnection get(FourTuple tuple) {
    return get(tuple.local().address().bits(), key(tuple));
  }

  /**
   * Maps the connection's 4-tuple, which must not be mapped yet; it comes last in the order of
   * iteration.
   *
   * @throws IllegalStateException if the 4-tuple is mapped already
   */
  void put(TcpConnection connection) {
    checkState(
        find(connection.localAddressBits(), connection.tupleKey()) < 0,
        "%s is mapped already",
        connection.tuple());
    if (4 * (size + 1) > values.length) {
      grow();
    }
    Node node = new Node(connection);
    insert(node);
    connection.setMapped(true);
    node.previous = last;
    if (last == null) {
      first = node;
    } else {
      last.next = node;
    }
    last = node;
    size++;
  }

  /** Removes the mapping of a 4-tuple; returns its connection, or null if it was not mapped. */
  @Nullable TcpConnection remove(FourTuple tuple) {
    int slot = find(tuple.local().address().bits(), key(tuple));
    if (slot < 0) {
      return null;
    }
    Node node = checkNotNull(nodes[slot]);
    shiftBack(slot);
    node.value.setMapped(false);
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

  /** The connections in the order they were put, as a copy. */
  List<TcpConnection> values() {
    List<TcpConnection> values = new ArrayList<>(size);
    for (Node node = first; node != null; node = node.next) {
      values.add(node.value);
    }
    return values;
  }

  /** The slot a 4-tuple's probe starts at, for a table of {@code capacity} slots (a power of 2). */
  static int home(int localAddress, long key, int capacity) {
    // Murmur3's 64-bit finalizer over both parts: every bit reaches the low bits.
    long h = key * 0x9E37_79B9_7F4A_7C15L + localAddress;
    h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
    return (int) (h ^ (h >>> 33)) & (capacity - 1);
  }

  /** The slot holding the 4-tuple, or -1. */
  private int find(int localAddress, long key) {
    for (int slot = home(localAddress, key, values.length); ; slot = (slot + 1) & mask) {
      TcpConnection value = values[slot];
      if (value == null) {
        return -1;
      }
      if (value.tupleKey() == key && value.localAddressBits() == localAddress) {
        return slot;
      }
    }
  }

  /** The slot a connection's probe starts at. */
  private int home(TcpConnection value) {
    return home(value.localAddressBits(), value.tupleKey(), values.length);
  }

  private void insert(Node node) {
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
    @Nullable Node[] oldNodes = nodes;
    allocate(2 * oldNodes.length);
    for (Node node : oldNodes) {
      if (node != null) {
        insert(node);
      }
    }
  }

  private void allocate(int capacity) {
    values = new TcpConnection[capacity];
    nodes = new Node[capacity];
    mask = capacity - 1;
  }
}
