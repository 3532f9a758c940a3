// GET /api/v1/breakdown?facet=work_mode&interval=year: the share of ads per value of one facet per
// period, under the filter set (remote vs onsite over time, fintech vs healthtech, by country).
import { Hono } from 'hono'
import { queryBreakdown } from '@stackradar/core/analytics/breakdown'
import { BreakdownQuery, BreakdownRow } from '@stackradar/core/contracts/api/breakdown'
import { answer, columnsOf, parseQuery, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'

export function breakdownRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const q = parseQuery(BreakdownQuery, c)
    const filters = await readFilters(c, deps)
    const interval = q.interval ?? 'month'
    const rows = await queryBreakdown(deps.ch, { filters, facet: q.facet, interval })
    return answer(c, { filters, facet: q.facet, interval, rows }, rows, columnsOf(BreakdownRow), 'breakdown')
  })
}
