-- rollup_skills sorted by country and work mode as well (issue 9). The table sorts by skill first,
-- so a question filtered by a country and a work mode that stays on the rollups (co-occurrence
-- under US + remote counts, per skill, the jobs shared with the anchor's) read every row of each
-- skill it counts and kept the few in that place: at 10M ads, co-occurrence of python under US +
-- remote took 400 ms in its together-count. A projection keeps the same rows sorted by country,
-- work mode and skill; the engine reads whichever order needs fewer granules (the table's own for
-- a question without a place), and the count took 228 ms (400 without the projection, in turn;
-- 60 → 34 ms at 1M). It costs the table's size again (740 MB at 10M ads, 71 MB at 1M), ~6% of
-- the ingest rate (every write sorts its rows twice: 1M ads at 17.0-17.8k ads/s against
-- 18.3-18.7k without, `npm run bench:api -- --load-only`, two runs each) and, on a store that has
-- rows, a background rebuild of its parts (165 s at 10M on 2 cores) during which the parts not yet
-- done are read in the table's own order.
-- The rollups count distinct jobs, so a row kept twice changes nothing; the setting below lets the
-- engine rebuild the projection when it merges parts (ReplacingMergeTree refuses a projection
-- without it).
ALTER TABLE rollup_skills MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE rollup_skills ADD PROJECTION IF NOT EXISTS by_place
    (SELECT * ORDER BY country, work_mode, skill, posted_day, source, job);

ALTER TABLE rollup_skills MATERIALIZE PROJECTION by_place;
