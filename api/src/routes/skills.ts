// GET /api/v1/skills: the taxonomy, for pickers and validation.
import { Hono } from 'hono'
import { listSkills } from '@stackradar/core/extract/index'

export function skillsRoutes() {
  const skills = listSkills().map(({ id, name, category }) => ({ id, name, category }))
  return new Hono().get('/', (c) => c.json({ skills }))
}
