-- Greenlight: cheaper storage of shipped records (docs/scale-out.md, "Throughput").
-- Most of PostgreSQL's work per shipped record is making `body` (jsonb) and compressing the two large
-- columns (`line`, `body`: a record is a few KB) with the default pglz. Where the server is built
-- with lz4 (PostgreSQL 14 or later, --with-lz4, as the PGDG packages are), lz4 compresses about as
-- well for much less CPU; rows stored before keep their compression. Servers without lz4 keep pglz:
-- nothing changes there.
DO $$
BEGIN
    ALTER TABLE greenlight_records ALTER COLUMN line SET COMPRESSION lz4;
    ALTER TABLE greenlight_records ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: greenlight_records stays compressed with pglz';
END;
$$;
