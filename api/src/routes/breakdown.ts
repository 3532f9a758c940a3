// GET /api/v1/breakdown?facet=work_mode&interval=year: the share of ads per value of one facet per
// period, under the filter set (remote vs onsite over time, fintech vs healthtech, by country).
import { createRoute } from '@hono/zod-openapi'
import { queryBreakdown } from '@stackradar/core/analytics'
import { BreakdownQuery, BreakdownResponse, BreakdownRow } from '@stackradar/core/contracts/api'
import { answer, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/breakdown',
  summary: 'Share of ads per value of one facet (work mode, country, region, industry, …) per period',
  request: { query: BreakdownQuery },
  responses: okAnalytics(BreakdownResponse, 'one row per period and facet value'),
})

export function breakdownRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const q = c.req.valid('query')
    const filters = await readFilters(c, deps)
    const interval = q.interval ?? 'month'
    const rows = await queryBreakdown(deps.ch, { filters, facet: q.facet, interval })
    return answer(c, { filters, facet: q.facet, interval, rows }, rows, columnsOf(BreakdownRow), 'breakdown')
  })
}
