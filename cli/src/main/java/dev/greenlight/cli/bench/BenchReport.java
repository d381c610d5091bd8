package dev.greenlight.cli.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code greenlight bench} prints at the end. Immutable.
 *
 * @param rulesSource    where the rules came from ({@code generated}, a directory, the shipped pack)
 * @param rulesVersion   the ruleset version the engine decided with
 * @param ruleCount      how many rules
 * @param buildMillis    how long building one engine took
 * @param corpus         what was decided, in words
 * @param plugins        each plugin's id and state
 * @param measured       the rounds' figures
 * @param baselineAgrees whether bare Drools cast the engine's votes; null without a baseline
 * @param logFile        the audit log; null without one
 * @param recordBytes    the mean length of the log's records; 0 without a log
 * @param reload         the live reload's figures; null without one
 */
public record BenchReport(String rulesSource, String rulesVersion, int ruleCount, double buildMillis, String corpus,
                          List<String> plugins, Rounds.Measured measured, Boolean baselineAgrees, Path logFile,
                          int recordBytes, LiveReload.Reloaded reload) {
}
