// The taxonomy with numbers: every skill's label, category label, ads, share and rank under the
// filters; skills without ads in the range are flagged (noData) so a picker can hide them.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Skill } from '../contracts/api/skills.ts'
import { queryRows } from '../clickhouse/query.ts'
import { listSkills } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import { compileWhere, type Filters } from './filters.ts'
import { choosePath, overFilters, skillsOver } from './query-path.ts'
import { competitionRanks, round } from './stats.ts'

export type CatalogSkill = Skill

export async function querySkillCatalog(
  ch: ClickHouseClient,
  filters: Filters,
): Promise<{ total: number; skills: CatalogSkill[] }> {
  const p = await choosePath(ch, { filters, additive: true, facetTallies: true })
  const w = compileWhere(filters)
  const over = overFilters(filters)
  const rows = skillsOver(p, w, filters, over)
  const [totals, counts] = await Promise.all([
    queryRows<{ n: string }>(ch, `SELECT ${p.count(over)} AS n ${p.ads(w)}`, w.params),
    queryRows<{ skill: string; n: string }>(
      ch,
      `SELECT skill, ${p.count(over)} AS n ${rows.from} GROUP BY skill`,
      { ...w.params, ...rows.params },
    ),
  ])
  const total = Number(totals[0]?.n ?? 0)
  const byId = new Map(counts.map((r) => [r.skill, Number(r.n)]))
  const skills = listSkills().filter((s) => !filters.category.length || filters.category.includes(s.category))
  const ads = skills.map((s) => byId.get(s.id) ?? 0)
  const ranks = competitionRanks(ads)
  return {
    total,
    skills: skills.map((s, i) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      categoryLabel: CATEGORY_LABELS[s.category],
      ads: ads[i]!,
      share: total ? round(ads[i]! / total) : 0,
      rank: ads[i]! > 0 ? ranks[i]! : null,
      noData: ads[i] === 0,
    })),
  }
}
