// GET /api/v1/ads?skill=python[&from=&to=&source=&limit=20]: why a skill was counted — the ads
// that mention it, the words that matched, and a link to each ad on its source (attribution).
import { Hono } from 'hono'
import { queryAdsForSkill } from '@stackradar/core/analytics/ads'
import { getSkill } from '@stackradar/core/extract/index'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'
import { parseDay } from './trends.ts'

export function adsRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const q = c.req.query()
    const skill = q.skill?.trim().toLowerCase()
    if (!skill) throw badParam('skill', 'required, a skill id such as python')
    if (!getSkill(skill)) throw badParam('skill', `unknown skill id '${skill.slice(0, 40)}'`)
    const limit = q.limit === undefined ? 20 : Number(q.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw badParam('limit', 'an integer from 1 to 200')
    const source = q.source?.trim() || null
    if (source && !/^[a-z0-9-]{1,40}$/.test(source))
      throw badParam('source', 'expected a source id such as hn')
    const from = parseDay('from', q.from, 'start')
    const to = parseDay('to', q.to, 'end')
    const ads = await queryAdsForSkill(deps.ch, { skill, from, to, source, limit })
    return c.json({ skill, ads })
  })
}
