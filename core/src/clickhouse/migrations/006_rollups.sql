-- Rollups (issue 9): daily distinct-ad states per filter facets, maintained on write by materialized
-- views on `ads`, so the analytics read thousands of pre-aggregated rows instead of every ad.
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

-- Two grains of daily distinct-job states (uniqExactState of sipHash64(dedupe_key)), each for all
-- ads and per named skill. Partitioned by extractor version, so a superseded extraction is dropped
-- whole once every ad has the new one.
--
-- Per day and source: what the unfiltered dashboard asks (dates, sources, categories); few rows.
CREATE TABLE IF NOT EXISTS rollup_ads_daily
(
    extractor_version UInt32,
    source LowCardinality(String),
    posted_day Date,
    ads AggregateFunction(uniqExact, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY extractor_version
ORDER BY (source, posted_day);

CREATE TABLE IF NOT EXISTS rollup_skills_daily
(
    extractor_version UInt32,
    skill LowCardinality(String),
    source LowCardinality(String),
    posted_day Date,
    ads AggregateFunction(uniqExact, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY extractor_version
ORDER BY (skill, source, posted_day);

-- Per day and every filter facet: filtered questions and breakdowns. An ad with several industries
-- has a row per industry ('' for none); the states count each job once all the same.
CREATE TABLE IF NOT EXISTS rollup_ads_facets_daily
(
    extractor_version UInt32,
    source LowCardinality(String),
    country LowCardinality(String),
    work_mode LowCardinality(String),
    seniority LowCardinality(String),
    role_family LowCardinality(String),
    employment_type LowCardinality(String),
    industry LowCardinality(String),
    posted_day Date,
    ads AggregateFunction(uniqExact, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY extractor_version
ORDER BY (source, country, work_mode, seniority, role_family, employment_type, industry, posted_day);

-- The same per named skill.
CREATE TABLE IF NOT EXISTS rollup_skills_facets_daily
(
    extractor_version UInt32,
    skill LowCardinality(String),
    source LowCardinality(String),
    country LowCardinality(String),
    work_mode LowCardinality(String),
    seniority LowCardinality(String),
    role_family LowCardinality(String),
    employment_type LowCardinality(String),
    industry LowCardinality(String),
    posted_day Date,
    ads AggregateFunction(uniqExact, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY extractor_version
ORDER BY (skill, source, country, work_mode, seniority, role_family, employment_type, industry, posted_day);

-- Whether the rollups hold every current ad ('ready') or are being rebuilt ('building'); the
-- query layer reads rollups only when ready. The newest row wins.
CREATE TABLE IF NOT EXISTS rollup_state
(
    name String,
    status LowCardinality(String),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY name;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_ads_daily_mv TO rollup_ads_daily AS
SELECT extractor_version, source, posted_day, uniqExactState(sipHash64(dedupe_key)) AS ads
FROM ads GROUP BY extractor_version, source, posted_day;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_skills_daily_mv TO rollup_skills_daily AS
SELECT extractor_version, skill, source, posted_day, uniqExactState(sipHash64(dedupe_key)) AS ads
FROM ads ARRAY JOIN named_skills AS skill GROUP BY extractor_version, skill, source, posted_day;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_ads_facets_daily_mv TO rollup_ads_facets_daily AS
SELECT extractor_version, source, country, work_mode, seniority, role_family, employment_type,
       industry, posted_day, uniqExactState(sipHash64(dedupe_key)) AS ads
FROM ads ARRAY JOIN if(empty(industries), [''], industries) AS industry
GROUP BY extractor_version, source, country, work_mode, seniority, role_family, employment_type,
         industry, posted_day;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_skills_facets_daily_mv TO rollup_skills_facets_daily AS
SELECT extractor_version, skill, source, country, work_mode, seniority, role_family, employment_type,
       industry, posted_day, uniqExactState(sipHash64(dedupe_key)) AS ads
FROM ads ARRAY JOIN named_skills AS skill ARRAY JOIN if(empty(industries), [''], industries) AS industry
GROUP BY extractor_version, skill, source, country, work_mode, seniority, role_family, employment_type,
         industry, posted_day;

-- Rows stored before the views existed (the views catch every insert from now on; a row caught by
-- both is harmless, the states count distinct jobs). Only each ad's current row.
INSERT INTO rollup_ads_daily
SELECT extractor_version, source, posted_day, uniqExactState(sipHash64(dedupe_key))
FROM ads FINAL GROUP BY extractor_version, source, posted_day;

INSERT INTO rollup_skills_daily
SELECT extractor_version, skill, source, posted_day, uniqExactState(sipHash64(dedupe_key))
FROM ads FINAL ARRAY JOIN named_skills AS skill GROUP BY extractor_version, skill, source, posted_day;

INSERT INTO rollup_ads_facets_daily
SELECT extractor_version, source, country, work_mode, seniority, role_family, employment_type,
       industry, posted_day, uniqExactState(sipHash64(dedupe_key))
FROM ads FINAL ARRAY JOIN if(empty(industries), [''], industries) AS industry
GROUP BY extractor_version, source, country, work_mode, seniority, role_family, employment_type,
         industry, posted_day;

INSERT INTO rollup_skills_facets_daily
SELECT extractor_version, skill, source, country, work_mode, seniority, role_family, employment_type,
       industry, posted_day, uniqExactState(sipHash64(dedupe_key))
FROM ads FINAL ARRAY JOIN named_skills AS skill ARRAY JOIN if(empty(industries), [''], industries) AS industry
GROUP BY extractor_version, skill, source, country, work_mode, seniority, role_family, employment_type,
         industry, posted_day;

INSERT INTO rollup_state VALUES ('rollups', 'ready', now64(3));
