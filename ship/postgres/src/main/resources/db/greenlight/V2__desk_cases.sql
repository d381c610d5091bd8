-- Greenlight: the review desk's cases, shared by every `serve` node (docs/scale-out.md).
-- Derived data: the nodes' audit logs (the chains) stay the system of record; every row here can be
-- rebuilt from them (claims aside, which are not recorded). One row per case; PgCaseStore reads and
-- writes it (dev.greenlight.desk.spi.CaseStore is the contract).

CREATE TABLE desk_case (
    -- "C": ids, and the queue order's last key, compare byte by byte as in Java, whatever the database's locale
    case_id        text COLLATE "C" PRIMARY KEY,
    decision_id    text        NOT NULL,
    submission_id  text        NOT NULL,
    queue          text        NOT NULL CHECK (queue IN ('REVIEW', 'LEAD', 'APPEAL')),
    -- a CLAIMED row whose lease_until has passed reads as OPEN (its version one higher) until claimed or updated
    state          text        NOT NULL CHECK (state IN ('OPEN', 'CLAIMED', 'CLOSED')),
    priority       integer     NOT NULL,
    -- instants as nanoseconds since 1970-01-01T00:00Z: the desk's clock has nanoseconds and timestamptz
    -- keeps microseconds, and a case must read back exactly as stored
    -- (for people: to_timestamp(opened_at / 1e9))
    opened_at      bigint      NOT NULL,
    due_at         bigint      NOT NULL,
    version        bigint      NOT NULL,
    claimed_by     text,
    lease_until    bigint,
    -- set exactly when the case is decided (CLOSED); an undecided case has none
    final_verdict  text CONSTRAINT desk_case_verdict_only_when_closed CHECK (final_verdict IS NULL OR state = 'CLOSED'),
    area           text        NOT NULL DEFAULT '',
    decided_by     text,
    -- where the decision the case stands for is recorded (dev.greenlight.desk.spi.CaseOrigin), so that
    -- any node can show it: the chain's log id, the record's seq and hash, and its exact bytes
    origin_log     char(64),
    decision_seq   bigint,
    decision_hash  char(64),
    decision_line  bytea
)
-- room on each page for a claim's new row version next to the old: a claim or release changes no
-- indexed column (the partial indexes test final_verdict, not state), so PostgreSQL updates the row
-- in place (HOT) without touching any index
WITH (fillfactor = 80);

-- claim-next: undecided cases of a queue in queue order, read from the front. "Undecided" is
-- final_verdict IS NULL here (queries add state <> 'CLOSED'): a predicate on state would make
-- every claim and release write to every index
CREATE INDEX desk_case_claim_order ON desk_case (queue, priority DESC, opened_at, case_id) WHERE final_verdict IS NULL;
-- a new ESCALATE decision joins the undecided case of its submission; a rebuild, or a retry after the
-- database was down, also looks at its closed cases (bySubmission): one index for both, closed rows too
CREATE INDEX desk_case_submission ON desk_case (submission_id);
CREATE INDEX desk_case_decision ON desk_case (decision_id);
-- lists of a queue's cases in any state (closed ones pile up): read in order, not sorted. A decide
-- writes to it; a claim or release does not (no indexed column changes)
CREATE INDEX desk_case_queue_order ON desk_case (queue, priority DESC, opened_at, case_id);
