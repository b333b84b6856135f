package netsim.packetdrill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps between script and wire numbers, as packetdrill does. A script writes sequence numbers
 * relative to the ISN of the side that sends: inbound segments relative to the remote side's ISN (a
 * fixed {@code remoteIsn} on the wire), outbound ones relative to the ISN the model chose, which is
 * learned from each SYN the model sends (so a new incarnation of a connection starts again at 0).
 * Timestamp values the model sends are compared relative to the first one seen; an inbound echo of
 * a script timestamp is mapped to the model's real one.
 */
final class SequenceSpace {
  private static final long MASK = 0xFFFF_FFFFL;

  private final int remoteIsn;
  private int localIsn;
  private boolean timestampBaseKnown;
  private long firstScriptTsVal;
  private long firstActualTsVal;
  private final Map<Long, Long> tsVals = new LinkedHashMap<>();

  SequenceSpace(int remoteIsn) {
    this.remoteIsn = remoteIsn;
  }

  /** The model sent a SYN: its sequence number is the model's ISN from now on. */
  void outboundSyn(int seq) {
    localIsn = seq;
  }

  /** The wire sequence number of an inbound script sequence number. */
  int inboundSeq(long script) {
    return remoteIsn + (int) script;
  }

  /** The wire acknowledgment number (or SACK edge) of an inbound script number. */
  int inboundAck(long script) {
    return localIsn + (int) script;
  }

  /** The script sequence number of an outbound wire number. */
  long outboundSeq(int wire) {
    return (wire - localIsn) & MASK;
  }

  /** The script acknowledgment number (or SACK edge) of an outbound wire number. */
  long outboundAck(int wire) {
    return (wire - remoteIsn) & MASK;
  }

  /**
   * Records that the script's outbound timestamp value {@code script} stands for the model's {@code
   * actual}; the first pair is the base for later values.
   */
  void outboundTimestamp(long script, long actual) {
    if (!timestampBaseKnown) {
      timestampBaseKnown = true;
      firstScriptTsVal = script;
      firstActualTsVal = actual;
    }
    tsVals.put(script, actual);
  }

  /** The model's timestamp an inbound {@code TS ecr} of the script refers to. */
  long inboundEcr(long script) {
    Long exact = tsVals.get(script);
    if (exact != null) {
      return exact;
    }
    if (timestampBaseKnown) {
      return (script - firstScriptTsVal + firstActualTsVal) & MASK;
    }
    return script;
  }

  /** An outbound timestamp value in script space (for messages). */
  long outboundTsVal(long actual) {
    return timestampBaseKnown ? (actual - firstActualTsVal + firstScriptTsVal) & MASK : actual;
  }
}
