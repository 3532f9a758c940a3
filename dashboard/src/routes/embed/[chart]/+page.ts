// Embed: one chart alone (no shell), for an <iframe>. The same URL parameters as the full page:
//   /embed/trends?skills=go,rust&interval=quarter&measure=share&bands=0&source=hn
//   /embed/skill?skill=go            /embed/ads-per-source?from=2017-01
import { error } from '@sveltejs/kit'
import { fetchCoverage, fetchTrends, settle } from '$lib/api'
import { apiPath, parseFilters } from '$lib/filters'
import { parseQuery, trendsPath } from '$lib/query'
import { loadSkills, nameMap } from '$lib/skills-cache'
import type { PageLoad } from './$types'

const CHARTS = ['trends', 'skill', 'ads-per-source'] as const

export const load: PageLoad = ({ fetch, url, params }) => {
  const filters = parseFilters(url.searchParams)
  const query = parseQuery(url.searchParams)
  const names = loadSkills(fetch).then(nameMap, () => new Map<string, string>())
  switch (params.chart) {
    case 'trends':
    case 'skill': {
      const skill = url.searchParams.get('skill')?.toLowerCase()
      const asked =
        params.chart === 'skill' ? { ...query, skills: skill ? [skill] : [], categories: [] } : query
      if (asked.skills.length + asked.categories.length === 0)
        error(400, 'Name a skill: ?skill=go or ?skills=go,rust')
      return {
        chart: params.chart,
        query: asked,
        trends: settle(Promise.all([fetchTrends(fetch, trendsPath(asked, filters)), names])),
        coverage: null,
      }
    }
    case 'ads-per-source':
      return {
        chart: params.chart,
        query,
        trends: null,
        coverage: settle(fetchCoverage(fetch, apiPath('/api/v1/coverage', filters))),
      }
    default:
      error(404, `No chart "${params.chart}": one of ${CHARTS.join(', ')}`)
  }
}
