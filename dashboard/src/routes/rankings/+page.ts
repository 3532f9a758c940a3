// Rankings: every skill ranked by share in a window against a comparison window, sorted by the API
// (sort/order in the URL), with sparklines for the rows shown. Requests stream into the page.
import { RANKING_SORTS, type RankingSort } from '@stackradar/core/contracts/api'
import { fetchRankings, settle } from '$lib/api'
import { apiPath, parseFilters, readEnum, readInt } from '$lib/filters'
import { loadSparklines } from '$lib/sparklines'
import type { PageLoad } from './$types'

const DEFAULT_MIN_COUNT = 20
const PAGE_ROWS = 50

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:rankings')
  const params = url.searchParams
  const filters = parseFilters(params)
  const sort = readEnum<RankingSort>(params, 'sort', RANKING_SORTS, 'rank')
  const defaultOrder = sort === 'rank' || sort === 'name' || sort === 'p' ? 'asc' : 'desc'
  const view = {
    sort,
    order: readEnum(params, 'order', ['asc', 'desc'] as const, defaultOrder),
    minCount: readInt(params, 'min_count', 1, 100_000, DEFAULT_MIN_COUNT),
    compareFrom: params.get('compare_from'),
    compareTo: params.get('compare_to'),
    rows: readInt(params, 'rows', 1, 200, PAGE_ROWS),
  }
  const rankings = fetchRankings(
    fetch,
    apiPath('/api/v1/rankings', filters, {
      sort: view.sort,
      order: view.order,
      min_count: view.minCount,
      compare_from: view.compareFrom,
      compare_to: view.compareTo,
      limit: 200,
    }),
  )
  const sparks = rankings.then((r) =>
    loadSparklines(
      fetch,
      r.ranked.slice(0, view.rows).map((s) => s.skill),
      filters,
      r.window,
    ),
  )
  return {
    filters,
    view,
    rankings: settle(rankings),
    sparks: sparks.catch(() => new Map()),
    csvHref: apiPath('/api/v1/rankings', filters, {
      sort: view.sort,
      order: view.order,
      min_count: view.minCount,
      compare_from: view.compareFrom,
      compare_to: view.compareTo,
      limit: 200,
      format: 'csv',
    }),
  }
}
