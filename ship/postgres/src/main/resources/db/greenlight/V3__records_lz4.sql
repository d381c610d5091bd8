-- Greenlight: cheaper storage of shipped records (docs/scale-out.md, "How fast shipping is").
-- Records are a few KB, so PostgreSQL compresses the two large columns (`line`, `body`). With its
-- default, pglz, compressing `line` cost about half of PostgreSQL's CPU a shipped record, and kept
-- shipping below twice the node's decision rate on a shared machine. So:
--  * where the server has lz4 (PostgreSQL 14 or later built --with-lz4, as the PGDG packages are),
--    the columns are compressed with lz4: nearly pglz's size for a fraction of its CPU;
--  * elsewhere they are stored uncompressed (STORAGE EXTERNAL: still moved out of line, not
--    compressed): about 1.6 times the disk for about half the CPU. An operator who prefers pglz's
--    smaller table sets STORAGE EXTENDED back (docs/scale-out.md).
-- Rows stored before keep how they were stored.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        BEGIN
            EXECUTE 'ALTER TABLE greenlight_records ALTER COLUMN line SET COMPRESSION lz4, '
                 || 'ALTER COLUMN body SET COMPRESSION lz4';
            RETURN;
        EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
            NULL; -- built without lz4: fall through
        END;
    END IF;
    EXECUTE 'ALTER TABLE greenlight_records ALTER COLUMN line SET STORAGE EXTERNAL, '
         || 'ALTER COLUMN body SET STORAGE EXTERNAL';
    RAISE NOTICE 'this PostgreSQL has no lz4: greenlight_records stores line and body uncompressed';
END;
$$;
