-- Greenlight: cheaper storage of shipped records (docs/scale-out.md, "How fast shipping is").
-- Most of PostgreSQL's work per shipped record is making `body` (jsonb) and compressing the two large
-- columns (`line`, `body`: a record is a few KB) with the default pglz. Where the server has lz4
-- (PostgreSQL 14 or later built --with-lz4, as the PGDG packages are), lz4 compresses nearly as well
-- for much less CPU; rows stored before keep their compression. Older servers, and servers without
-- lz4, keep pglz: nothing changes there.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'ALTER TABLE greenlight_records ALTER COLUMN line SET COMPRESSION lz4, '
             || 'ALTER COLUMN body SET COMPRESSION lz4';
    END IF;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: greenlight_records stays compressed with pglz';
END;
$$;
