// GET /api/v1/rankings and /api/v1/rising: skills ranked by share in a window against a
// comparison window (default: the 12 months ending on the newest ad vs the 12 before), with
// change, z-test p and the minimum count. `rising` is the same, sorted by change.
import { Hono } from 'hono'
import { parseDay } from '@stackradar/core/analytics/filters'
import { queryRankings } from '@stackradar/core/analytics/rankings'
import {
  RankedSkill,
  RankingsQuery,
  type RankingsResponse,
  type RankingSort,
} from '@stackradar/core/contracts/api/rankings'
import { answer, columnsOf, parseQuery, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'

export function rankingsRoutes(deps: ApiDeps, defaultSort: RankingSort) {
  return new Hono().get('/', async (c) => {
    const q = parseQuery(RankingsQuery, c)
    const filters = await readFilters(c, deps)
    const compare = {
      from: parseDay('compare_from', q.compare_from, 'start') ?? undefined,
      to: parseDay('compare_to', q.compare_to, 'end') ?? undefined,
    }
    if (compare.from && compare.to && compare.from > compare.to)
      throw badParam('compare_from', 'must not be after compare_to')
    const sort = q.sort ?? defaultSort
    const order = q.order ?? (sort === 'rank' || sort === 'name' || sort === 'p' ? 'asc' : 'desc')
    const r = await queryRankings(deps.ch, { filters, compare, minCount: q.min_count, sort, order })
    const body: RankingsResponse = {
      filters,
      window: r.window,
      compareWindow: r.compareWindow,
      minCount: r.minCount,
      sort,
      order,
      ranked: r.ranked.slice(0, q.limit),
      belowMinimum: r.belowMinimum,
    }
    return answer(c, body, [...body.ranked, ...body.belowMinimum], columnsOf(RankedSkill), 'rankings')
  })
}
