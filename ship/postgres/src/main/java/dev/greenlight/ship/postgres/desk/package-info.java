/**
 * The review desk's cases on PostgreSQL ({@link dev.greenlight.ship.postgres.desk.PgCaseStore}), so
 * that several {@code serve} nodes share one queue: claims are row locks taken with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, updates hold the case's row lock while the desk writes its
 * audit record. The rows are derived: each node's audit log stays the system of record
 * (docs/scale-out.md).
 */
package dev.greenlight.ship.postgres.desk;
