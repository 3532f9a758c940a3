-- One crawl-state table for every source (issue: architecture §3). A unit is what a source is
-- read in: a Hacker News thread, a board's listing. Per unit: status, pages read and failed,
-- how many ads the source listed (expected) and how many are stored, the last error, attempts
-- and when it is due again (a failed unit is retried with backoff; a done one revisited or never).
CREATE TABLE IF NOT EXISTS crawl_state
(
    source String,
    kind LowCardinality(String),
    unit String,
    label String,
    unit_created_at DateTime('UTC'),
    status LowCardinality(String),
    pages UInt32,
    pages_failed UInt32,
    expected UInt32,
    stored UInt32,
    error String,
    error_at Nullable(DateTime64(3, 'UTC')),
    attempts UInt32,
    next_run_at Nullable(DateTime64(3, 'UTC')),
    last_success_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (source, unit);

-- Hacker News threads recorded before this table (crawl_tasks stays, read-only). Copied rows keep
-- their updated_at, so a copy never wins over a newer state and running this twice is harmless.
-- Unfinished threads are due at once; finished threads younger than 45 days are revisited.
INSERT INTO crawl_state
SELECT source, source, ref, label, ref_created_at, status, pages,
       if(status = 'failed', 1, 0), items, items, error,
       if(status = 'failed', updated_at, NULL), if(status = 'failed', greatest(failures, 1), 0),
       if(status != 'done' OR ref_created_at > now() - INTERVAL 45 DAY, updated_at, NULL),
       if(status = 'done', updated_at, NULL), updated_at
FROM crawl_tasks FINAL;
