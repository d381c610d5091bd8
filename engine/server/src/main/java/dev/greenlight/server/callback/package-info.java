/**
 * Callbacks to the integrator: every final verdict recorded in the audit log (a reviewer's APPROVE
 * or REJECT, an appeal's outcome, and optionally a decision that needed no human) is POSTed, signed
 * with HMAC-SHA256, to one configured URL, at least once, in log order, from a durable cursor
 * (docs/contract.md §7; the integrator's guide is engine/server/CALLBACKS.md).
 *
 * <p>Public: {@link dev.greenlight.server.callback.CallbackConfig} (what to send where),
 * {@link dev.greenlight.server.callback.CallbackSignature} (signing and verifying, also for
 * receivers written in Java) and {@link dev.greenlight.server.callback.CallbackDelivery} (the
 * follower the server runs).
 */
package dev.greenlight.server.callback;
