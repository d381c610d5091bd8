/**
 * The review desk (docs/contract.md §7): {@link dev.greenlight.desk.ReviewDesk} turns every ESCALATE
 * decision into a {@link dev.greenlight.desk.Case} in a {@link dev.greenlight.desk.Queue}, hands cases
 * out with a lease, records each reviewer's decision and each artist's appeal as a chained audit
 * record, and rebuilds its queues from the audit log on open. Guide: engine/README.md, "Review desk".
 */
package dev.greenlight.desk;
