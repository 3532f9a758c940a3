// GET /api/v1/ads?skills=go,postgresql&work_mode=remote[&cursor=…]: the ads behind a number —
// every ad that mentions all the skills under the filter set, newest first, one per job, paged by
// cursor, each with the words that matched, a snippet of the surrounding text and its link and
// credit line on the source.
import { createRoute } from '@hono/zod-openapi'
import { searchAds } from '@stackradar/core/analytics'
import { AdHit, AdsQuery, AdsResponse } from '@stackradar/core/contracts/api'
import { answer, asBadParam, checkSkills, columnsOf, okAnalytics, readFilters } from '../analytics-http.ts'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/ads',
  summary: 'Search ads by skills and filters, newest first, with evidence and a snippet',
  request: { query: AdsQuery },
  responses: okAnalytics(AdsResponse, 'a page of ads, newest first, and the cursor of the next'),
})

export function adsRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const q = c.req.valid('query')
    const one = q.skill?.trim().toLowerCase()
    const skills = [...new Set([...(one ? [one] : []), ...q.skills])]
    checkSkills(one ? 'skill' : 'skills', skills)
    const filters = await readFilters(c, deps)
    const page = await asBadParam(() =>
      searchAds(deps.ch, { filters, skills, limit: q.limit, cursor: q.cursor ?? null }),
    )
    const body: AdsResponse = { skill: skills[0] ?? null, skills, filters, ...page }
    return answer(c, body, page.ads, columnsOf(AdHit), 'ads')
  })
}
