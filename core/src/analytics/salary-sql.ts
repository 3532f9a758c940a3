// The two per-job choices every salary answer makes, defined once for the salary queries
// (salaries.ts) and the salary tallies' fill (core/src/tables/tally-salaries.ts), so both count a
// job with the same value: over a job's salaried copies (rollup_salaries rows, or ads rows with the
// same columns), the first copy in (day, source, value, employment, facets) order, and the union
// of the copies' skills.

/** Tuple (day, source, usd, employment, seniority, country, work_mode) of the job's first copy. */
export const FIRST_COPY_SQL = `min((posted_day, toString(source), usd, toString(employment), toString(seniority),
  toString(country), toString(work_mode)))`

/** The skills of the job's copies, each once (order irrelevant: read with has / arrayIntersect). */
export const SKILLS_UNION_SQL = 'arrayDistinct(arrayFlatten(groupArray(skills)))'
