/**
 * The {@code greenlight} command line: one class per subcommand, each returning an exit code
 * ({@link dev.greenlight.cli.ExitCodes}) and printing through its command's writers, so tests run
 * commands in-process with {@code StringWriter}s.
 */
package dev.greenlight.cli;
