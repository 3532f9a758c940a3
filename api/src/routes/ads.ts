// GET /api/v1/ads?skill=python[&from=&to=&source=&limit=20]: why a skill was counted — the ads
// that mention it, the words that matched, and a link to each ad on its source (attribution).
import { createRoute } from '@hono/zod-openapi'
import { queryAdsForSkill } from '@stackradar/core/analytics'
import { AdsQuery, AdsResponse } from '@stackradar/core/contracts/api'
import { getSkill } from '@stackradar/core/extract'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { badRequest, createRouter, ok } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/ads',
  summary: 'The newest ads that mention a skill, with the words that matched',
  request: { query: AdsQuery },
  responses: { ...ok(AdsResponse, 'the ads, newest first'), ...badRequest },
})

export function adsRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { skill, from, to, source, limit } = c.req.valid('query')
    if (!getSkill(skill)) throw badParam('skill', `unknown skill id '${skill.slice(0, 40)}'`)
    const ads = await queryAdsForSkill(deps.ch, { skill, from, to, source, limit })
    return c.json({ skill, ads }, 200)
  })
}
