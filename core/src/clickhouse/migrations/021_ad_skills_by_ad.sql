-- ad_skills sorted by day and ad as well (issue 9). The table sorts by skill, then day: the
-- evidence of a page of ad search (every skill of its 20 ads, ~70 skills) is one key range per
-- skill and part, each in a granule of 8,192 rows, so the lookup read 245 of the 722 granules at
-- 1M ads to return ~120 rows. A projection keeps the same rows sorted by day, ad and skill; a
-- page's ads share a day or a few, so their rows sit in a granule or two per part. Measured at 1M
-- synthetic ads, the evidence lookup with and without the projection in turn
-- (optimize_use_projections): 25-34 → 11-13 ms. It costs 71 MB at 1M ads (686 MB at 10M) and, on
-- a store that has rows, a background rebuild of its parts (53 s at 10M on 2 cores; the parts not
-- yet done are read in the table's own order meanwhile); its ingest cost is 020's. Questions by
-- skill (every chart on raw rows) keep reading the table's order.
-- As in 020, a merge that collapses an older extraction rebuilds the merged part's projection from
-- its rows, so both orders always hold the same rows.
ALTER TABLE ad_skills MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE ad_skills ADD PROJECTION IF NOT EXISTS by_ad (SELECT * ORDER BY posted_day, ad_id, skill);

ALTER TABLE ad_skills MATERIALIZE PROJECTION by_ad;
