// GET /api/v1/cooccurrence?skills=python&category=database: the skills seen with the given
// skill(s): count, share of their ads and lift ("which databases go with Python").
import { createRoute } from '@hono/zod-openapi'
import { queryCooccurrence } from '@stackradar/core/analytics'
import { CooccurrenceQuery, CooccurrenceResponse, CooccurringSkill } from '@stackradar/core/contracts/api'
import { answer, checkSkills, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/cooccurrence',
  summary: 'Skills seen in the ads that mention every given skill: count, share, lift',
  request: { query: CooccurrenceQuery },
  responses: okAnalytics(CooccurrenceResponse, 'co-occurring skills, most ads first'),
})

export function cooccurrenceRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const q = c.req.valid('query')
    const filters = await readFilters(c, deps)
    checkSkills('skills', q.skills)
    const r = await queryCooccurrence(deps.ch, { filters, skills: q.skills, limit: q.limit })
    return answer(c, { filters, ...r }, r.rows, columnsOf(CooccurringSkill), 'cooccurrence')
  })
}
