// GET /api/v1/salaries?skills=go,java&interval=year: p10..p90 and n of annualised salary per
// group × period, permanent and contract apart, in USD or a chosen currency; small cells withheld;
// with skills, the premium of each (median with vs without it under the same filters).
import { createRoute } from '@hono/zod-openapi'
import { querySalaries } from '@stackradar/core/analytics'
import { SalariesQuery, SalariesResponse, SalaryCell } from '@stackradar/core/contracts/api'
import { answer, checkCurrency, checkSkills, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/salaries',
  summary:
    'Salary percentiles (p10..p90, n) per skill, seniority, country or work mode and period; premium of a skill',
  request: { query: SalariesQuery },
  responses: okAnalytics(
    SalariesResponse,
    'one cell per period, group and employment (permanent / contract)',
  ),
})

export function salariesRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const q = c.req.valid('query')
    const filters = await readFilters(c, deps)
    checkSkills('skills', q.skills)
    const currency = checkCurrency(q.currency)
    const by = q.by ?? (q.skills.length ? 'skill' : 'none')
    if (by === 'skill' && !q.skills.length) throw badParam('skills', 'required with by=skill')
    const interval = q.interval ?? 'year'
    const s = await querySalaries(deps.ch, {
      filters,
      by,
      skills: q.skills,
      interval,
      currency,
      minN: q.min_n,
    })
    const body: SalariesResponse = { filters, by, interval, ...s }
    return answer(c, body, body.cells, columnsOf(SalaryCell), 'salaries')
  })
}
