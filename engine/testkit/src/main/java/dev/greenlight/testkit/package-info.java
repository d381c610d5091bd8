/**
 * What tests and measurements of Greenlight are built with, in one place for the CLI's, the
 * server's, the rules' tests and the benchmarks:
 * <ul>
 *   <li>{@link dev.greenlight.testkit.RuleGenerator} and {@link dev.greenlight.testkit.CorpusGenerator}:
 *       rule sets and submissions (with the signals plugins would give) of any size, generated from a
 *       seed, that look like real moderation traffic;</li>
 *   <li>{@link dev.greenlight.testkit.BareDrools}: the same rules over the same facts in plain Drools,
 *       the floor the engine is measured against;</li>
 *   <li>{@link dev.greenlight.testkit.PluginJars}: real PF4J plugin jars built in a test directory;</li>
 *   <li>{@link dev.greenlight.testkit.Submissions}: valid submissions to vary, as objects or JSON;</li>
 *   <li>{@link dev.greenlight.testkit.RecordingSink} and {@link dev.greenlight.testkit.RecordedDecisions}:
 *       a decision sink plugin that records what it is given, and the reading of what it recorded.</li>
 * </ul>
 * Nothing here takes part in deciding. It depends on {@code greenlight-engine}, so the engine's own
 * tests cannot use it; every other module can.
 */
package dev.greenlight.testkit;
