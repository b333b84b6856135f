package netsim.net.link;

import netsim.net.packet.Packet;

/**
 * The packets on one direction's wire that arrive in the order they were sent, each with the epoch
 * it was sent in. Their arrival events are all the same action, which takes the oldest packet: this
 * holds as long as the events run in the order the packets were added, which {@link #takesInOrder}
 * decides. A ring buffer that grows as needed, so that a steady flow allocates nothing.
 */
final class WireFifo {
  private Packet[] packets = new Packet[16];
  private int[] epochs = new int[16];
  private int head;
  private int size;
  private long lastArrival;

  /**
   * Whether a packet arriving at {@code arrival} can join the queue: when its arrival event is sure
   * to run after those of every packet already in it. That is when it arrives later than the last
   * one, or at the same time if same-time events run in the order scheduled.
   */
  boolean takesInOrder(long arrival, boolean tiesInOrder) {
    return size == 0 || arrival > lastArrival || (arrival == lastArrival && tiesInOrder);
  }

  /** Adds a packet that arrives at {@code arrival}, which {@link #takesInOrder} accepted. */
  void add(Packet packet, int epoch, long arrival) {
    if (size == packets.length) {
      grow();
    }
    int tail = (head + size) & (packets.length - 1);
    packets[tail] = packet;
    epochs[tail] = epoch;
    size++;
    lastArrival = arrival;
  }

  /** The epoch the oldest packet was sent in; the queue must not be empty. */
  int oldestEpoch() {
    return epochs[head];
  }

  /** Removes and returns the oldest packet; the queue must not be empty. */
  Packet removeOldest() {
    Packet packet = packets[head];
    packets[head] = null;
    head = (head + 1) & (packets.length - 1);
    size--;
    return packet;
  }

  private void grow() {
    int capacity = packets.length;
    Packet[] newPackets = new Packet[2 * capacity];
    int[] newEpochs = new int[2 * capacity];
    int first = capacity - head;
    System.arraycopy(packets, head, newPackets, 0, first);
    System.arraycopy(packets, 0, newPackets, first, head);
    System.arraycopy(epochs, head, newEpochs, 0, first);
    System.arraycopy(epochs, 0, newEpochs, first, head);
    packets = newPackets;
    epochs = newEpochs;
    head = 0;
  }
}
