// GET /api/v1/skills: the taxonomy with labels, category labels and, under the filters, each
// skill's ads, share and rank (noData where it has none), for pickers and validation.
import { createRoute } from '@hono/zod-openapi'
import { querySkillCatalog } from '@stackradar/core/analytics'
import { Skill, SkillsQuery, SkillsResponse } from '@stackradar/core/contracts/api'
import { CATEGORIES, CATEGORY_LABELS } from '@stackradar/core/extract'
import { answer, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/skills',
  summary: 'The skill taxonomy with labels, and each skill’s ads, share and rank under the filters',
  request: { query: SkillsQuery },
  responses: okAnalytics(SkillsResponse, 'every skill (of the categories asked) with its numbers'),
})

const categories = CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id] }))

export function skillsRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const filters = await readFilters(c, deps)
    const { total, skills } = await querySkillCatalog(deps.ch, filters)
    const body: SkillsResponse = { filters, total, categories, skills }
    return answer(c, body, skills, columnsOf(Skill), 'skills')
  })
}
