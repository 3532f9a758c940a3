// Ads: the ads behind any number — skills (all must match) and the shared filters from the URL,
// newest first, one page per cursor (the cursor is in the URL too, so Back returns to the page
// before). The request streams into the page.
import { fetchAds, settle } from '$lib/api'
import { apiPath, parseFilters, parseList } from '$lib/filters'
import { ADS_PER_PAGE, MAX_AD_SKILLS } from '$lib/ads'
import { loadSkills } from '$lib/skills-cache'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:ads')
  const filters = parseFilters(url.searchParams)
  const skills = parseList(url.searchParams.get('skills')?.toLowerCase() ?? null, MAX_AD_SKILLS)
  const cursor = url.searchParams.get('cursor')?.slice(0, 400) || null
  return {
    filters,
    skills,
    cursor,
    ads: settle(fetchAds(fetch, apiPath('/api/v1/ads', filters, { skills, cursor, limit: ADS_PER_PAGE }))),
    catalogue: settle(loadSkills(fetch, apiPath('/api/v1/skills', { ...filters, category: [] }))),
  }
}
