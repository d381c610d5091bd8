/**
 * The review desk over HTTP: {@link dev.greenlight.bench.desk.DeskHttpBench}, claim-next, decide and
 * the decision view with 100,000 open cases (issue 14's benchmark). A program that prints figures,
 * not a timed test.
 */
package dev.greenlight.bench.desk;
