-- raw_ads again, read in granules of ~256 KB instead of 8,192 rows (issue 9). A page of ad search
-- shows a snippet of each of its 20 ads' text, so it looks up 20 payloads by key; the engine reads
-- whole granules, and a granule of 8,192 ads held ~10 MB of text at ~1.2 KB per ad: 20 lookups
-- decompressed ~170 MB (60-75 ms at 1M synthetic ads, 139 granules in all). With granules capped
-- at 256 KB (~200 ads here, fewer for longer real ads) the same lookups took 14-15 ms; 64 KB took
-- 11-14 ms and 1 MB 17-22 ms (one table of each, filled from the same 1M rows, timed in turn).
-- The smaller blocks compress a little worse: 112 MB against 104 MB.
-- The granule size of an existing table cannot be changed (the engine refuses: readonly), so the
-- rows move to a new table: raw_ads_v2, which every reader and writer now names.
-- Nothing is lost on the way, whatever writes meanwhile: the view below is made before the rows
-- are copied and sends every later insert into raw_ads (a process still on the previous code) to
-- raw_ads_v2, so when the copy ends raw_ads_v2 holds every row raw_ads holds, and raw_ads is
-- emptied. Two processes migrating at once both copy; a row that lands twice is the same fetch of
-- the same ad (equal fetched_at), which the readers and merges keep once. raw_ads stays, empty, with
-- its view, so a process migrating at the same time never meets a missing table.
-- The copy runs at start, before serving: 3.5 s at 1M synthetic ads, ~35 s at 10M (2 cores).
CREATE TABLE IF NOT EXISTS raw_ads_v2
(
    ad_id String,
    source LowCardinality(String),
    source_id String,
    thread_id String,
    url String,
    posted_at DateTime('UTC'),
    date_source LowCardinality(String),
    payload_format LowCardinality(String),
    payload String CODEC(ZSTD(3)),
    content_hash UInt64,
    fetched_at DateTime64(3, 'UTC'),
    dedupe_key String DEFAULT ad_id
)
ENGINE = ReplacingMergeTree(fetched_at)
ORDER BY (source, ad_id)
SETTINGS index_granularity_bytes = 262144;

CREATE MATERIALIZED VIEW IF NOT EXISTS raw_ads_to_v2 TO raw_ads_v2 AS
SELECT ad_id, source, source_id, thread_id, url, posted_at, date_source, payload_format, payload,
       content_hash, fetched_at, dedupe_key
FROM raw_ads;

INSERT INTO raw_ads_v2 (ad_id, source, source_id, thread_id, url, posted_at, date_source,
                        payload_format, payload, content_hash, fetched_at, dedupe_key)
SELECT ad_id, source, source_id, thread_id, url, posted_at, date_source, payload_format, payload,
       content_hash, fetched_at, dedupe_key
FROM raw_ads;

TRUNCATE TABLE raw_ads;
