// Table tally_pairs (migration 011): skill pairs per day, month and span of days, for co-occurrence
// with one anchor skill over all boards. Filled from rollup_skills with the other tallies
// (tallies.ts calls `fillPairs` per year: one year's pairs are the largest grouping the tallies
// make, ~18M groups per million ads); read by core/src/analytics/cooccurrence.ts through
// `pairsCountSql`. The row kinds and why they count each job once: the migration's header.
import type { ClickHouseClient } from '@clickhouse/client'
import { IN_RANGE, severalCellsSql } from './tally-sql.ts'

/** Jobs with a copy in the range and copies on more than one day. */
const SEVERAL_DAYS = severalCellsSql('rollup_ads', 'posted_day')

/**
 * Jobs on one day: per job its skills, every ordered pair, counted per (pair, day). The skills
 * are grouped as small integers (their place in the range's sorted skill list), which groups ~2×
 * faster than two strings per key.
 */
const DAY_ROWS = `INSERT INTO tally_pairs (skill, kind, lo, other, hi, prev_lo, jobs)
  WITH ${SEVERAL_DAYS},
       (SELECT arraySort(groupUniqArray(toString(skill))) FROM rollup_skills WHERE ${IN_RANGE}) AS dict
  SELECT dict[a], 'day', day, dict[b], day, toDate(0), toUInt32(count())
  FROM (SELECT job, any(posted_day) AS day, groupUniqArray(toUInt16(indexOf(dict, toString(skill)))) AS ids
        FROM rollup_skills WHERE ${IN_RANGE} AND job NOT IN several GROUP BY job)
  ARRAY JOIN ids AS a
  ARRAY JOIN ids AS b
  WHERE a != b
  GROUP BY a, b, day`

/** The first intervals among the range's day rows just written, summed per month. */
const MONTH_ROWS = `INSERT INTO tally_pairs (skill, kind, lo, other, hi, prev_lo, jobs)
  SELECT skill, 'month', toStartOfMonth(lo) AS month, other, month, toDate(0), toUInt32(sum(jobs))
  FROM tally_pairs WHERE kind = 'day' AND lo BETWEEN {from:Date} AND {to:Date} AND prev_lo = toDate(0)
  GROUP BY skill, other, month`

/**
 * Jobs on several days: per job and skill its days; per ordered pair (x, y) every interval from a
 * day of x to a day of y, of which the shortest (none strictly inside another) are kept, sorted,
 * each with the start of the one before. Rows with lo in the range only: a job's intervals in other
 * years are their years' rows. An interval within one month, whose previous one (if any) starts in
 * that month too, is a 'day' row; the others are 'span' rows.
 */
const SPAN_ROWS = `INSERT INTO tally_pairs (skill, kind, lo, other, hi, prev_lo, jobs)
  WITH ${SEVERAL_DAYS}
  SELECT x, if(toStartOfMonth(iv.2) = toStartOfMonth(lo)
                 AND (prev = toDate(0) OR toStartOfMonth(prev) = toStartOfMonth(lo)), 'day', 'span') AS kind,
         iv.1 AS lo, y, iv.2, prev, toUInt32(count())
  FROM (
    SELECT a.1 AS x, b.1 AS y,
           arrayDistinct(arrayFlatten(arrayMap(p -> arrayMap(q -> (least(p, q), greatest(p, q)), b.2), a.2))) AS spans,
           arraySort(arrayFilter(i -> NOT arrayExists(j -> j != i AND j.1 >= i.1 AND j.2 <= i.2, spans), spans)) AS shortest
    FROM (SELECT job, groupArray((skill, days)) AS skill_days
          FROM (SELECT job, toString(skill) AS skill, groupUniqArray(posted_day) AS days
                FROM rollup_skills WHERE job IN several GROUP BY job, skill)
          GROUP BY job)
    ARRAY JOIN skill_days AS a
    ARRAY JOIN skill_days AS b
    WHERE a.1 != b.1)
  ARRAY JOIN shortest AS iv, arrayPushFront(arrayPopBack(arrayMap(i -> i.1, shortest)), toDate(0)) AS prev
  WHERE lo BETWEEN {from:Date} AND {to:Date}
  GROUP BY x, kind, y, lo, iv.2, prev`

/** Writes the pairs of days from..to (whole years: the table is partitioned by year). */
export async function fillPairs(ch: ClickHouseClient, range: { from: string; to: string }): Promise<void> {
  for (const query of [DAY_ROWS, SPAN_ROWS, MONTH_ROWS]) await ch.command({ query, query_params: range })
}

/**
 * Per other skill (in `keep`; not aliased `skill`, which would shadow the column in WHERE), the
 * jobs seen with the anchor in the window: month rows of the
 * whole months, and the day rows around them and the span rows that are inside the window with
 * their previous interval starting before it. (In a whole month, a day row with a previous
 * interval never counts: that interval starts in the month too.) Parameters: anchor_skill, keep
 * and the window's fields prefixed `tw_` (tally-window.ts).
 */
export const PAIRS_COUNT_SQL = `SELECT other, sum(jobs) AS together FROM tally_pairs
  WHERE skill = {anchor_skill:String} AND other IN {keep:Array(String)} AND (
    (kind = 'month' AND lo BETWEEN {tw_monthFrom:Date} AND {tw_monthTo:Date})
    OR (((kind = 'day' AND (lo BETWEEN {tw_from:Date} AND {tw_headTo:Date} OR lo BETWEEN {tw_tailFrom:Date} AND {tw_to:Date}))
         OR (kind = 'span' AND lo BETWEEN {tw_from:Date} AND {tw_to:Date}))
        AND hi <= {tw_to:Date} AND (prev_lo = toDate(0) OR prev_lo < {tw_from:Date})))
  GROUP BY other`
