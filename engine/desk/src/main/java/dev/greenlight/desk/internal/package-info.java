/**
 * The review desk's workings: the in-memory case store and its queue order and leases
 * ({@link dev.greenlight.desk.internal.MemoryCaseStore}), the transitions every record makes
 * ({@link dev.greenlight.desk.internal.CaseRules}), the rebuild from the audit log
 * ({@link dev.greenlight.desk.internal.LogRebuild}), the engine follower, and what the desk keeps of
 * each decision. Used by {@code dev.greenlight.desk.ReviewDesk} only: not an API.
 */
package dev.greenlight.desk.internal;
