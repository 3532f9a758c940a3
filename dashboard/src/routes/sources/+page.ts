// Sources: per-source health, coverage per month and the running work (backfill, queues). Each
// request streams into its own area, so one failing endpoint leaves the others readable.
import { fetchCoverage, fetchSources, fetchStatus, settle } from '$lib/api'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, depends }) => {
  depends('api:sources')
  return {
    sources: settle(fetchSources(fetch)),
    coverage: settle(fetchCoverage(fetch, '/api/v1/coverage')),
    status: settle(fetchStatus(fetch)),
  }
}
