// GET /api/v1/salaries?skills=go,java&interval=year: p10..p90 and n of annualised salary per
// group × period, permanent and contract apart, in USD or a chosen currency; small cells withheld;
// with skills, the premium of each (median with vs without it under the same filters).
import { Hono } from 'hono'
import { querySalaries } from '@stackradar/core/analytics/salaries'
import { SalariesQuery, SalaryCell, type SalariesResponse } from '@stackradar/core/contracts/api/salaries'
import { FX_TABLE } from '@stackradar/core/extract/fx-rates'
import { answer, checkSkills, columnsOf, parseQuery, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'

export function salariesRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const q = parseQuery(SalariesQuery, c)
    const filters = await readFilters(c, deps)
    checkSkills('skills', q.skills)
    const currency = (q.currency ?? 'USD').toUpperCase()
    if (!FX_TABLE.perUsd[currency])
      throw badParam('currency', `unknown currency; allowed: ${Object.keys(FX_TABLE.perUsd).join(', ')}`)
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
