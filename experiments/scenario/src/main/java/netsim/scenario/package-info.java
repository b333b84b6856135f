/**
 * The experiment layer's root: what every part of an experiment shares, such as netsim's version.
 */
@NullMarked
package netsim.scenario;

import org.jspecify.annotations.NullMarked;
