-- Greenlight: each node's audit log, copied record by record (docs/scale-out.md).
-- The node's own log is the system of record; these rows are a copy that can be checked against
-- itself: `line` holds each record's exact bytes, so every hash can be recomputed here.

-- One row per log (per node's chain), named by the hash of its first record.
CREATE TABLE greenlight_logs (
    log_id       char(64)    PRIMARY KEY,
    node         text        NOT NULL,
    -- the highest seq stored; the shipper stores a log's records in order, so 1..shipped_seq are all here
    shipped_seq  bigint      NOT NULL DEFAULT 0,
    shipped_hash char(64),
    first_seen   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE greenlight_records (
    log_id        char(64)    NOT NULL REFERENCES greenlight_logs (log_id),
    seq           bigint      NOT NULL,
    type          text        NOT NULL,
    hash          char(64)    NOT NULL,
    -- the record's line exactly as in the log, without the newline
    line          bytea       NOT NULL,
    -- decision records: the decision's; review records: the reviewed decision's
    decision_id   text,
    submission_id text,
    -- decision records: the submitter id as recorded; review records: the reviewer
    submitter     text,
    verdict       text,
    -- decidedAt, reviewedAt, or the checkpoint's at
    recorded_at   timestamptz,
    -- the line as jsonb, for queries; null for the rare record jsonb cannot hold (a \u0000 or a lone surrogate in a string)
    body          jsonb,
    PRIMARY KEY (log_id, seq)
);

CREATE INDEX greenlight_records_decision ON greenlight_records (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX greenlight_records_submission ON greenlight_records (submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX greenlight_records_submitter ON greenlight_records (submitter) WHERE submitter IS NOT NULL;
CREATE INDEX greenlight_records_time ON greenlight_records (recorded_at);
CREATE INDEX greenlight_records_type_verdict ON greenlight_records (type, verdict);

-- jsonb for a record whose line has \u escapes: NULL where jsonb refuses the text (a \u0000, a lone
-- surrogate), so that one odd record never stops shipping; its exact bytes are in `line` regardless.
CREATE FUNCTION greenlight_jsonb(line bytea) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN convert_from(line, 'UTF8')::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;
