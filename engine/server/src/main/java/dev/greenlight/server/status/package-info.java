/**
 * The artists' side of the review desk (docs/contract.md §7): status tokens
 * ({@link dev.greenlight.server.status.StatusTokens}, an HMAC capability per decision under a server
 * secret, revocable), what an artist may see of a decision
 * ({@link dev.greenlight.server.status.StatusView}), and the pages, JSON and appeals that need no
 * sign-in ({@link dev.greenlight.server.status.StatusWeb}, templates under {@code src/main/jte/status}).
 * The integrators' guide is engine/server/CALLBACKS.md.
 */
package dev.greenlight.server.status;
