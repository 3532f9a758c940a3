-- Raw ads exactly as fetched, kept so a better extractor can re-read all history.
-- Looked up by source and id; a re-fetched ad replaces its row (newest fetched_at wins).
CREATE TABLE IF NOT EXISTS raw_ads
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
    fetched_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(fetched_at)
ORDER BY (source, ad_id);

-- One row per ad and extraction; the newest extraction wins. Charts count uniqExact(ad_id).
CREATE TABLE IF NOT EXISTS ads
(
    ad_id String,
    source LowCardinality(String),
    source_id String,
    thread_id String,
    url String,
    posted_at DateTime('UTC'),
    posted_day Date,
    company String,
    title String,
    seniority LowCardinality(String),
    work_mode LowCardinality(String),
    remote_region String,
    country LowCardinality(String),
    employment_type LowCardinality(String),
    role_family LowCardinality(String),
    industries Array(LowCardinality(String)),
    visa_sponsorship Nullable(UInt8),
    skills Array(LowCardinality(String)),
    salary_raw String,
    salary_min Nullable(Float64),
    salary_max Nullable(Float64),
    salary_currency LowCardinality(String),
    salary_period LowCardinality(String),
    salary_kind LowCardinality(String),
    salary_source LowCardinality(String),
    salary_annual_min_usd Nullable(Float64),
    salary_annual_max_usd Nullable(Float64),
    salary_confidence Float32,
    extractor_version UInt32,
    extracted_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(extracted_at)
ORDER BY (source, posted_day, ad_id);

-- One row per ad, skill and extractor version. Queries keep only the version that the ad's
-- newest row in `ads` names, so a re-extraction switches over without double counting.
CREATE TABLE IF NOT EXISTS ad_skills
(
    skill LowCardinality(String),
    posted_day Date,
    ad_id String,
    extractor_version UInt32,
    source LowCardinality(String),
    category LowCardinality(String),
    inferred UInt8,
    evidence Array(String),
    extracted_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(extracted_at)
ORDER BY (skill, posted_day, ad_id, extractor_version);

-- Crawl units (a Hacker News thread, later a job board) and their state; drives backfill
-- progress and lets a restart resume what was not finished.
CREATE TABLE IF NOT EXISTS crawl_tasks
(
    task_id String,
    source LowCardinality(String),
    ref String,
    label String,
    status LowCardinality(String),
    pages UInt32,
    items UInt32,
    error String,
    ref_created_at DateTime('UTC'),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (source, task_id);
