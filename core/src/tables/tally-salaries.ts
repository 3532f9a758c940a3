// Tables tally_salaries (migration 012): jobs per annual USD value, per skill and day, month or
// year (023), for the salary percentiles and premiums with no filter but dates; jobs with salaried
// copies on several days as one 'span' row each. And tally_salary_facets (017): the day, year
// (023) and whole-span rows per value of each tallied facet, for a filter on one value. Filled
// from rollup_salaries with the other tallies (tallies.ts calls `fillSalaries` per year), with the
// per-job choices of the salary queries (core/src/analytics/salary-sql.ts); read by
// core/src/analytics/salary-tally.ts. Why these rows give the rollups' numbers: the migrations'
// headers.
import type { ClickHouseClient } from '@clickhouse/client'
import { IN_RANGE, severalCellsSql } from './tally-sql.ts'
import { FIRST_COPY_SQL, SKILLS_UNION_SQL } from '../analytics/salary-sql.ts'
import { REGION_PARAMS, skillTallyEntriesSql } from '../analytics/facet-sql.ts'

/** Jobs with a copy in the range and copies on more than one day. */
const SEVERAL_DAYS = severalCellsSql('rollup_salaries', 'posted_day')

/** Jobs on one day: their first copy's value under '' and under each of their skills. */
const DAY_ROWS = `INSERT INTO tally_salaries (kind, skill, lo, hi, employment, usd, job, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT 'day', skill, day, day, employment, usd, 0, toUInt32(count())
  FROM (SELECT first.1 AS day, first.3 AS usd, first.4 AS employment, arrayPushFront(skills, '') AS keyed
        FROM (SELECT job, ${FIRST_COPY_SQL} AS first, ${SKILLS_UNION_SQL} AS skills
              FROM rollup_salaries WHERE ${IN_RANGE} AND job NOT IN several GROUP BY job))
  ARRAY JOIN keyed AS skill
  GROUP BY skill, day, employment, usd`

/** The range's day rows just written, summed per month. */
const MONTH_ROWS = `INSERT INTO tally_salaries (kind, skill, lo, hi, employment, usd, job, jobs)
  SELECT 'month', skill, toStartOfMonth(lo) AS month, month, employment, usd, 0, toUInt32(sum(jobs))
  FROM tally_salaries WHERE kind = 'day' AND lo BETWEEN {from:Date} AND {to:Date}
  GROUP BY skill, month, employment, usd`

/**
 * The range's month rows just written, summed per year (migration 023): a count per year or over
 * a window reads a whole year as one row per skill, employment and value, not twelve.
 */
const YEAR_ROWS = `INSERT INTO tally_salaries (kind, skill, lo, hi, employment, usd, job, jobs)
  SELECT 'year', skill, toStartOfYear(lo) AS year, year, employment, usd, 0, toUInt32(sum(jobs))
  FROM tally_salaries WHERE kind = 'month' AND lo BETWEEN {from:Date} AND {to:Date}
  GROUP BY skill, year, employment, usd`

/** Jobs on several days whose first salaried day is in the range: their span and hash. */
const SPAN_ROWS = `INSERT INTO tally_salaries (kind, skill, lo, hi, employment, usd, job, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT 'span', '', min(posted_day) AS first, max(posted_day), '', 0, job, 1
  FROM rollup_salaries WHERE job IN several GROUP BY job
  HAVING first BETWEEN {from:Date} AND {to:Date}`

/**
 * The same jobs as whole jobs (every salaried copy, first to last day): their first copy's value
 * under '' and each of their skills, for the windows that hold their whole span.
 */
const WHOLE_SPAN_ROWS = `INSERT INTO tally_salaries (kind, skill, lo, hi, employment, usd, job, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT 'whole', skill, first.1 AS lo, last, employment, usd, 0, toUInt32(count())
  FROM (SELECT first, last, first.3 AS usd, first.4 AS employment, arrayPushFront(skills, '') AS keyed
        FROM (SELECT job, ${FIRST_COPY_SQL} AS first, max(posted_day) AS last, ${SKILLS_UNION_SQL} AS skills
              FROM rollup_salaries WHERE job IN several GROUP BY job)
        WHERE first.1 BETWEEN {from:Date} AND {to:Date})
  ARRAY JOIN keyed AS skill
  GROUP BY skill, lo, last, employment, usd`

/** A rollup_salaries row per (facet, value) tuple of each tallied facet (`e`). */
const FACET_COPIES = `SELECT *, arrayJoin(${skillTallyEntriesSql()}) AS e FROM rollup_salaries`

/**
 * Jobs on one day, per value of each tallied facet: their first copy's value among their copies
 * carrying the value, under '' and under each skill of those copies (the filter applied first, as
 * the other paths apply it).
 */
const FACET_DAY_ROWS = `INSERT INTO tally_salary_facets (facet, value, skill, kind, lo, hi, day, employment, usd, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT e.1, e.2, skill, 'day', day, day, day, employment, usd, toUInt32(count())
  FROM (SELECT e, first.1 AS day, first.3 AS usd, first.4 AS employment, arrayPushFront(skills, '') AS keyed
        FROM (SELECT job, e, ${FIRST_COPY_SQL} AS first, ${SKILLS_UNION_SQL} AS skills
              FROM (${FACET_COPIES} WHERE ${IN_RANGE} AND job NOT IN several)
              GROUP BY job, e))
  ARRAY JOIN keyed AS skill
  GROUP BY e, skill, day, employment, usd`

/** The range's facet day rows just written, summed per year (023), as the all-boards year rows. */
const FACET_YEAR_ROWS = `INSERT INTO tally_salary_facets (facet, value, skill, kind, lo, hi, day, employment, usd, jobs)
  SELECT facet, value, skill, 'year', toStartOfYear(lo) AS year, year, year, employment, usd, toUInt32(sum(jobs))
  FROM tally_salary_facets WHERE kind = 'day' AND lo BETWEEN {from:Date} AND {to:Date}
  GROUP BY facet, value, skill, year, employment, usd`

/**
 * Jobs on several days whose first salaried day is in the range, per value as the day rows, with
 * the job's span over all its salaried copies (its 'span' row's), for the windows holding it, and
 * the day of its first copy with the value (its period's).
 */
const FACET_WHOLE_SPAN_ROWS = `INSERT INTO tally_salary_facets (facet, value, skill, kind, lo, hi, day, employment, usd, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT e.1, e.2, skill, 'whole', lo, hi, day, employment, usd, toUInt32(count())
  FROM (SELECT e, lo, hi, first.1 AS day, first.3 AS usd, first.4 AS employment, arrayPushFront(skills, '') AS keyed
        FROM (SELECT job, e, any(job_lo) AS lo, any(job_hi) AS hi, ${FIRST_COPY_SQL} AS first, ${SKILLS_UNION_SQL} AS skills
              FROM (SELECT *, min(posted_day) OVER (PARTITION BY job) AS job_lo,
                           max(posted_day) OVER (PARTITION BY job) AS job_hi
                    FROM (${FACET_COPIES} WHERE job IN several))
              GROUP BY job, e)
        WHERE lo BETWEEN {from:Date} AND {to:Date})
  ARRAY JOIN keyed AS skill
  GROUP BY e, skill, lo, hi, day, employment, usd`

/** Writes the salary tallies of days from..to (whole years: the tables are partitioned by year). */
export async function fillSalaries(ch: ClickHouseClient, range: { from: string; to: string }): Promise<void> {
  for (const query of [
    DAY_ROWS,
    MONTH_ROWS,
    YEAR_ROWS,
    SPAN_ROWS,
    WHOLE_SPAN_ROWS,
    FACET_DAY_ROWS,
    FACET_YEAR_ROWS,
    FACET_WHOLE_SPAN_ROWS,
  ])
    // The facet rows' region is worked out from REGION_PARAMS (facet-sql.ts).
    await ch.command({ query, query_params: { ...range, ...REGION_PARAMS } })
}
