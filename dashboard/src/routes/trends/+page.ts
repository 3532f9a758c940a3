// Trends: the selection (skills / categories, interval, measure, bands, rolling, hidden lines) and the
// shared filters come from the URL. Requests start here and stream into the page (not awaited), so
// the shell and controls render at once and the chart area shows a skeleton until data arrives.
import { fetchStatus, fetchTrends, settle, type Status, type TrendsResponse } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import { parseQuery, trendsPath } from '$lib/query'
import { loadSkills } from '$lib/skills-cache'
import type { PageLoad } from './$types'

export interface TrendsAnswer {
  trends: TrendsResponse | null
  /** Skill ids from the URL that the API does not know; dropped instead of failing the request. */
  unknown: string[]
}

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:trends')
  const query = parseQuery(url.searchParams)
  const filters = parseFilters(url.searchParams)
  // The picker's catalogue follows the date range and source (its "no ads" flags depend on them).
  const skills = loadSkills(fetch, apiPath('/api/v1/skills', { ...filters, category: [] }))
  const trends = skills.then(async (catalogue): Promise<TrendsAnswer> => {
    const known = new Set(catalogue.skills.map((s) => s.id))
    const categories = new Set(catalogue.categories.map((c) => c.id))
    const unknown = [
      ...query.skills.filter((id) => !known.has(id)),
      ...query.categories.filter((id) => !categories.has(id)),
    ]
    const asked = {
      ...query,
      skills: query.skills.filter((id) => known.has(id)),
      categories: query.categories.filter((id) => categories.has(id)),
    }
    if (asked.skills.length + asked.categories.length === 0) return { trends: null, unknown }
    return { trends: await fetchTrends(fetch, trendsPath(asked, filters)), unknown }
  })
  return {
    query,
    filters,
    skills: settle(skills),
    trends: settle(trends),
    status: fetchStatus(fetch).catch((): Status | null => null), // the banner is optional
  }
}
