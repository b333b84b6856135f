/**
 * Experiment files: YAML read with line and column kept, bound through tables of settings (key,
 * parser, setter, doc) into the model's builders and the experiment's settings, validated with
 * errors that name file, line, column and field, and the built-in scenarios.
 */
@NullMarked
package netsim.scenario.config;

import org.jspecify.annotations.NullMarked;
