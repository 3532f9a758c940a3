// SQL shared by the tallies' fills (tallies.ts, tally-pairs.ts, tally-salaries.ts): the range a
// fill writes, and the jobs whose copies fall in more than one cell, which every tally counts
// apart from the jobs in one cell.

/** The fill's days: query parameters from and to. */
export const IN_RANGE = 'posted_day BETWEEN {from:Date} AND {to:Date}'

/**
 * CTE `several`: the jobs with a row of `table` in the range and rows in more than one `cells`
 * (a tuple of columns, e.g. posted_day) over all days: a job's cells are decided over all its
 * copies, so a range's rows are right only with its jobs' other rows.
 */
export function severalCellsSql(table: 'rollup_ads' | 'rollup_salaries', cells: string): string {
  return `several AS (SELECT job FROM ${table}
    WHERE job IN (SELECT job FROM ${table} WHERE ${IN_RANGE})
    GROUP BY job HAVING uniqExact(${cells}) > 1)`
}
