// Salaries: the shared filters and the page's own state (skills, grouping, period, currency,
// employment, smallest sample) come from the URL. Requests stream into the page (not awaited) so
// the shell renders at once; the coverage answer marks incomplete periods.
import { fetchCoverage, fetchSalaries, settle } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import { parseSalaryState, salariesPath } from '$lib/salaries'
import { loadSkills } from '$lib/skills-cache'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:salaries')
  const filters = parseFilters(url.searchParams)
  const state = parseSalaryState(url.searchParams)
  return {
    filters,
    state,
    salaries: settle(fetchSalaries(fetch, salariesPath(state, filters))),
    skills: settle(loadSkills(fetch, apiPath('/api/v1/skills', { ...filters, category: [] }))),
    coverage: fetchCoverage(fetch, apiPath('/api/v1/coverage', { ...filters, category: [] })).catch(
      () => null,
    ),
  }
}
