-- Job boards (issue: scraper sources). The same job on several boards shares one dedupe_key
-- (a content fingerprint match), and every chart counts uniqExact(dedupe_key), so it counts once.
ALTER TABLE raw_ads ADD COLUMN IF NOT EXISTS dedupe_key String DEFAULT ad_id;
ALTER TABLE ads ADD COLUMN IF NOT EXISTS dedupe_key String DEFAULT ad_id;
ALTER TABLE ad_skills ADD COLUMN IF NOT EXISTS dedupe_key String DEFAULT ad_id;

-- Content fingerprints of board ads: a key of normalised company + title + location, and a
-- MinHash signature of the description's word shingles to confirm a match.
CREATE TABLE IF NOT EXISTS ad_fingerprints
(
    fp_key String,
    ad_id String,
    dedupe_key String,
    source LowCardinality(String),
    minhash Array(UInt32),
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY (fp_key, ad_id);

-- Whether an ad is still on its board: seen, and closed when a listing no longer has it.
CREATE TABLE IF NOT EXISTS ad_presence
(
    source_key String,
    ad_id String,
    first_seen_at DateTime64(3, 'UTC'),
    last_seen_at DateTime64(3, 'UTC'),
    closed_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (source_key, ad_id);

-- Health of each configured source, one row per scrape (the newest wins).
CREATE TABLE IF NOT EXISTS source_health
(
    source_key String,
    kind LowCardinality(String),
    ads_seen UInt32,
    ads_new UInt32,
    ads_closed UInt32,
    total_seen UInt64,
    last_success_at Nullable(DateTime64(3, 'UTC')),
    last_error String,
    last_error_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY source_key;
