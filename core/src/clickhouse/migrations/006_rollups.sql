-- Rollups (issue 9): narrow, deduplicated copies of what the charts count, maintained on write by
-- materialized views on `ads`: one row per job copy (and per named skill) with its day, filter
-- facets and a 64-bit hash of the job (dedupe_key). Counting uniqExact(job) over them is exact
-- whatever repeats, and reads a few columns sorted by skill and day instead of `ads FINAL`.
-- Design and exactness rules: docs/ARCHITECTURE.md, "Rollups". Owner: core/src/tables/rollups.ts.

-- The skills an ad names (inferred parents such as Django → Python left out), on the `ads` row, so
-- the charts read one table. Rows written before this migration read `skills` until corrected below.
ALTER TABLE ads ADD COLUMN IF NOT EXISTS named_skills Array(LowCardinality(String)) DEFAULT skills;

-- Correct the stored rows that have inferred skills: re-insert them with the same extracted_at and
-- their named skills (ReplacingMergeTree keeps the last inserted of equal versions). Rows already
-- right are skipped, so running this again inserts nothing.
INSERT INTO ads
SELECT a.* REPLACE (arrayFilter(s -> NOT has(i.inferred_skills, s), a.skills) AS named_skills)
FROM ads AS a FINAL
INNER JOIN (SELECT ad_id, extractor_version, groupArray(skill) AS inferred_skills
            FROM ad_skills FINAL WHERE inferred = 1 GROUP BY ad_id, extractor_version) AS i
USING (ad_id, extractor_version)
WHERE a.named_skills != arrayFilter(s -> NOT has(i.inferred_skills, s), a.skills);

-- One row per ad copy: its day, facets and job hash. Partitioned by extractor version, so a
-- superseded extraction is dropped whole once every ad has the new one. Identical rows (re-runs)
-- collapse on merge; until then uniqExact(job) counts them once anyway.
CREATE TABLE IF NOT EXISTS rollup_ads
(
    extractor_version UInt32,
    posted_day Date,
    source LowCardinality(String),
    country LowCardinality(String),
    work_mode LowCardinality(String),
    seniority LowCardinality(String),
    role_family LowCardinality(String),
    employment_type LowCardinality(String),
    industries Array(LowCardinality(String)),
    job UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY extractor_version
ORDER BY (posted_day, source, job);

-- The same per named skill, sorted by skill so a question reads only the skills it asks.
CREATE TABLE IF NOT EXISTS rollup_skills
(
    extractor_version UInt32,
    skill LowCardinality(String),
    posted_day Date,
    source LowCardinality(String),
    country LowCardinality(String),
    work_mode LowCardinality(String),
    seniority LowCardinality(String),
    role_family LowCardinality(String),
    employment_type LowCardinality(String),
    industries Array(LowCardinality(String)),
    job UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY extractor_version
ORDER BY (skill, posted_day, source, job);

-- Whether the rollups hold every current ad ('ready') or are being rebuilt ('building'), and
-- months awaiting repair ('stale:YYYY-MM'); the query layer reads rollups only when ready.
CREATE TABLE IF NOT EXISTS rollup_state
(
    name String,
    status LowCardinality(String),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY name;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_ads_mv TO rollup_ads AS
SELECT extractor_version, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key) AS job
FROM ads;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_skills_mv TO rollup_skills AS
SELECT extractor_version, skill, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key) AS job
FROM ads ARRAY JOIN named_skills AS skill;

-- Rows stored before the views existed (the views catch every insert from now on; a row caught by
-- both is harmless). Only each ad's current row.
INSERT INTO rollup_ads
SELECT extractor_version, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key)
FROM ads FINAL;

INSERT INTO rollup_skills
SELECT extractor_version, skill, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key)
FROM ads FINAL ARRAY JOIN named_skills AS skill;

INSERT INTO rollup_state VALUES ('rollups', 'ready', now64(3));
