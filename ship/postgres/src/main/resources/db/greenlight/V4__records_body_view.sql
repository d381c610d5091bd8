-- Greenlight: the records' jsonb for queries without storing it (docs/scale-out.md, "Queries of your own").
-- Making and storing `body` for every shipped record is most of PostgreSQL's work a record, so the
-- shipper leaves `body` NULL unless told to store it (serve --ship-db-body stored). Queries read the
-- view greenlight_records_json instead: its `body` is the stored jsonb where there is one, else the
-- jsonb made from `line` as the row is read, so it is the same on every row whichever way it was shipped.

-- The line as jsonb: the plain cast for a line without \u escapes (no subtransaction, so cheap per
-- row), greenlight_jsonb (NULL where jsonb refuses the text) for the rare line with them. Immutable,
-- so an expression index may use it (the recipe in docs/scale-out.md).
CREATE FUNCTION greenlight_body(line bytea) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN position('\x5c75'::bytea IN line) > 0 THEN greenlight_jsonb(line)
                ELSE convert_from(line, 'UTF8')::jsonb END
$$;

CREATE VIEW greenlight_records_json AS
SELECT log_id, seq, type, hash, line, decision_id, submission_id, submitter, verdict, recorded_at,
       coalesce(body, greenlight_body(line)) AS body
FROM greenlight_records;
