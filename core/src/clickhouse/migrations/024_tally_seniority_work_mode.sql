-- The pair 'seniority+work_mode' in the facet tallies (issue 9): tally_facets, tally_skill_facets,
-- tally_skill_facet_periods and tally_salary_facets gain rows under that facet, whose value is a
-- copy's seniority and work mode joined by '|' ('senior|remote'), as 'country+work_mode' (015).
-- A filter of one seniority and one work mode, and otherwise only dates, then reads the facet
-- tallies instead of every rollup row of its window (TALLIED_PAIRS in
-- core/src/analytics/facet-sql.ts; the tables keep their shape, only the build writes more rows).
-- Tallies built before hold no such rows: marked as a full build left open, so readers leave the
-- tallies (for the rollups, same numbers) until the scheduler's next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
