-- Salary tallies per facet value (issue 9): tally_salaries' 'day' and 'whole' rows (012) per value
-- of each facet the facet tallies hold (work mode, country, seniority, industry and the
-- pair 'country+work_mode', valued 'US|remote'), for the salary percentiles and premiums filtered
-- by one such value (or one value of each facet of the pair) and otherwise only by dates. A job's
-- salary under a value is its first copy's among its copies carrying the value, with those
-- copies' skills, as the other paths decide it with the filter applied
-- (core/src/analytics/salaries.ts). A 'whole' row keeps the job's span over all its salaried
-- copies (lo to hi, as its 'span' row in tally_salaries): a window holding it holds every copy of
-- the value; the jobs whose span a window cuts are worked out per job, as without a filter. `day`
-- is the day whose period the row counts in: its first copy's with the value, which can be after
-- lo (a job first seen in Britain, then in the US, counts under US in its US copy's month); on
-- 'day' rows it is lo. There are no 'month' rows: one value's jobs seldom share a month, skill and
-- salary (at 1M ads they would hold 90% as many rows as the day rows), so a window reads day rows.
-- Built by core/src/tables/tally-salaries.ts with the other tallies (refreshed and rebuilt with
-- them, by year partition).
CREATE TABLE IF NOT EXISTS tally_salary_facets
(
    facet LowCardinality(String),
    value LowCardinality(String),
    skill LowCardinality(String),
    kind LowCardinality(String),
    lo Date CODEC(Delta, ZSTD(1)),
    hi Date CODEC(Delta, ZSTD(1)),
    day Date CODEC(Delta, ZSTD(1)),
    employment LowCardinality(String),
    usd Float64,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(lo)
ORDER BY (facet, value, skill, kind, lo, employment, usd);

-- Tallies built before this table have no rows in it: marked as a full build left open, so
-- readers leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
