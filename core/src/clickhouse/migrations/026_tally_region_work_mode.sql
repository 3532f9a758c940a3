-- The pair 'region+work_mode' in the facet tallies (issue 9): tally_facets, tally_skill_facets,
-- tally_skill_facet_periods and tally_salary_facets gain rows under it, a copy's region (from its
-- country, REGION_SQL) and work mode joined by '|' ('europe|remote'), as 'country+work_mode' (015)
-- and 'seniority+work_mode' (024). A filter of one region with one work mode (Europe + remote), and
-- otherwise only dates, then reads the facet tallies instead of every rollup row of its window,
-- and so do Europe's jobs broken down by work mode, and remote jobs by region (TALLIED_PAIRS in
-- core/src/analytics/facet-sql.ts; the tables keep their shape, the build writes more rows).
-- Tallies built before hold no such rows: marked as a full build left open, so readers leave the
-- tallies (for the rollups, same numbers) until the scheduler's next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
