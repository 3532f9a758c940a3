// GET /api/v1/cooccurrence?skills=python&category=database: the skills seen with the given
// skill(s): count, share of their ads and lift ("which databases go with Python").
import { Hono } from 'hono'
import { queryCooccurrence } from '@stackradar/core/analytics/cooccurrence'
import { CooccurrenceQuery, CooccurringSkill } from '@stackradar/core/contracts/api/cooccurrence'
import { answer, checkSkills, columnsOf, parseQuery, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'

export function cooccurrenceRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const q = parseQuery(CooccurrenceQuery, c)
    const filters = await readFilters(c, deps)
    checkSkills('skills', q.skills)
    const r = await queryCooccurrence(deps.ch, { filters, skills: q.skills, limit: q.limit })
    return answer(c, { filters, ...r }, r.rows, columnsOf(CooccurringSkill), 'cooccurrence')
  })
}
