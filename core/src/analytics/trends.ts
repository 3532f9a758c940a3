// Skill demand over time: per period and skill, the ads that mention it, all ads, the share.
// Every count is uniqExact(dedupe_key) (an ad's id, shared by copies of one job on several
// boards), and a skill row counts only if it belongs to the extractor
// version that the ad's newest `ads` row names, so re-runs and re-extractions never double count.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows as rows } from '../clickhouse/query.ts'
import type { Interval } from '../contracts/api/index.ts'

export { INTERVALS, type Interval } from '../contracts/api/index.ts'

/** One skill's share in one period (the plain series; the API's trends add intervals and filters). */
export interface SkillSharePoint {
  period: string
  skill: string
  ads: number
  total: number
  share: number
}

// Whitelisted SQL per interval: user input never reaches the SQL text.
export const PERIOD_SQL: Record<Interval, string> = {
  week: 'toMonday(posted_day)',
  month: 'toStartOfMonth(posted_day)',
  quarter: 'toStartOfQuarter(posted_day)',
  year: 'toStartOfYear(posted_day)',
}

export interface TrendQuery {
  skills: string[]
  interval: Interval
  from?: string | null
  to?: string | null
  source?: string | null
}

export async function queryTrends(ch: ClickHouseClient, q: TrendQuery): Promise<SkillSharePoint[]> {
  const period = PERIOD_SQL[q.interval]
  const filters = ['posted_day >= {from:Date}', 'posted_day <= {to:Date}']
  if (q.source) filters.push('source = {source:String}')
  const where = filters.join(' AND ')
  const params = {
    from: q.from ?? '1970-01-01',
    to: q.to ?? '2149-06-06',
    source: q.source ?? '',
    skills: q.skills,
  }

  const [totals, skillCounts] = await Promise.all([
    rows<{ period: string; total: string }>(
      ch,
      `SELECT toString(${period}) AS period, uniqExact(dedupe_key) AS total
       FROM ads FINAL WHERE ${where} GROUP BY period ORDER BY period`,
      params,
    ),
    rows<{ period: string; skill: string; ads: string }>(
      ch,
      `SELECT toString(${period}) AS period, skill, uniqExact(dedupe_key) AS ads
       FROM ad_skills FINAL
       WHERE skill IN {skills:Array(String)} AND ${where}
         AND (ad_id, extractor_version) IN (SELECT ad_id, extractor_version FROM ads FINAL WHERE ${where})
       GROUP BY period, skill`,
      params,
    ),
  ])

  const bySkill = new Map(skillCounts.map((r) => [`${r.period}|${r.skill}`, Number(r.ads)]))
  const points: SkillSharePoint[] = []
  for (const t of totals) {
    const total = Number(t.total)
    for (const skill of [...q.skills].sort()) {
      const ads = bySkill.get(`${t.period}|${skill}`) ?? 0
      points.push({ period: t.period, skill, ads, total, share: total ? round(ads / total, 6) : 0 })
    }
  }
  return points
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
