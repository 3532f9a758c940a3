-- Week and month rows of the all-boards skill tallies (issue 9): a count over a long window
-- (co-occurrence's skill counts, the skill catalog, a skill's monthly share, trends) read every
-- day row of tally_skills (1.3M rows for 400 skills over ten years at 1M ads). Here, per grain
-- ('week': from Monday; 'month'), skill and period (posted_day = its first day), the all-boards
-- day rows whose previous day is before the period (1970-01-01 for a first copy), summed per
-- previous day and year of the day rows (a week across new year has a row per year, so a refresh
-- refills a year's rows alone). A count by periods of that grain (or made of them: quarters and years of months,
-- the window itself) reads the periods its window holds whole from these rows instead of their
-- day rows: the rows left out have their previous day in the same period, inside the window and
-- the count's period, so they never count (docs/ARCHITECTURE.md, "Tallies"). Filled from
-- tally_skills, with it, by core/src/tables/tallies.ts; read through core/src/analytics/query-path.ts
-- (skillsOver).
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
PARTITION BY year
ORDER BY (grain, skill, posted_day, prev_day);

-- Tallies built before this table have no period rows: marked as a full build left open, so
-- readers leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
