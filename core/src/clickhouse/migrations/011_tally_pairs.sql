-- Skill pairs (issue 9): for co-occurrence with one anchor skill over all boards, counts that add
-- up per (skill, other skill) and day or month, so the question reads one skill's key range
-- instead of every job's skills. A job counts for (X, Y) in a window W when one of its copies in W
-- names X and one (maybe another) names Y. Three kinds of rows, summed in `jobs`:
-- Per job and ordered pair, the shortest day intervals [lo, hi] holding a copy with X and one
-- with Y (none inside another, so sorted by lo they are sorted by hi too; a job on one day has
-- one, lo = hi), each with prev_lo = the lo of the one before (1970-01-01 for the first). The job
-- counts in W once: for the first interval inside W, the one whose previous interval starts
-- before W. Rows with the same columns are summed in `jobs`, by kind:
--   'day'   intervals within one month whose previous one (if any) starts in that month;
--   'month' the 'day' rows without a previous interval, summed per month (lo = hi = its first
--           day): read for the months a window holds whole, where the other 'day' rows never
--           count (their previous interval is in the window);
--   'span'  the other intervals (across months, or after one in an earlier month).
-- Built by core/src/tables/tally-pairs.ts with the other tallies (refreshed and rebuilt with them).
CREATE TABLE IF NOT EXISTS tally_pairs
(
    skill LowCardinality(String),
    kind LowCardinality(String),
    lo Date,
    other LowCardinality(String),
    hi Date,
    prev_lo Date,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(lo)
ORDER BY (skill, kind, lo, other, hi, prev_lo);

-- The tallies built before this table have no pairs: marked as a full build left open, so that
-- readers leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
