/**
 * The review desk over HTTP: {@link dev.greenlight.bench.desk.DeskHttpBench}, claim-next, decide and
 * the decision view with 100,000 open cases (issue 14's benchmark); and its cases on PostgreSQL:
 * {@link dev.greenlight.bench.desk.PgClaimBench}, claim-next with 1,000,000 open cases. Programs
 * that print figures, not timed tests.
 */
package dev.greenlight.bench.desk;
