package netsim.explore.shrink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import netsim.tcp.TcpFlags;

/**
 * The packets on one link direction that a fault rule's match tells apart exactly: same sender,
 * destination, ports, flags, data length and sender state. Packets of different classes never match
 * each other's rules, so "the 3rd packet of this class" stays the same packet when decisions about
 * other packets are left out, which is what lets a schedule shrink.
 *
 * @param link the link's name
 * @param aToB whether the direction runs from the link's a to its b
 * @param direction the direction's name, "client->server"
 * @param senderState the sender's TCP state, or null if the packet had none
 */
public record PacketClass(
    String link,
    boolean aToB,
    String direction,
    String sender,
    String src,
    String dst,
    int srcPort,
    int dstPort,
    int flags,
    int dataLength,
    String senderState) {

  /** The rule match that picks out this class: {sender, dst, srcPort, ...}. */
  ObjectNode match() {
    ObjectNode match = JsonNodeFactory.instance.objectNode();
    match.put("sender", sender);
    match.put("dst", dst);
    match.put("srcPort", srcPort);
    match.put("dstPort", dstPort);
    match.put("flags", flags == 0 ? "NONE" : TcpFlags.format(flags));
    match.put("dataLength", dataLength);
    if (senderState != null) {
      match.put("senderState", senderState);
    }
    return match;
  }

  /** "syn" or "fin-ack", for rule names. */
  String flagWord() {
    return flags == 0 ? "none" : TcpFlags.format(flags).toLowerCase(Locale.ROOT).replace('|', '-');
  }

  /** "SYN 10.0.0.1:49153 > 10.0.0.2:80 (client in SYN_SENT)". */
  String describe() {
    return (flags == 0 ? "segment" : TcpFlags.format(flags))
        + (dataLength > 0 ? " len=" + dataLength : "")
        + " "
        + src
        + ":"
        + srcPort
        + " > "
        + dst
        + ":"
        + dstPort
        + " ("
        + sender
        + (senderState == null ? "" : " in " + senderState)
        + ")";
  }
}
