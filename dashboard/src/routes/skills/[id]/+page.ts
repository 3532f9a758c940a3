// Skill page: the API's profile of one skill (rank, salaries, co-occurring skills, splits) under the
// filters, its monthly trend with bands over both windows, and evidence ads with their sentences.
import { fetchAds, fetchSkillProfile, fetchTrends, settle } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ fetch, url, params, depends }) => {
  depends('api:skill')
  const id = params.id.toLowerCase()
  const filters = parseFilters(url.searchParams)
  const profile = fetchSkillProfile(fetch, apiPath(`/api/v1/skills/${encodeURIComponent(id)}`, filters))
  const trend = profile.then((p) =>
    fetchTrends(
      fetch,
      apiPath(
        '/api/v1/trends',
        { ...filters, from: filters.from ?? p.compareWindow.from, to: filters.to ?? p.window.to },
        { skills: id, interval: 'month' },
      ),
    ),
  )
  return {
    id,
    filters,
    profile: settle(profile),
    trend: settle(trend),
    ads: settle(fetchAds(fetch, apiPath('/api/v1/ads', filters, { skills: id, limit: 10 }))),
  }
}
