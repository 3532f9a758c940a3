// Loads everything the trends page needs for the selection in the URL. Failures are returned as
// data (not thrown) so the page keeps its controls and shows an error with a retry link.
import {
  errorMessage,
  fetchSkills,
  fetchStatus,
  fetchTrends,
  type Skill,
  type Status,
  type TrendsResponse,
} from '$lib/api'
import { parseQuery, trendsPath, type TrendQuery } from '$lib/query'
import type { PageLoad } from './$types'

export interface TrendsPageData {
  query: TrendQuery
  skills: Skill[]
  /** Skill ids from the URL that the API does not know; dropped instead of failing the request. */
  unknownSkills: string[]
  trends: TrendsResponse | null
  status: Status | null
  error: string | null
}

// The skill catalogue rarely changes; fetch it once per page session, not on every selection change.
let skillsCache: Promise<Skill[]> | null = null

function loadSkills(fetchFn: typeof fetch): Promise<Skill[]> {
  skillsCache ??= fetchSkills(fetchFn).catch((err: unknown) => {
    skillsCache = null // let "Retry" try again
    throw err
  })
  return skillsCache
}

export const load: PageLoad = async ({ fetch, url, depends }): Promise<TrendsPageData> => {
  depends('api:trends')
  const query = parseQuery(url.searchParams)
  const data: TrendsPageData = {
    query,
    skills: [],
    unknownSkills: [],
    trends: null,
    status: null,
    error: null,
  }

  const statusPromise = fetchStatus(fetch).catch(() => null) // the banner is optional; never fail on it
  try {
    data.skills = await loadSkills(fetch)
    const known = new Set(data.skills.map((s) => s.id))
    data.unknownSkills = query.skills.filter((id) => !known.has(id))
    const skills = query.skills.filter((id) => known.has(id))
    if (skills.length > 0) data.trends = await fetchTrends(fetch, trendsPath({ ...query, skills }))
  } catch (err) {
    data.error = errorMessage(err)
  }
  data.status = await statusPromise
  return data
}
