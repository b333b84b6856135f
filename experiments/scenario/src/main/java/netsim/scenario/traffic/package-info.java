/**
 * Traffic models of an experiment: UDP sources (constant bit rate, on/off, Poisson), finite TCP
 * flows whose sizes come from a distribution, and the arrival processes that start them.
 */
@NullMarked
package netsim.scenario.traffic;

import org.jspecify.annotations.NullMarked;
