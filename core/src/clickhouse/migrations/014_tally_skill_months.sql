-- Month rows of the all-boards skill tallies (issue 9): a count over a long window (co-occurrence's
-- skill counts, the skill catalog, a skill's monthly share, trends by month, quarter or year) read
-- every day row of tally_skills (1.3M rows for 400 skills over ten years at 1M ads). Here,
-- per skill and month (posted_day = its first day), the all-boards day rows whose previous day is
-- in an earlier month (1970-01-01 for a first copy), summed per previous day. A window holding the
-- month whole reads this row instead of the month's day rows: the rows left out have their
-- previous day in the same month, inside such a window and its month, quarter or year, so they
-- never count (docs/ARCHITECTURE.md, "Tallies"). Filled from tally_skills, with it, by
-- core/src/tables/tallies.ts; read through core/src/analytics/query-path.ts (skillsOver).
CREATE TABLE IF NOT EXISTS tally_skill_months
(
    skill LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(posted_day)
ORDER BY (skill, posted_day, prev_day);

-- Tallies built before this table have no month rows: marked as a full build left open, so
-- readers leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
