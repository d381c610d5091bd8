/**
 * Greenlight's HTTP JSON service, for JVM hosts that embed it and for {@code greenlight serve}:
 * {@link dev.greenlight.server.GreenlightServer} in front of one
 * {@link dev.greenlight.engine.Greenlight} engine, on Jetty 12's core handlers, with bearer-token
 * authentication, rate and size limits, RFC 9457 problem documents, Prometheus metrics, health
 * checks and a graceful shutdown; with a review desk, its JSON routes for reviewers
 * ({@link dev.greenlight.server.desk}). Start one with
 * {@code GreenlightServer.builder(engine)...build().start()}; the routes and options are in
 * {@code engine/server/README.md}. Logs through SLF4J only.
 */
package dev.greenlight.server;
