// The values each filter offers, from the API: fixed enums from the contracts, and the lists that
// depend on the data (sources, skill categories with labels, countries and industries seen), fetched
// once per session in the background so the filter bar renders at once.
import { REGIONS, ROLE_FAMILIES, SENIORITIES, WORK_MODES } from '@stackradar/core/contracts/api'
import { fetchBreakdown, fetchSkillList, fetchSources } from './api'
import type { ListFilter } from './filters'
import { facetLabel } from './labels'

export interface Option {
  value: string
  label: string
}
export type FilterOptions = Record<ListFilter, Option[]>

const fixed = (facet: string, values: readonly string[]): Option[] =>
  values.filter((v) => v !== 'unknown').map((value) => ({ value, label: facetLabel(facet, value) }))

/** What is known without asking the API. */
export function staticOptions(): FilterOptions {
  return {
    source: [],
    category: [],
    country: [],
    region: fixed('region', Object.keys(REGIONS)),
    work_mode: fixed('work_mode', WORK_MODES),
    seniority: fixed('seniority', SENIORITIES),
    industry: [],
    role_family: fixed('role_family', ROLE_FAMILIES),
  }
}

async function seenValues(facet: 'country' | 'industry'): Promise<Option[]> {
  const answer = await fetchBreakdown(fetch, `/api/v1/breakdown?facet=${facet}&interval=all`)
  return answer.rows
    .filter((r) => r.value !== 'unknown' && r.value !== '' && r.ads > 0)
    .sort((a, b) => b.ads - a.ads)
    .map((r) => ({ value: r.value, label: facetLabel(facet, r.value) }))
    .sort((a, b) => a.label.localeCompare(b.label))
}

let cache: Promise<FilterOptions> | null = null

/** Every option list; a list the API could not give stays empty (the bar still works). */
export function loadFilterOptions(): Promise<FilterOptions> {
  cache ??= (async () => {
    const options = staticOptions()
    const [sources, skills, countries, industries] = await Promise.allSettled([
      fetchSources(fetch),
      fetchSkillList(fetch),
      seenValues('country'),
      seenValues('industry'),
    ])
    if (sources.status === 'fulfilled')
      options.source = sources.value.sources.map((s) => ({
        value: s.id,
        label: s.id === 'hn' ? 'Hacker News' : s.id,
      }))
    if (skills.status === 'fulfilled')
      options.category = skills.value.categories.map((c) => ({ value: c.id, label: c.label }))
    if (countries.status === 'fulfilled') options.country = countries.value
    if (industries.status === 'fulfilled') options.industry = industries.value
    if ([sources, skills, countries, industries].some((r) => r.status === 'rejected')) cache = null // retry next time
    return options
  })()
  return cache
}
