-- Salary tallies (issue 9): how many jobs pay each annual USD value, per skill ('' = every job)
-- and day or month, for the salary percentiles and premiums with no filter but dates (all boards).
-- A job's salary in a window is its first copy's in the window, with the skills of its copies in
-- the window (core/src/analytics/salaries.ts): for a job whose salaried copies all fall on one day
-- that is the same for every window holding the day, so such jobs are counted here:
--   'day'   per (skill, day, employment, usd): the jobs of that day paying usd (lo = hi = day);
--   'month' the same summed per month (lo = hi = its first day), read for the months a window
--           holds whole.
-- Jobs with salaried copies on several days keep one 'span' row (lo = first day, hi = last day,
-- job = its hash) and 'whole' rows: their value over all their copies, per (skill, lo, hi,
-- employment, usd), right for the windows holding [lo, hi]. The query works the jobs whose span
-- the window cuts out per job from rollup_salaries, as the rollup path does. Distinct salaries are few (round numbers), so the
-- month rows stop growing with the ads. Built by core/src/tables/tally-salaries.ts with the other
-- tallies (refreshed and rebuilt with them).
CREATE TABLE IF NOT EXISTS tally_salaries
(
    kind LowCardinality(String),
    skill LowCardinality(String),
    lo Date,
    hi Date,
    employment LowCardinality(String),
    usd Float64,
    job UInt64,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(lo)
ORDER BY (kind, skill, lo, employment, usd, job);

-- Tallies built before this table have no salaries: marked as a full build left open, so readers
-- leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
