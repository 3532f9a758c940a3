// GET /api/v1/trends?skills=python,go&interval=month&from=2016-01&to=2018-06&source=hn
import { Hono } from 'hono'
import { INTERVALS, queryTrends, type Interval } from '@stackradar/core/analytics/trends'
import { getSkill } from '@stackradar/core/extract/index'
import { badParam } from '../errors.ts'
import type { ApiDeps } from '../deps.ts'

const MAX_SKILLS = 20

export function trendsRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const q = c.req.query()
    const skills = parseSkills(q.skills)
    const interval = (q.interval ?? 'month') as Interval
    if (!INTERVALS.includes(interval)) throw badParam('interval', `expected one of ${INTERVALS.join(', ')}`)
    const from = parseDay('from', q.from, 'start')
    const to = parseDay('to', q.to, 'end')
    if (from && to && from > to) throw badParam('from', 'must not be after to')
    const source = q.source?.trim() || null
    if (source && !/^[a-z0-9-]{1,40}$/.test(source))
      throw badParam('source', 'expected a source id such as hn')
    const points = await queryTrends(deps.ch, { skills, interval, from, to, source })
    return c.json({ interval, from, to, skills, points })
  })
}

function parseSkills(raw: string | undefined): string[] {
  if (!raw?.trim())
    throw badParam('skills', 'required, a comma-separated list of skill ids such as python,go')
  const ids = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
  if (ids.length > MAX_SKILLS) throw badParam('skills', `at most ${MAX_SKILLS} skills`)
  for (const id of ids) {
    if (!getSkill(id)) throw badParam('skills', `unknown skill id '${id.slice(0, 40)}'`)
  }
  return ids
}

/** YYYY-MM or YYYY-MM-DD → a day; a month means its first (from) or last (to) day. */
export function parseDay(param: string, raw: string | undefined, edge: 'start' | 'end'): string | null {
  if (!raw) return null
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(raw.trim())
  const bad = () => badParam(param, 'expected a month YYYY-MM or a day YYYY-MM-DD')
  if (!m) throw bad()
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])]
  if (year < 1970 || year > 2100 || month < 1 || month > 12) throw bad()
  const d =
    day === undefined
      ? new Date(Date.UTC(year, edge === 'start' ? month - 1 : month, edge === 'start' ? 1 : 0))
      : new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 2026-02-31 over into March: reject days the month does not have.
  if (day !== undefined && (d.getUTCMonth() !== month - 1 || day < 1)) throw bad()
  return d.toISOString().slice(0, 10)
}
