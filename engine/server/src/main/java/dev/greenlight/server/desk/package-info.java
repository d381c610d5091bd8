/**
 * The review desk over HTTP JSON (docs/contract.md §7): the routes {@code /v1/cases…},
 * {@code GET /v1/decisions/{id}} and {@code GET /v1/queues} in front of a
 * {@link dev.greenlight.desk.ReviewDesk}, the per-user bearer tokens that authenticate reviewers,
 * and the desk's Prometheus meters. {@link dev.greenlight.server.desk.DeskRoutes} is what
 * {@link dev.greenlight.server.GreenlightServer} mounts; it knows nothing of Jetty, so it answers
 * with plain {@link dev.greenlight.server.desk.DeskAnswer}s that the server writes.
 */
package dev.greenlight.server.desk;
