-- Tallies (issue 9): the rollups collapsed to counts that add up, for the questions that filter and
-- group only by day, board and skill (the dashboard's default view), in two grains, and per
-- breakdown facet value (tally_facets, over all boards).
-- Per board (source = the board): a job whose copies all fall in one (day, board) cell adds 1 to
-- that cell's `jobs` (row with job = 0); a job with copies in several cells keeps one row per cell
-- with its hash (jobs = 0), counted with uniqExact: `sum(jobs) + uniqExactIf(job, jobs = 0)`.
-- Over all boards (source = ''): a job's distinct copy days d1 < d2 < … each make a row (day,
-- prev_day = the previous one, 1970-01-01 for d1), summed per cell in `jobs` (job = 0): a count adds
-- the rows whose prev_day is not in the window and period of the row's day, so it stays exact with
-- sums alone (docs/ARCHITECTURE.md, "Tallies").
-- Built from rollup_ads / rollup_skills (never by views: a new copy can change a job's rows in
-- another month), refreshed per month after writes; the query layer reads them only when no
-- change was recorded since their build. Owner: core/src/tables/tallies.ts.

CREATE TABLE IF NOT EXISTS tally_ads
(
    posted_day Date,
    source LowCardinality(String),
    prev_day Date,
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
-- By year: a refresh drops the partitions of the years it touches and refills them (deleting a
-- month by mutation took seconds; monthly partitions made every query open ~250 parts). The grain
-- (source) before the day: a question reads one grain.
PARTITION BY toYear(posted_day)
ORDER BY (source, posted_day, prev_day, job);

CREATE TABLE IF NOT EXISTS tally_skills
(
    skill LowCardinality(String),
    posted_day Date,
    source LowCardinality(String),
    prev_day Date,
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(posted_day)
ORDER BY (skill, source, posted_day, prev_day, job);

-- Per breakdown facet and value (core/src/analytics/facet-sql.ts), over all boards only: the same
-- rows as tally_skills' all-boards grain with the facet's value in the skill's place (a job counts
-- under each value one of its copies has, once per period).
CREATE TABLE IF NOT EXISTS tally_facets
(
    facet LowCardinality(String),
    value LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(posted_day)
ORDER BY (facet, posted_day, value, prev_day);
