/**
 * What compiling and checking a rule set reports: {@link dev.greenlight.ruleset.RuleProblem} (an
 * error or warning at a file, line and column, or a decision table's sheet and cell) and
 * {@link dev.greenlight.ruleset.RuleCompilationException} (a rule set that cannot be used). Below
 * both the engine and its internals, which produce them.
 */
package dev.greenlight.ruleset;
