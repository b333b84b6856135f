package netsim.tcp;

/**
 * What loss recovery knows of the segments in flight, counted in segments as Linux's {@code
 * tcp_info} reports them (tcpi_sacked, tcpi_lost, tcpi_retrans, tcpi_reordering, tcpi_reord_seen),
 * so that a view of a connection can show them.
 *
 * @param sacked segments SACKed above SND.UNA (Linux's sacked_out)
 * @param lost segments deemed lost and not SACKed since, also once sent again (lost_out)
 * @param retransmitted segments sent again and neither SACKed, acknowledged nor deemed lost again
 *     (retrans_out)
 * @param reordering the reordering degree: how many segments out of order the connection has seen
 *     at most, at least RFC 6675's DupThresh of 3 (Linux's tp->reordering)
 * @param reorderingEvents ACKs that showed reordering (Linux's reord_seen)
 */
public record FlightCounts(
    int sacked, int lost, int retransmitted, int reordering, int reorderingEvents) {}
