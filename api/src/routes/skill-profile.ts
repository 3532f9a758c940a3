// GET /api/v1/skills/{id}: a skill's profile — rank now and a year before, monthly share, salary
// percentiles now and a year before, top 15 co-occurring skills, splits, evidence ads. The CSV
// form is the monthly share series.
import { createRoute, z } from '@hono/zod-openapi'
import { querySkillProfile } from '@stackradar/core/analytics'
import { BreakdownRow, SkillProfileQuery, SkillProfileResponse } from '@stackradar/core/contracts/api'
import { answer, checkCurrency, checkSkills, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/skills/{id}',
  summary: "One skill's profile: rank, share trend, salaries, co-occurring skills, splits, evidence ads",
  request: {
    params: z.object({ id: z.string().meta({ description: 'skill id', example: 'python' }) }),
    query: SkillProfileQuery,
  },
  responses: okAnalytics(SkillProfileResponse, "the skill's profile (CSV: its monthly share)"),
})

export function skillProfileRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    checkSkills('id', [id])
    const q = c.req.valid('query')
    const filters = await readFilters(c, deps)
    const currency = checkCurrency(q.currency)
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
