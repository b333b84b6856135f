package netsim.scenario.config;

import netsim.net.fault.FaultAction;
import netsim.net.fault.Match;
import netsim.net.fault.Selection;

/**
 * A targeted fault rule at a link direction ({@code on: "client->server"}) or a node ({@code on:
 * client}), with its match, selection and action already checked and built.
 *
 * @param link the link's name when {@code on} is a link direction, else null
 * @param aToB for a link direction, whether it runs from the link's a to its b
 * @param node the node's name when {@code on} is a node, else null
 * @param releaseAt for a hold: the virtual time its packets are released, or -1 for never
 * @param continues whether the packets it takes go on through the later rules (key {@code
 *     continue})
 */
public record RuleSettings(
    String name,
    String on,
    String link,
    boolean aToB,
    String node,
    Match match,
    Selection selection,
    FaultAction action,
    long releaseAt,
    boolean continues) {}
