// The per-ad endpoints' faster shapes (windowed ad search and evidence ads, keyed lookups, one-pass
// co-occurrence) answer exactly as the previous queries (previous-shapes.ts) on the fixture: the
// seeded set plus cross-posted jobs, a re-extraction and a few recent ads far from the rest, so the
// search windows have to widen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { searchAds } from './ad-search.ts'
import { queryAdsForSkill } from './ads.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { NO_FILTERS, skillsInCategories, type Filters } from './filters.ts'
import {
  previousAdsForSkill,
  previousCooccurrence,
  previousSalaries,
  previousSearchRows,
} from './previous-shapes.ts'
import { querySalaries } from './salaries.ts'
import { PERIOD_SQL } from './trends.ts'
import {
  fixtureSet,
  makeAd,
  openTempClickHouse,
  writeAds,
  writeRawAds,
  type FixtureAd,
} from './test-fixture.ts'

let ch: ClickHouseHandle
const ads: FixtureAd[] = [
  ...fixtureSet(11),
  makeAd({
    id: 'x1a',
    source: 'hn',
    dedupe: 'x1',
    day: '2017-12-30',
    skills: ['go', 'rust'],
    work_mode: 'remote',
  }),
  makeAd({
    id: 'x1b',
    source: 'board-a',
    dedupe: 'x1',
    day: '2018-01-02',
    skills: ['go'],
    work_mode: 'remote',
  }),
  makeAd({ id: 'x2', day: '2017-06-01', skills: ['python'], extractedAt: '2026-01-01 00:00:00.000' }),
  makeAd({
    id: 'x2',
    day: '2017-06-01',
    skills: ['go', 'kafka'],
    version: 2,
    extractedAt: '2026-02-01 00:00:00.000',
  }),
  makeAd({
    id: 'r1',
    day: '2019-05-01',
    skills: ['go', 'python'],
    country: 'US',
    usdMin: 90_000,
    usdMax: 120_000,
    kind: 'salary',
  }),
  makeAd({ id: 'r2', day: '2019-05-20', skills: ['go'], country: 'US' }),
  // Re-extracted in the newest month (the first search window): only its newest row counts.
  makeAd({
    id: 'r3',
    day: '2019-05-10',
    skills: ['kafka', 'go'],
    work_mode: 'remote',
    version: 2,
    extractedAt: '2026-02-01 00:00:00.000',
  }),
]

/** r3's first extraction, in an insert of its own (an insert collapses its own rows by key). */
const r3First = makeAd({
  id: 'r3',
  day: '2019-05-10',
  skills: ['python'],
  extractedAt: '2026-01-01 00:00:00.000',
})

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(ch, [r3First])
  await writeAds(ch, ads)
  await writeRawAds(ch, ads, {
    format: 'text',
    payload: (a) => `Ad ${a.id}: we use ${a.skills.join(', ')}.`,
  })
})
afterAll(async () => ch?.close())

const FILTER_SETS: [string, Filters][] = [
  ['none', NO_FILTERS],
  ['remote', { ...NO_FILTERS, work_mode: ['remote'] }],
  ['2017 US', { ...NO_FILTERS, from: '2017-01-01', to: '2017-12-31', country: ['US'] }],
  ['to mid-2017', { ...NO_FILTERS, to: '2017-06-30' }],
  ['board-a', { ...NO_FILTERS, source: ['board-a'] }],
]
/** Page size and how many pages to compare. */
const PAGING: [number, number][] = [
  [2, 6],
  [40, 20],
]
const SKILL_SETS = [['go'], ['python', 'postgresql'], ['kubernetes'], ['kafka'], []]

describe('ad search: windowed and keyed = previous shape', () => {
  it.each(FILTER_SETS)('every page, filters %s', async (_name, filters) => {
    for (const skills of SKILL_SETS) {
      for (const [limit, pages] of PAGING) {
        let cursor: string | null = null
        let previousCursor: [string, string] | undefined
        for (let n = 0; n < pages; n++) {
          const page = await searchAds(ch.client, { filters, skills, limit, cursor })
          const before = await previousSearchRows(ch.client, {
            filters,
            skills,
            limit,
            cursor: previousCursor,
          })
          const rows = before.rows.slice(0, limit)
          expect(
            page.ads.map((a) => [
              a.adId,
              a.source,
              a.url,
              a.title,
              a.company,
              a.workMode,
              a.country,
              a.seniority,
            ]),
          ).toEqual(rows.map((r) => [r.ad_id, ...r.job.slice(0, 4), ...r.job.slice(5, 8)]))
          for (const [i, ad] of page.ads.entries()) {
            const version = Number(rows[i]!.job[4])
            const skillsBefore = before.evidence
              .filter((e) => e.ad_id === ad.adId && Number(e.extractor_version) === version)
              .map((e) => e.skill)
            expect(ad.matches.map((m) => m.skill).sort()).toEqual(skillsBefore.sort())
            expect(ad.snippet !== '').toBe(before.raws.some((r) => r.ad_id === ad.adId))
          }
          expect(page.nextCursor !== null).toBe(before.rows.length > limit)
          if (!page.nextCursor) break
          cursor = page.nextCursor
          const last = rows.at(-1)!
          previousCursor = [last.posted_at, last.ad_id]
        }
      }
    }
  })
})

describe('evidence ads of a skill: windowed = previous shape', () => {
  it('for every skill, range, source and limit', async () => {
    for (const skill of ['go', 'python', 'kafka', 'kubernetes', 'rust'])
      for (const [from, to] of [
        [null, null],
        ['2017-01-01', '2017-12-31'],
        ['2016-03-01', null],
      ] as const)
        for (const source of [null, 'board-a'])
          for (const limit of [2, 50]) {
            const now = await queryAdsForSkill(ch.client, { skill, from, to, source, limit })
            const before = await previousAdsForSkill(ch.client, { skill, from, to, source, limit })
            expect(now.map((a) => [a.adId, a.source, a.url, a.evidence])).toEqual(
              before.map((r) => [r.ad_id, r.source, r.url, r.evidence]),
            )
          }
  })
})

describe('co-occurrence: one pass = two scans', () => {
  it.each(FILTER_SETS)('filters %s', async (_name, filters) => {
    for (const skills of [['python'], ['go', 'rust'], ['kafka'], ['cobol']]) {
      for (const category of [[], ['database']]) {
        const f = { ...filters, category }
        const now = await queryCooccurrence(ch.client, { filters: f, skills, limit: 1000 })
        const before = await previousCooccurrence(ch.client, f, skills, skillsInCategories(category))
        expect([now.total, now.anchorAds]).toEqual([before.total, before.anchorAds])
        expect(now.rows.map((r) => [r.skill, r.ads, r.skillAds]).sort()).toEqual(
          before.rows.map((r) => [r.skill, Number(r.together), Number(r.all)]).sort(),
        )
      }
    }
  })
})

describe('salaries: one pass = cells and premium as two scans', () => {
  it.each(FILTER_SETS)('filters %s', async (_name, filters) => {
    for (const by of ['none', 'seniority', 'country', 'work_mode', 'skill'] as const)
      for (const interval of ['quarter', 'all'] as const)
        for (const skills of [['go', 'cobol'], []]) {
          const now = await querySalaries(ch.client, {
            filters,
            by,
            skills,
            interval,
            currency: 'USD',
            minN: 1,
          })
          const period = interval === 'all' ? "'all'" : `toString(${PERIOD_SQL[interval]})`
          const before = await previousSalaries(ch.client, { filters, by, skills, period })
          expect(
            now.cells.map((c) => [
              c.period,
              c.group,
              c.employment,
              c.n,
              c.p10,
              c.p25,
              c.median,
              c.p75,
              c.p90,
            ]),
          ).toEqual(
            before.cells.map((r) => [
              r.period,
              r.grp,
              r.employment,
              Number(r.n),
              ...r.q.map((x) => Math.round(x)),
            ]),
          )
          expect(
            now.premium.map((p) => [
              p.skill,
              p.employment,
              p.nWith,
              p.nWithout,
              p.medianWith,
              p.medianWithout,
            ]),
          ).toEqual(
            before.premium.map((r) => {
              const nWith = Number(r.n_with)
              const nWithout = Number(r.n_without)
              return [
                r.skill,
                r.employment,
                nWith,
                nWithout,
                nWith >= 1 ? Math.round(r.m_with) : null,
                nWithout >= 1 ? Math.round(r.m_without) : null,
              ]
            }),
          )
        }
  })
})
