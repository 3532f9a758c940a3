-- Week and month rows of the facet tallies' skill counts (issue 9), as tally_skill_periods (014)
-- holds them for all boards: a count under one facet value (a country, US + remote) by week or
-- month, or over a long window, read every day row of tally_skill_facets under that value (20
-- skills by week over ten years under US + remote: the day rows of 20 skills, 30 ms at 1M ads).
-- Per grain ('week': from Monday; 'month'), facet, value, skill and period (posted_day = its first
-- day), the day rows whose previous day is before the period (1970-01-01 for a first copy), summed
-- per previous day and year of the day rows; a count reads the periods its window holds whole from
-- here and the days around them from tally_skill_facets (core/src/analytics/facet-path.ts), with
-- tally_skill_periods' rule (docs/ARCHITECTURE.md, "Tallies"). Filled from tally_skill_facets,
-- a year at a time, by core/src/tables/tallies.ts.
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
PARTITION BY year
ORDER BY (grain, facet, value, skill, posted_day, prev_day);

-- Tallies built before this table have no rows in it: marked as a full build left open, so readers
-- leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
