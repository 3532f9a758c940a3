-- The four small tallies in one partition (issue 9): tally_ads, tally_facets, tally_skill_periods
-- and tally_skill_facet_periods, which answer the long windows (trends over all years, their totals,
-- breakdowns), were partitioned by year like the others, so a question over ten years read at least
-- eleven parts, and the embedded engine spends close to a millisecond of CPU on each part a query
-- reads, whatever the rows. The weekly series of 20 skills over ten years at 1M ads (24k rows)
-- took 24 ms of CPU from the eleven year parts and 15 ms from one part holding the same rows. The
-- weekly trends of 20 skills, in-process medians on a copy of the same store, three alternations
-- each: 35-42 ms instead of 41-51 without a filter, 40-43 instead of 43-54 under Europe + remote,
-- 38-47 instead of 46-58 under senior + remote.
-- The gain needs one part, not the handful a build leaves (2-7 at 1M ads, which the engine's merge
-- choice keeps: then the weekly trends under Europe + remote were no faster): parts older than a
-- minute are merged into one in the background (min_age_to_force_merge_seconds), as they were
-- within 40 s at 1M.
-- Without partitions a refresh removes a year's rows by a mutation (tallies.ts, `YEAR_ROWS`)
-- instead of dropping its partition. These tables are the small ones (at 10M ads 0.5M to 37M rows,
-- 2-148 MB): removing a year from the largest took 4.3 s at 10M ads and refilling it 0.8 s, against
-- the ~80 s a year's refill takes over all the tallies; merging it back into one part, in the
-- background, ~20 s (its 37M rows from a dozen parts at 10M ads). The large tallies
-- (pairs, salaries, skill splits: 100M+ rows at 10M, read over a window's one or two years) keep
-- their yearly partitions, dropped in an instant.
-- A table's partitioning cannot change in place; these tables hold only what the rollups give
-- again, so they are dropped and made anew. First the tallies are marked as a full build left
-- open: readers leave them (for the rollups, same numbers) until the next refresh has rebuilt them.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));

DROP TABLE IF EXISTS tally_ads;

CREATE TABLE IF NOT EXISTS tally_ads
(
    posted_day Date,
    source LowCardinality(String),
    prev_day Date,
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
ORDER BY (source, posted_day, prev_day, job)
SETTINGS min_age_to_force_merge_seconds = 60;

DROP TABLE IF EXISTS tally_facets;

CREATE TABLE IF NOT EXISTS tally_facets
(
    facet LowCardinality(String),
    value LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32
)
ENGINE = MergeTree
ORDER BY (facet, value, posted_day, prev_day)
SETTINGS min_age_to_force_merge_seconds = 60;

DROP TABLE IF EXISTS tally_skill_periods;

CREATE TABLE IF NOT EXISTS tally_skill_periods
(
    grain LowCardinality(String),
    skill LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32,
    year UInt16
)
ENGINE = MergeTree
ORDER BY (grain, skill, posted_day, prev_day)
SETTINGS min_age_to_force_merge_seconds = 60;

DROP TABLE IF EXISTS tally_skill_facet_periods;

CREATE TABLE IF NOT EXISTS tally_skill_facet_periods
(
    grain LowCardinality(String),
    facet LowCardinality(String),
    value LowCardinality(String),
    skill LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32,
    year UInt16
)
ENGINE = MergeTree
ORDER BY (grain, facet, value, skill, posted_day, prev_day)
SETTINGS min_age_to_force_merge_seconds = 60;
