// Overview: each data area is its own request under the shared filters, started here and streamed
// into the page (not awaited), so the shell renders at once and each card fills in when it can.
import { fetchBreakdown, fetchCoverage, fetchHealth, fetchRankings, fetchSalaries, settle } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import { loadSparklines } from '$lib/sparklines'
import { topByGroup } from '$lib/overview'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:overview')
  const filters = parseFilters(url.searchParams)
  const rankings = fetchRankings(fetch, apiPath('/api/v1/rankings', filters, { limit: 200 }))
  const sparks = rankings.then((r) => {
    const ids = topByGroup(r.ranked).flatMap((g) => g.rows.map((s) => s.skill))
    return loadSparklines(fetch, ids, filters, r.window)
  })
  // Headline numbers cover the rankings' window (the 12 months to the newest ad unless filtered).
  const inWindow = rankings.then((r) => ({ ...filters, from: r.window.from, to: r.window.to }))
  return {
    filters,
    rankings: settle(rankings),
    sparks: sparks.catch(() => new Map()), // sparklines are decoration: never an error
    coverage: settle(fetchCoverage(fetch, apiPath('/api/v1/coverage', filters))),
    health: fetchHealth(fetch).catch(() => null),
    salaries: settle(
      inWindow.then((f) => fetchSalaries(fetch, apiPath('/api/v1/salaries', f, { interval: 'all' }))),
    ),
    workMode: settle(
      inWindow.then((f) =>
        fetchBreakdown(fetch, apiPath('/api/v1/breakdown', f, { facet: 'work_mode', interval: 'all' })),
      ),
    ),
  }
}
