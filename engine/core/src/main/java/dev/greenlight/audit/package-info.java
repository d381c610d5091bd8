/**
 * The audit log, Greenlight's system of record: one JSON line per decision, hash-chained, durable
 * before {@code decide} returns, and a verifier that names the first bad record. The format is
 * described in the README ("Audit log") and in {@link dev.greenlight.audit.AuditRecordFormat}.
 */
package dev.greenlight.audit;
