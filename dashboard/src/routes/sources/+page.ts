// Loads the per-source health for the sources page. Failures are returned as data (not thrown)
// so the page keeps its header and shows an error with a retry link, like the trends page.
import { errorMessage, fetchSources, type SourcesResponse } from '$lib/api'
import type { PageLoad } from './$types'

export interface SourcesPageData {
  sources: SourcesResponse | null
  error: string | null
}

export const load: PageLoad = async ({ fetch, depends }): Promise<SourcesPageData> => {
  depends('api:sources')
  try {
    return { sources: await fetchSources(fetch), error: null }
  } catch (err) {
    return { sources: null, error: errorMessage(err) }
  }
}
