// GET /api/v1/trends?skills=python,go&categories=database&interval=month&rolling=3&from=2016-01:
// share of ads per period for each skill or whole category under the filter set, with 95% Wilson
// bounds, an optional rolling mean and the period's completeness.
import { createRoute } from '@hono/zod-openapi'
import { querySeries } from '@stackradar/core/analytics'
import { LIMITS, TrendPoint, TrendsQuery, TrendsResponse } from '@stackradar/core/contracts/api'
import { CATEGORIES } from '@stackradar/core/extract'
import { answer, checkSkills, columnsOf, listParam, okAnalytics, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/trends',
  summary: 'Share of ads that mention each skill or category, per period, with 95% intervals',
  request: { query: TrendsQuery },
  responses: okAnalytics(TrendsResponse, 'one point per period and series'),
})

export function trendsRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { skills, categories: rawCategories, interval, rolling } = c.req.valid('query')
    checkSkills('skills', skills)
    const categories = listParam('categories', rawCategories, CATEGORIES)
    if (!skills.length && !categories.length)
      throw badParam(
        'skills',
        'required, a comma-separated list of skill ids such as python,go (or categories=)',
      )
    if (skills.length + categories.length > LIMITS.trendSkills)
      throw badParam('skills', `at most ${LIMITS.trendSkills} skills and categories together`)
    const filters = await readFilters(c, deps)
    // The points come in the contract's shape (a TrendPoint each): sent as they are.
    const points: TrendPoint[] = await querySeries(deps.ch, {
      filters,
      interval,
      skills,
      categories,
      rolling,
    })
    const body: TrendsResponse = {
      interval,
      from: filters.from,
      to: filters.to,
      skills,
      categories,
      rolling,
      filters,
      points,
    }
    return answer(c, body, points, columnsOf(TrendPoint), 'trends')
  })
}
