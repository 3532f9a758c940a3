// GET /api/v1/skills/{id}: a skill's profile — rank now and a year before, monthly share, salary
// percentiles now and a year before, top 15 co-occurring skills, splits, evidence ads. The CSV
// form is the monthly share series.
import { Hono } from 'hono'
import { querySkillProfile } from '@stackradar/core/analytics/skill-profile'
import { BreakdownRow } from '@stackradar/core/contracts/api/breakdown'
import { SkillProfileQuery } from '@stackradar/core/contracts/api/skill-profile'
import { FX_TABLE } from '@stackradar/core/extract/fx-rates'
import { answer, checkSkills, columnsOf, parseQuery, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'

export function skillProfileRoutes(deps: ApiDeps) {
  return new Hono().get('/:id', async (c) => {
    const id = c.req.param('id').toLowerCase()
    checkSkills('id', [id])
    const q = parseQuery(SkillProfileQuery, c)
    const filters = await readFilters(c, deps)
    const currency = (q.currency ?? 'USD').toUpperCase()
    if (!FX_TABLE.perUsd[currency])
      throw badParam('currency', `unknown currency; allowed: ${Object.keys(FX_TABLE.perUsd).join(', ')}`)
    const p = await querySkillProfile(deps.ch, {
      skill: id,
      filters,
      minCount: q.min_count,
      minN: q.min_n,
      currency,
    })
    return answer(c, { filters, ...p }, p.trend, columnsOf(BreakdownRow), `skill-${id}`)
  })
}
