// GET /api/v1/skills: the taxonomy, for pickers and validation.
import { createRoute } from '@hono/zod-openapi'
import { SkillsResponse } from '@stackradar/core/contracts/api'
import { listSkills } from '@stackradar/core/extract'
import { createRouter, ok } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/skills',
  summary: 'The skill taxonomy',
  responses: ok(SkillsResponse, 'every skill with its category'),
})

export function skillsRoutes() {
  const skills = listSkills().map(({ id, name, category }) => ({ id, name, category }))
  return createRouter().openapi(route, (c) => c.json({ skills }, 200))
}
