/**
 * Plugin hosting: loads PF4J plugins from a directory, starts their extensions with their settings,
 * runs signal providers in parallel under a deadline, and turns every failure (load, start, throw,
 * hang, garbage) into evidence that escalates the decision. {@link dev.greenlight.host.PluginStatus}
 * is what {@code greenlight plugins} shows.
 */
package dev.greenlight.host;
