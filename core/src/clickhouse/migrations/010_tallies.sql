-- Tallies (issue 9): the rollups collapsed to counts that add up, for the questions that filter and
-- group only by day, board and skill (the dashboard's default view). Two grains in each table: per
-- board (source = the board) and over all boards (source = ''). A job whose copies all fall in one
-- cell of a grain adds 1 to that cell's `jobs` (row with job = 0); a job with copies in several
-- cells keeps one row per cell with its hash (jobs = 0), counted with uniqExact. So a count is
-- `sum(jobs) + uniqExactIf(job, jobs = 0)`: exact, as the two sets of jobs never overlap. Built from
-- rollup_ads / rollup_skills (never by views: a new copy can turn a job of another month from one
-- cell to several), refreshed per month after writes; the query layer reads them only when no
-- change was recorded since their build. Owner: core/src/tables/tallies.ts; design
-- docs/ARCHITECTURE.md, "Tallies".

CREATE TABLE IF NOT EXISTS tally_ads
(
    posted_day Date,
    source LowCardinality(String),
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
-- By year: a month's refresh rewrites one year's parts, and a full build stays under the
-- partitions-per-insert limit. The grain (source) before the day: a question reads one grain.
PARTITION BY toYear(posted_day)
ORDER BY (source, posted_day, job);

CREATE TABLE IF NOT EXISTS tally_skills
(
    skill LowCardinality(String),
    posted_day Date,
    source LowCardinality(String),
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(posted_day)
ORDER BY (skill, source, posted_day, job);
