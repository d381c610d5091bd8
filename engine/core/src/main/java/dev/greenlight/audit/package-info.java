/**
 * The audit log, Greenlight's system of record: decisions and reviews as hash-chained JSON lines
 * in segment files, durable before {@code decide} returns (group commit by default), recovered on
 * open, with signed checkpoints, redaction before writing, and a verifier that names the first bad
 * record. Start at {@link dev.greenlight.audit.AuditLog} and {@link dev.greenlight.audit.AuditConfig};
 * the format is in {@link dev.greenlight.audit.AuditRecordFormat} and the README ("Audit log").
 *
 * <p>How a record is written, one job per class: {@code RecordContent} redacts ({@code Redactor}), then
 * writes each member once with the one canonical writer, {@code CanonicalJson} (the model's members
 * through {@code CanonicalModel}); {@code LogWriter} runs the commit loop (queue, group commit, the
 * failure that stops the log); {@code RecordEncoder} adds the envelope and the hash; {@code SegmentFiles}
 * writes and forces the segment, erasable and checkpoint files. Reading back: {@code LogScan} and
 * {@code RecordCheck} follow the chain, {@code RecordedModel} parses the content.
 */
package dev.greenlight.audit;
