// Skills seen together: for the ads that mention every skill asked (the anchor set), each other
// skill's count, share of the anchor ads and lift = P(other | anchor) / P(other). Distinct ads
// (dedupe_key) at their current extraction.
import type { ClickHouseClient } from '@clickhouse/client'
import type { CooccurrenceBody, CooccurringSkill } from '../contracts/api/cooccurrence.ts'
import { queryRows } from '../clickhouse/query.ts'
import { getSkill } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import type { SkillCategory } from '../taxonomy/types.ts'
import { compileWhere, skillsInCategories, type Filters } from './filters.ts'
import { round } from './stats.ts'

export interface CooccurrenceQuery {
  filters: Filters
  skills: string[]
  limit: number
}

export type Cooccurrence = CooccurrenceBody
export type { CooccurringSkill }

export async function queryCooccurrence(ch: ClickHouseClient, q: CooccurrenceQuery): Promise<Cooccurrence> {
  const w = compileWhere(q.filters)
  const params = { ...w.params, anchor: q.skills, keep: skillsInCategories(q.filters.category) }
  // Per distinct ad: the union of its copies' skills; then anchor membership per ad. One pass: each
  // ad also counts under '' (no skill has an empty id), which gives the totals of the same scan.
  const perAd = `SELECT dedupe_key, groupUniqArrayArray(skills) AS skills FROM ads FINAL WHERE ${w.sql} GROUP BY dedupe_key`
  const counted = await queryRows<{ skill: string; together: string; all: string }>(
    ch,
    `SELECT skill, countIf(is_anchor) AS together, count() AS all
     FROM (SELECT arrayJoin(arrayPushFront(skills, '')) AS skill, hasAll(skills, {anchor:Array(String)}) AS is_anchor
           FROM (${perAd}))
     WHERE skill = '' OR (skill IN {keep:Array(String)} AND skill NOT IN {anchor:Array(String)})
     GROUP BY skill HAVING together > 0 OR skill = ''`,
    params,
  )
  const totals = counted.find((r) => r.skill === '')
  const rows = counted.filter((r) => r.skill !== '')
  const total = Number(totals?.all ?? 0)
  const anchorAds = Number(totals?.together ?? 0)
  const out = rows
    .map((r): CooccurringSkill => {
      const s = getSkill(r.skill)
      const ads = Number(r.together)
      const skillAds = Number(r.all)
      const share = anchorAds ? ads / anchorAds : 0
      return {
        skill: r.skill,
        name: s?.name ?? r.skill,
        category: s?.category ?? '',
        categoryLabel: s ? CATEGORY_LABELS[s.category as SkillCategory] : '',
        ads,
        share: round(share),
        skillAds,
        lift: skillAds && total ? round(share / (skillAds / total), 4) : 0,
      }
    })
    .sort((a, b) => b.ads - a.ads || b.lift - a.lift || a.skill.localeCompare(b.skill))
    .slice(0, q.limit)
  return { skills: q.skills, total, anchorAds, rows: out }
}
