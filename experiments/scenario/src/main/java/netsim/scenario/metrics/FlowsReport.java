package netsim.scenario.metrics;

import java.util.List;
import java.util.Map;
import netsim.net.packet.DropCause;

/**
 * What {@link FlowMetrics} measured in a run: every flow, every link direction's use over the
 * flows' time, and Jain's fairness index over the flows' goodputs. Times are nanoseconds, sizes
 * bytes, rates bit/s; a value that could not be measured is {@link #NONE} (or NaN for a ratio).
 *
 * @param from the first flow's start (0 without flows), or the warm-up if later: link use is
 *     measured from here
 * @param until the last flow's end: its last byte's delivery, or the run's end for a flow that did
 *     not complete (the run's end without flows)
 * @param jain Jain's fairness index (sum x)^2 / (n sum x^2) over the flows' goodputs: 1 when all
 *     are equal, 1/n when one flow has everything; NaN without a flow or when no flow moved a byte
 */
public record FlowsReport(
    List<Flow> flows, long from, long until, List<LinkUse> links, double jain) {
  /** A value not measured: an incomplete flow's completion time, RTTs without a sample. */
  public static final long NONE = -1;

  /**
   * One flow: the data one end of a connection sent to the other, or the datagrams of a UDP source.
   *
   * @param name the client's name, with {@code #k} for its k-th connection; a UDP source's name
   * @param direction {@code up} (the client's data, to the listener) or {@code down} (the
   *     listener's answer)
   * @param sender the sending host
   * @param receiver the receiving host
   * @param conn the connection's 4-tuple as the sender sees it
   * @param start when the client opened the connection
   * @param bytes bytes delivered to the receiving application (a TCP flow's from the warm-up on, if
   *     {@link FlowMetrics} was given one)
   * @param complete whether every byte the sending application was to send was delivered
   * @param fct flow completion time: from {@code start} to the delivery of the last byte, or NONE
   * @param goodput 8 bytes / (end - start), where end is the last byte's delivery for a complete
   *     flow, else the run's end; for a TCP flow with a warm-up, start is the warm-up if later
   * @param retransmissions segments the sender sent again
   * @param rttSamples round-trip samples taken ({@link SentSegments})
   * @param rttP50 the median sample: exact up to 512 samples, a P-square estimate beyond
   * @param rttP99 the 99th percentile: exact up to 512 samples, a P-square estimate beyond
   * @param cwndMean the sender's congestion window averaged over time, from its first value to the
   *     flow's end
   * @param datagramsSent a UDP source's datagrams sent, NONE for a TCP flow
   * @param datagramsReceived the datagrams its sink received, NONE for a TCP flow
   * @param loss the fraction of its datagrams lost, dropped / (received + dropped), so that one in
   *     flight at the end is not lost (NaN for a TCP flow, or when no datagram arrived or was
   *     dropped)
   */
  public record Flow(
      String name,
      String direction,
      String sender,
      String receiver,
      String conn,
      long start,
      long bytes,
      boolean complete,
      long fct,
      long goodput,
      long retransmissions,
      long rttSamples,
      long rttMin,
      long rttMean,
      long rttP50,
      long rttP99,
      long cwndMin,
      long cwndMean,
      long cwndMax,
      long datagramsSent,
      long datagramsReceived,
      double loss) {
    /**
     * Whether this is a flow of the client (or UDP source) called {@code client}: named {@code
     * client}, {@code client.i} (the i-th of its {@code count}) or {@code client#k} (its k-th
     * connection or flow).
     */
    public boolean isOf(String client) {
      return isOf(name, client);
    }

    /** Whether {@code name} is {@code client}, {@code client.i} or {@code client#k}. */
    public static boolean isOf(String name, String client) {
      return name.equals(client)
          || (name.startsWith(client)
              && name.length() > client.length()
              && (name.charAt(client.length()) == '.' || name.charAt(client.length()) == '#'));
    }

    /** Whether this is a UDP source's flow. */
    public boolean isDatagrams() {
      return datagramsSent != NONE;
    }
  }

  /**
   * The use of one link direction over the run.
   *
   * @param deliveredBytes the bytes it delivered in the whole run (the few packets before the first
   *     flow's start and after the last one's end included), or from the warm-up on with one
   * @param capacityBytes what it could have carried from {@code from} to {@code until}: its
   *     bandwidth, as the run's changes set it, over that time; NONE for an unlimited link
   * @param utilization deliveredBytes / capacityBytes, NaN for an unlimited link
   * @param drops its drops by cause, the causes with none left out, in cause order
   * @param marked packets its queue (or a rule) marked Congestion Experienced (RFC 3168 5)
   * @param queue what its queue held ({@link LinkMetrics})
   */
  public record LinkUse(
      String direction,
      long deliveredBytes,
      long capacityBytes,
      double utilization,
      Map<DropCause, Long> drops,
      long marked,
      QueueUse queue) {}

  /**
   * What one link direction's queue held over the run ({@link LinkMetrics}): its length in packets
   * from the first packet that joined it to its last change, and the time each packet that left it
   * for the transmitter had waited.
   *
   * @param mean the mean length, weighted by time; NaN if no packet ever joined it
   * @param p99 the least length the queue was at or below 99% of that time
   * @param max the most packets it held
   * @param sojourns the packets that left it for the transmitter (and so have a sojourn time)
   * @param sojournMean their mean time in the queue (ns), or NONE
   * @param sojournP50 the median of it: exact up to 512 packets, a P-square estimate beyond; or
   *     NONE
   * @param sojournP99 the 99th percentile of it: exact up to 512 packets, a P-square estimate
   *     beyond; or NONE
   * @param sojournMax the longest, or NONE
   */
  public record QueueUse(
      double mean,
      long p99,
      long max,
      long sojourns,
      long sojournMean,
      long sojournP50,
      long sojournP99,
      long sojournMax) {
    /** A queue no packet joined. */
    public static final QueueUse EMPTY =
        new QueueUse(Double.NaN, NONE, NONE, 0, NONE, NONE, NONE, NONE);
  }
}
