// Market: one breakdown request per facet (work mode, countries, industries, seniority, role
// families) under the shared filters, streamed into the page so each chart shows a skeleton until
// its answer arrives; the coverage answer marks the incomplete periods.
import { fetchBreakdown, fetchCoverage, settle, type Result } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import { MARKET_FACETS, parseMarketState, type Breakdown, type MarketFacet } from '$lib/market'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:market')
  const filters = parseFilters(url.searchParams)
  const state = parseMarketState(url.searchParams)
  const breakdowns = Object.fromEntries(
    MARKET_FACETS.map((f) => [
      f.facet,
      settle(
        fetchBreakdown(
          fetch,
          apiPath('/api/v1/breakdown', filters, { facet: f.facet, interval: state.interval }),
        ),
      ),
    ]),
  ) as Record<MarketFacet, Promise<Result<Breakdown>>>
  return {
    filters,
    state,
    breakdowns,
    coverage: fetchCoverage(fetch, apiPath('/api/v1/coverage', { ...filters, category: [] })).catch(
      () => null,
    ),
  }
}
