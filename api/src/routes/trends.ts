// GET /api/v1/trends?skills=python,go&interval=month&from=2016-01&to=2018-06&source=hn
import { createRoute } from '@hono/zod-openapi'
import { queryTrends } from '@stackradar/core/analytics'
import { TrendsQuery, TrendsResponse } from '@stackradar/core/contracts/api'
import { getSkill } from '@stackradar/core/extract'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { badRequest, createRouter, ok } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/trends',
  summary: 'Share of ads that mention each skill, per period',
  request: { query: TrendsQuery },
  responses: { ...ok(TrendsResponse, 'one point per period and skill'), ...badRequest },
})

export function trendsRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { skills, interval, from, to, source } = c.req.valid('query')
    for (const id of skills) {
      if (!getSkill(id)) throw badParam('skills', `unknown skill id '${id.slice(0, 40)}'`)
    }
    const points = await queryTrends(deps.ch, { skills, interval, from, to, source })
    return c.json({ interval, from, to, skills, points }, 200)
  })
}
