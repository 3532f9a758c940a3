// GET /api/v1/coverage?source=hn&from=2016-01: per source and month, captured vs stated, pages
// failed, complete and suspect flags — so a chart can tell a capture gap from a market change.
import { createRoute } from '@hono/zod-openapi'
import { queryCoverage } from '@stackradar/core/analytics'
import { CoverageQuery, CoverageResponse, CoverageRow } from '@stackradar/core/contracts/api'
import { answer, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/coverage',
  summary: 'Per source and month: ads captured vs stated, pages failed, complete and suspect flags',
  request: { query: CoverageQuery },
  responses: okAnalytics(CoverageResponse, 'one row per source and month'),
})

export function coverageRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const filters = await readFilters(c, deps)
    const rows = await queryCoverage(deps.ch, filters)
    return answer(c, { filters, rows }, rows, columnsOf(CoverageRow), 'coverage')
  })
}
