/**
 * The audit log, Greenlight's system of record: decisions and reviews as hash-chained JSON lines
 * in segment files, durable before {@code decide} returns (group commit by default), recovered on
 * open, with signed checkpoints, redaction before writing, and a verifier that names the first bad
 * record. Start at {@link dev.greenlight.audit.AuditLog} and {@link dev.greenlight.audit.AuditConfig};
 * the format is in {@link dev.greenlight.audit.AuditRecordFormat} and the README ("Audit log").
 */
package dev.greenlight.audit;
