// The skill profile shares counts between its parts (the rankings' totals for the splits and the
// co-occurrence, one query for the four splits, one for the monthly share): on both paths it must
// answer exactly what the endpoints it is made of answer on their own (breakdown per facet, the
// monthly share as two breakdowns, co-occurrence, salaries), with cross-board copies that differ in
// facets and skills, inferred skills and a filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryBreakdown } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { NO_FILTERS, type Filters } from './filters.ts'
import { withAnalyticsPath } from './query-path.ts'
import { querySalaries } from './salaries.ts'
import { querySkillProfile } from './skill-profile.ts'
import { fixtureSet, makeAd, openTempClickHouse, writeAds } from './test-fixture.ts'

let ch: ClickHouseHandle

const base = fixtureSet(5)
const fixture = [
  ...base.map((a, i) => (i % 6 === 0 ? { ...a, inferred: ['django'] } : a)),
  ...base
    .filter((_, i) => i % 7 === 0)
    .map((a, i) =>
      makeAd({
        ...a,
        id: `copy-${a.id}`,
        source: 'board-b',
        work_mode: 'remote',
        country: i % 2 ? 'DE' : 'GB',
        industries: i % 3 ? ['fintech'] : [],
        skills: i % 2 ? [...a.skills, 'rust'] : a.skills.slice(1),
      }),
    ),
]

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(ch, fixture)
})
afterAll(async () => ch?.close())

/** The monthly share as the profile computed it before: two month breakdowns. */
async function monthlyShareOfBreakdowns(filters: Filters, skill: string) {
  const withSkill = await queryBreakdown(ch.client, { filters, facet: 'work_mode', interval: 'month', skill })
  const all = await queryBreakdown(ch.client, { filters, facet: 'work_mode', interval: 'month' })
  const skillAds = new Map(withSkill.map((r) => [r.period, r.total]))
  return [...new Map(all.map((r) => [r.period, r.total]))].map(([period, total]) => {
    const ads = skillAds.get(period) ?? 0
    return { period, value: skill, ads, total, share: Math.round((ads / total) * 1e6) / 1e6 }
  })
}

describe('the skill profile = the endpoints it is made of', () => {
  const cases: [string, Partial<Filters>][] = [
    ['none', {}],
    ['industry', { industry: ['fintech'] }],
    ['source + 2017', { source: ['board-b', 'hn'], from: '2017-01-01', to: '2017-12-31' }],
  ]
  for (const path of ['raw', 'rollup'] as const)
    for (const [name, mix] of cases)
      it(`${path}: ${name}`, () =>
        withAnalyticsPath(path, async () => {
          const filters = { ...NO_FILTERS, ...mix }
          for (const skill of ['go', 'python', 'rust']) {
            const p = await querySkillProfile(ch.client, {
              skill,
              filters,
              minCount: 1,
              minN: 1,
              currency: 'USD',
            })
            const now = { ...filters, from: p.window.from, to: p.window.to }
            const before = { ...filters, from: p.compareWindow.from, to: p.compareWindow.to }
            expect(p.ranking?.ads, skill).toBeGreaterThan(0)
            expect(p.trend, `${skill} trend`).toEqual(
              await monthlyShareOfBreakdowns({ ...filters, from: before.from, to: now.to }, skill),
            )
            for (const facet of ['work_mode', 'country', 'seniority', 'industry'] as const) {
              const rows = await queryBreakdown(ch.client, { filters: now, facet, interval: 'all', skill })
              expect(rows.length).toBeGreaterThan(0)
              expect(p.split[facet], `${skill} ${facet}`).toEqual(rows)
            }
            const co = await queryCooccurrence(ch.client, { filters: now, skills: [skill], limit: 15 })
            expect(co.rows.length).toBeGreaterThan(0)
            expect(p.cooccurring, `${skill} co-occurrence`).toEqual(co.rows)
            const salaries = async (f: Filters) =>
              (
                await querySalaries(ch.client, {
                  filters: f,
                  by: 'skill',
                  skills: [skill],
                  interval: 'all',
                  currency: 'USD',
                  minN: 1,
                })
              ).cells
            expect(p.salaries.now).toEqual(await salaries(now))
            expect(p.salaries.yearBefore).toEqual(await salaries(before))
          }
        }))
})
