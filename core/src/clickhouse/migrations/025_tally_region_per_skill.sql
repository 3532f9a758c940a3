-- The region per skill in the facet tallies (issue 9): tally_skill_facets,
-- tally_skill_facet_periods and tally_salary_facets gain rows under the facet 'region' (a copy's
-- region, from its country: REGION_SQL in core/src/analytics/facet-sql.ts), as tally_facets has
-- held since 010. A filter of one region, and otherwise only dates (Europe's skills, trends,
-- salaries), then reads the facet tallies instead of every rollup row of its window
-- (TALLIED_SINGLE_FACETS in facet-sql.ts; the tables keep their shape, the build writes more rows).
-- Tallies built before hold no such rows: marked as a full build left open, so readers leave the
-- tallies (for the rollups, same numbers) until the scheduler's next refresh has rebuilt them all.
INSERT INTO rollup_state (name, status, updated_at) VALUES ('tally:full', 'building', now64(3));
