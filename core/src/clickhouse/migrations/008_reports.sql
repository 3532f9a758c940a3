-- Issue 11: API keys and agency reports. Each row is rewritten whole on change and the newest
-- version wins (ReplacingMergeTree on `version`, a per-process monotonic number of microseconds,
-- so two changes within one millisecond still order). Nothing is ever deleted in place: a
-- revoked key keeps its row with revoked_at, a deleted report its row with deleted = 1.

-- API keys: only the SHA-256 of the secret is stored; `id` is the public part of the key.
CREATE TABLE IF NOT EXISTS api_keys
(
    id String,
    name String,
    key_hash String,
    scopes Array(LowCardinality(String)),
    created_at DateTime64(3, 'UTC'),
    revoked_at Nullable(DateTime64(3, 'UTC')),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Report definitions: the definition as JSON (validated by the zod contract on the way in and out).
CREATE TABLE IF NOT EXISTS report_definitions
(
    id String,
    definition String CODEC(ZSTD(3)),
    deleted UInt8,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Report runs: the run (definition snapshot, period, status, files listed, delivery log) as JSON,
-- the slot it was scheduled for (the scheduler's memory of what ran) and the share-link nonce
-- (empty: not shared; a new nonce voids every earlier link).
CREATE TABLE IF NOT EXISTS report_runs
(
    id String,
    report_id String,
    period_label String,
    status LowCardinality(String),
    trigger LowCardinality(String),
    scheduled_for Nullable(DateTime64(3, 'UTC')),
    run String CODEC(ZSTD(3)),
    share_nonce String,
    created_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (report_id, id);

-- A run's files, one row per run and format, base64 (PDF bytes travel in JSON rows): the rendered
-- formats and `document`, the report's numbers as built, so an old run is downloaded again (and
-- re-rendered if need be) with the same numbers as when it was sent.
CREATE TABLE IF NOT EXISTS report_files
(
    run_id String,
    format LowCardinality(String),
    content String CODEC(ZSTD(3)),
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY (run_id, format);
