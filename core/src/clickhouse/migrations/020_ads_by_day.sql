-- ads sorted by day as well (issue 9). The table sorts by board, then day: the newest ads of every
-- board (a page of ad search, a skill's evidence ads) sit in one granule per board and part, so a
-- window of the newest day or two read 42 granules of 8,192 ads at 1M ads (6 boards, 7 parts) to
-- find ~300. A projection keeps the same rows sorted by day; the engine reads whichever order
-- needs fewer granules (the table's own for a question on one board and a long range). Measured
-- at 1M synthetic ads, the window query of ad search for one skill with and without the
-- projection in turn (optimize_use_projections): 35-38 → 19 ms. It costs the table's size again
-- (93 MB at 1M ads, 922 MB at 10M) and, on a store that has rows, a background rebuild of its parts
-- (~25 s at 10M on 2 cores) during which the parts not yet done are read in the table's own order.
-- With 021, 1M ads loaded at 15.3k and 16.7k ads/s, and 14.7k and 17.2k without both (alternating
-- runs of `npm run bench:api -- --load-only`): no cost above this machine's noise.
-- A merge that collapses an ad's older extraction removes its row from the part; the setting below
-- makes the engine rebuild a merged part's projection from the part's rows, so both orders always
-- hold the same rows (ReplacingMergeTree refuses a projection without it).
ALTER TABLE ads MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE ads ADD PROJECTION IF NOT EXISTS by_day (SELECT * ORDER BY posted_day, source, ad_id);

ALTER TABLE ads MATERIALIZE PROJECTION by_day;
