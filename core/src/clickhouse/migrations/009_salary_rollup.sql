-- Salary rollup (issue 9): one narrow row per ad copy that states a salary, with what the salary
-- charts read (annual USD midpoint, permanent or contract, every skill the ad names or implies) and
-- the filter facets, maintained on write by a materialized view on `ads` like the rollups of 006.
-- The salary queries read ~a third of the ads' rows, a few columns, without FINAL.
-- Same life cycle as rollup_ads / rollup_skills (state, rebuild, repair of stale months, drop of
-- superseded versions): owner core/src/tables/rollups.ts; design docs/ARCHITECTURE.md, "Rollups".

CREATE TABLE IF NOT EXISTS rollup_salaries
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
    job UInt64,
    employment LowCardinality(String),
    usd Float64,
    skills Array(LowCardinality(String))
)
ENGINE = ReplacingMergeTree
PARTITION BY extractor_version
-- Every column in the key: only identical rows (re-runs) collapse, never two copies of a job that
-- differ in anything the salary queries read.
ORDER BY (posted_day, source, job, employment, usd, country, work_mode, seniority, role_family,
          employment_type, industries, skills);

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_salaries_mv TO rollup_salaries AS
SELECT extractor_version, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key) AS job,
       if(employment_type = 'contract' OR salary_kind = 'day_rate', 'contract', 'permanent') AS employment,
       ifNull((salary_annual_min_usd + if(salary_annual_max_usd > 0, salary_annual_max_usd, salary_annual_min_usd)) / 2, 0) AS usd,
       skills
FROM ads
WHERE salary_annual_min_usd > 0;

-- Rows stored before the view existed (current rows only; a row caught by both is harmless).
INSERT INTO rollup_salaries
SELECT extractor_version, posted_day, source, country, work_mode, seniority, role_family,
       employment_type, industries, sipHash64(dedupe_key),
       if(employment_type = 'contract' OR salary_kind = 'day_rate', 'contract', 'permanent'),
       ifNull((salary_annual_min_usd + if(salary_annual_max_usd > 0, salary_annual_max_usd, salary_annual_min_usd)) / 2, 0),
       skills
FROM ads FINAL
WHERE salary_annual_min_usd > 0;
