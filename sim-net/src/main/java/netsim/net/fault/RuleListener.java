package netsim.net.fault;

import netsim.net.packet.Packet;

/**
 * Told whenever a rule of a {@link FaultChain} takes a packet, before its action is carried out;
 * the network passes this on to its packet observers.
 */
@FunctionalInterface
public interface RuleListener {
  void ruleTook(FaultChain chain, FaultRule rule, Packet packet);
}
