// GET /api/v1/rankings and /api/v1/rising: skills ranked by share in a window against a
// comparison window (default: the 12 months ending on the newest ad vs the 12 before), with
// change, z-test p and the minimum count. `rising` is the same, sorted by change.
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { parseDay, queryRankings } from '@stackradar/core/analytics'
import {
  RankedSkill,
  RankingsQuery,
  RankingsResponse,
  type RankingSort,
} from '@stackradar/core/contracts/api'
import { answer, asBadParam, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = (path: 'rankings' | 'rising', summary: string) =>
  createRoute({
    method: 'get',
    path: `/api/v1/${path}`,
    summary,
    request: { query: RankingsQuery },
    responses: okAnalytics(RankingsResponse, 'ranked skills, and those under min_count apart'),
  })

export function rankingsRoutes(deps: ApiDeps) {
  const run = async (c: Context, q: RankingsQuery, defaultSort: RankingSort) => {
    const filters = await readFilters(c, deps)
    const compare = {
      from: asBadParam(() => parseDay('compare_from', q.compare_from, 'start')) ?? undefined,
      to: asBadParam(() => parseDay('compare_to', q.compare_to, 'end')) ?? undefined,
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
  }
  return createRouter()
    .openapi(route('rankings', 'Skills ranked by share in a window, against a comparison window'), (c) =>
      run(c, c.req.valid('query'), 'rank'),
    )
    .openapi(
      route('rising', 'Skills whose share rose most between two windows (rankings sorted by change)'),
      (c) => run(c, c.req.valid('query'), 'change'),
    )
}
