-- Skill × facet tallies (issue 9): per skill, breakdown facet value and day, the jobs whose copies
-- naming the skill carry that value, over all boards, for a skill's split by work mode, country,
-- seniority and industry (the skill page) with no filter but dates. The scheme of tally_facets
-- (010) with the skill as a key: a job whose rows all fall on one day adds 1 to that day's `jobs`
-- (prev_day = 1970-01-01); a job with rows on several days makes a row per (value, day) with its
-- previous day for that value, summed, and a count adds the rows whose prev_day is not in the
-- window (docs/ARCHITECTURE.md, "Tallies"). Built and refreshed with the other tallies by
-- core/src/tables/tallies.ts; read by core/src/analytics/breakdown.ts (querySkillSplits).
CREATE TABLE IF NOT EXISTS tally_skill_facets
(
    skill LowCardinality(String),
    facet LowCardinality(String),
    value LowCardinality(String),
    posted_day Date,
    prev_day Date,
    jobs UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(posted_day)
ORDER BY (skill, facet, posted_day, value, prev_day);

-- Tallies built before this table have no skill splits: marked as a full build left open, so
-- readers leave the tallies until the next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
