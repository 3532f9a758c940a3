// The paths of the query layer on one fixture: every endpoint built on the rollups and tallies
// (trends, rankings / rising, skills, breakdown, co-occurrence, salaries, the skill profile, coverage)
// answers exactly as on the raw rows,
// under filter mixes with industry, region, source, facets, weeks across a year boundary,
// cross-board copies of one job (some on three days across period and window edges) and inferred
// skills. Spot checks against the plain-TypeScript
// oracle make sure "equal" is not "equally wrong".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { BREAKDOWN_FACETS } from '../contracts/api/analytics-filters.ts'
import { queryBreakdown } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { queryCoverage } from './coverage.ts'
import { addDays, NO_FILTERS, type Filters } from './filters.ts'
import { tallies } from '../tables/tallies.ts'
import { ESTIMATE_DAYS, FIRST_WINDOW_DAYS, searchAds } from './ad-search.ts'
import { queryAdsForSkill } from './ads.ts'
import { choosePath, withAnalyticsPath } from './query-path.ts'
import { newestAndHolding } from './tally-kept.ts'
import { queryRankings } from './rankings.ts'
import { querySalaries } from './salaries.ts'
import { querySkillProfile } from './skill-profile.ts'
import { querySkillSplits } from './breakdown.ts'
import { SKILL_SPLIT_FACETS } from './facet-sql.ts'
import { querySkillCatalog } from './skills.ts'
import { querySeries } from './trend-series.ts'
import {
  currentDistinctAds,
  fixtureSet,
  makeAd,
  openTempClickHouse,
  writeAds,
  type FixtureAd,
} from './test-fixture.ts'

let ch: ClickHouseHandle

/** The seeded set, plus copies of some jobs on another board with other facets, inferred skills
 * and ads in the weeks around new year. */
function mixedFixture(): FixtureAd[] {
  const base = fixtureSet(11)
  const copies = base
    .filter((_, i) => i % 9 === 0)
    .map((a, i) =>
      makeAd({
        ...a,
        id: `copy-${a.id}`,
        source: 'board-b',
        country: i % 2 ? 'DE' : a.country,
        work_mode: 'remote',
        industries: i % 3 ? ['fintech', 'e-commerce'] : a.industries,
        skills: i % 4 ? a.skills : [...a.skills, 'rust'],
        // Some copies state another salary, some appear days later: both paths must pick the
        // same copy of the job.
        ...(i % 5 === 1 && a.usdMin ? { usdMin: a.usdMin + 10_000, usdMax: a.usdMax + 10_000 } : {}),
        ...(i % 7 === 2 ? { day: addDays(a.day, 3) } : {}),
      }),
    )
  const newYear = ['2016-12-25', '2016-12-26', '2016-12-31', '2017-01-01', '2017-01-02', '2017-01-08'].map(
    (day, i) =>
      makeAd({
        id: `ny-${i}`,
        day,
        skills: i % 2 ? ['go', 'docker'] : ['python'],
        inferred: i % 2 ? [] : ['django'],
        country: i < 3 ? 'GB' : 'US',
        industries: ['saas'],
        seniority: 'senior',
      }),
  )
  // Jobs with copies on three days across week, month, year and window edges (the all-boards
  // tallies count a copy day by its previous one): some copies name other skills. Salaried, each
  // copy paying another amount, and remote in the US (the facet tallies' filters): jobs on several
  // days under one facet value are worked out per job.
  const spans = [
    ['2016-12-30', '2017-01-02', '2017-01-20'],
    ['2016-12-10', '2016-12-20', '2016-12-21'],
    ['2017-01-08', '2017-01-08', '2017-01-13'],
  ].flatMap((days, j) =>
    days.map((day, i) =>
      makeAd({
        id: `span-${j}-${i}`,
        dedupe: `span-${j}`,
        day,
        source: i === 1 ? 'board-b' : 'hn',
        skills: i === 1 ? ['go'] : ['python', 'go'],
        country: 'US',
        work_mode: 'remote',
        industries: ['saas'],
        usdMin: 100_000 + j * 20_000 + i * 5_000,
        usdMax: 120_000 + j * 20_000 + i * 5_000,
        kind: 'salary',
      }),
    ),
  )
  // A job first salaried in Britain (2016) and then in the US (2017): under country US its salary
  // counts in its US copy's month and year.
  const movedIn = [
    ['2016-12-29', 'GB'],
    ['2017-01-03', 'US'],
  ].map(([day, country], i) =>
    makeAd({
      id: `moved-${i}`,
      dedupe: 'moved',
      day: day!,
      source: i ? 'board-b' : 'hn',
      skills: ['python'],
      country: country!,
      work_mode: 'remote',
      industries: ['saas'],
      usdMin: 150_000 + i * 10_000,
      usdMax: 170_000 + i * 10_000,
      kind: 'salary',
    }),
  )
  // A job whose copies name python, docker, go and rust on days in four months: the pairs'
  // shortest intervals cross months, and start before the window, in it or end after it.
  const crossing = [
    ['2017-02-27', ['python']],
    ['2017-03-02', ['docker']],
    ['2017-03-31', ['docker', 'python', 'go']],
    ['2017-04-01', ['go']],
    ['2017-05-10', ['rust']],
  ].map(([day, skills], i) =>
    makeAd({
      id: `cross-${i}`,
      dedupe: 'cross',
      day: day as string,
      source: i % 2 ? 'board-b' : 'hn',
      skills: skills as string[],
      industries: [],
      // Salaried on three of its days, each copy paying another amount.
      ...(i !== 1 && { usdMin: 90_000 + i * 10_000, usdMax: 110_000 + i * 10_000, kind: 'salary' }),
    }),
  )
  // In a country of their own: elixir with kafka on 3 jobs (kafka on 5 in all) and with scala on 3
  // (scala on those only). With one row asked, kafka and scala tie at 3 together and scala ranks
  // first by lift (the first pass counts at least two skills per row asked, so both are in it).
  const tie = [
    ...[0, 1, 2].map((i) => ({ skills: ['elixir', 'kafka'], i })),
    ...[3, 4].map((i) => ({ skills: ['kafka'], i })),
    ...[5, 6, 7].map((i) => ({ skills: ['elixir', 'scala'], i })),
  ].map(({ skills, i }) => makeAd({ id: `tie-${i}`, day: '2017-06-01', skills, country: 'NZ' }))
  // In another country: elixir on 4 jobs, one of them with scala (its only ad); kafka and java on
  // 10 jobs each, never with elixir. Were skills independent of elixir, the most common one would
  // be seen with it on ~2.9 jobs, so the first pass counts kafka and java alone; both are seen
  // with it on none, so scala must be counted in the second pass.
  const unlike = [
    ...[0, 1, 2, 3].map((i) => ({ skills: i === 0 ? ['elixir', 'scala'] : ['elixir'], i })),
    ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((i) => ({ skills: ['kafka', 'java'], i })),
  ].map(({ skills, i }) => makeAd({ id: `unlike-${i}`, day: '2017-06-02', skills, country: 'IS' }))
  const inferred = base
    .filter((_, i) => i % 5 === 0)
    .map((a) => ({ ...a, inferred: a.skills.includes('docker') ? [] : ['docker'] }))
  return [
    ...base.map((a, i) => (i % 5 === 0 ? inferred[i / 5]! : a)),
    ...copies,
    ...newYear,
    ...spans,
    ...movedIn,
    ...crossing,
    ...tie,
    ...unlike,
  ]
}

const fixture = mixedFixture()

beforeAll(async () => {
  ch = await openTempClickHouse()
  // Written in three inserts, one of them twice (a re-run).
  await writeAds(ch, fixture.slice(0, 150))
  await writeAds(ch, fixture.slice(150))
  await writeAds(ch, fixture.slice(100, 200))
  expect(await tallies.refresh(ch.client, { settleMs: 0 })).toEqual({ done: 'full' })
})
afterAll(async () => ch?.close())

const MIXES: Record<string, Partial<Filters>> = {
  none: {},
  industry: { industry: ['fintech'] },
  'industry+seniority': { industry: ['fintech', 'saas'], seniority: ['senior', 'mid'] },
  region: { region: ['europe'] },
  source: { source: ['board-b'] },
  'country+work_mode+year': {
    country: ['US'],
    work_mode: ['remote', 'onsite'],
    from: '2017-01-01',
    to: '2017-12-31',
  },
  'weeks over new year': { from: '2016-12-19', to: '2017-01-15' },
  // One value of one split facet: the facet tallies' path where the question is additive.
  'country one': { country: ['US'] },
  // Breakdowns by country, seniority or region read the pairs' rows under it.
  'work_mode one': { work_mode: ['remote'] },
  'seniority one+year': { seniority: ['senior'], from: '2017-01-01', to: '2017-12-31' },
  // One value of each facet of a tallied pair: the pair's rows in the facet tallies.
  'country+work_mode one': { country: ['US'], work_mode: ['remote'] },
  'country+work_mode one+cut year': {
    country: ['US'],
    work_mode: ['remote'],
    from: '2017-01-10',
    to: '2017-12-20',
  },
  // The second pair: one seniority with one work mode (migration 024).
  'seniority+work_mode one+year': {
    seniority: ['senior'],
    work_mode: ['remote'],
    from: '2017-01-01',
    to: '2017-12-31',
  },
  // The third: one region with one work mode (migration 026), over a window that cuts months.
  'region+work_mode one+cut year': {
    region: ['europe'],
    work_mode: ['remote'],
    from: '2016-11-20',
    to: '2017-10-10',
  },
  'role+employment+category': {
    role_family: ['backend'],
    employment_type: ['permanent'],
    category: ['database'],
  },
}

/** The raw and rollup answers; the tally path (the rollups where the question is not additive)
 * must equal the rollup answer. */
async function both<T>(fn: () => Promise<T>): Promise<{ raw: T; rollup: T }> {
  const rollup = await withAnalyticsPath('rollup', fn)
  expect(await withAnalyticsPath('tally', fn), 'tally path').toEqual(rollup)
  return { raw: await withAnalyticsPath('raw', fn), rollup }
}

describe('rollup and raw paths give the same numbers', () => {
  it('the fixture is answered from the rollups when nothing forces a path', async () => {
    const path = async (q: Parameters<typeof choosePath>[1]) => (await choosePath(ch.client, q)).path
    expect(await path({ filters: NO_FILTERS })).toBe('rollup')
    expect(await path({ filters: { ...NO_FILTERS, industry: ['fintech'], region: ['europe'] } })).toBe(
      'rollup',
    )
    expect(await path({ filters: NO_FILTERS, fits: false })).toBe('raw')
    // Additive questions under dates and boards read the tallies; a facet filter needs the rollups.
    expect(await path({ filters: NO_FILTERS, additive: true })).toBe('tally')
    expect(
      await path({ filters: { ...NO_FILTERS, source: ['board-b'], from: '2017-01-01' }, additive: true }),
    ).toBe('tally')
    expect(await path({ filters: { ...NO_FILTERS, seniority: ['senior'] }, additive: true })).toBe('rollup')
    // One value of a split facet, or of each facet of a tallied pair: the facet tallies, for
    // callers that read them.
    for (const one of [
      MIXES['country one'],
      MIXES.region,
      MIXES['country+work_mode one'],
      MIXES['seniority+work_mode one+year'],
      MIXES['region+work_mode one+cut year'],
    ])
      expect(await path({ filters: { ...NO_FILTERS, ...one }, additive: true, facetTallies: true })).toBe(
        'tally',
      )
  })

  for (const [name, mix] of Object.entries(MIXES)) {
    const filters: Filters = { ...NO_FILTERS, ...mix }
    it(`trends by week and quarter, skills and categories: ${name}`, async () => {
      for (const interval of ['week', 'quarter'] as const) {
        const q = {
          filters,
          interval,
          skills: ['python', 'go', 'docker', 'rust'],
          categories: ['database'],
          rolling: 2,
        }
        const { raw, rollup } = await both(() => querySeries(ch.client, q))
        expect(raw.length).toBeGreaterThan(0)
        expect(rollup).toEqual(raw)
        // Skills alone: the additive form the tallies answer.
        const skillsOnly = await both(() => querySeries(ch.client, { ...q, categories: [] }))
        expect(skillsOnly.rollup).toEqual(skillsOnly.raw)
      }
    })

    it(`rankings, rising and the skill catalog: ${name}`, async () => {
      const rank = await both(() =>
        queryRankings(ch.client, { filters, minCount: 3, sort: 'rank', order: 'asc' }),
      )
      expect(rank.rollup).toEqual(rank.raw)
      const rising = await both(() =>
        queryRankings(ch.client, {
          filters: { ...filters, from: null, to: null },
          compare: { from: '2016-01-01', to: '2016-12-31' },
          minCount: 2,
          sort: 'change',
          order: 'desc',
        }),
      )
      expect(rising.rollup).toEqual(rising.raw)
      const cat = await both(() => querySkillCatalog(ch.client, filters))
      expect(cat.rollup).toEqual(cat.raw)
    })

    it(`coverage volumes per source and month: ${name}`, async () => {
      const now = new Date('2026-01-01T00:00:00Z')
      const { raw, rollup } = await both(() => queryCoverage(ch.client, filters, now))
      expect(raw.length).toBeGreaterThan(0)
      expect(rollup).toEqual(raw)
    })

    // Short lists too: with the counts known, the tally path counts the skills with the most ads
    // first and the rest only down to the bound their counts set (ties included).
    it(`co-occurrence with one and several anchor skills: ${name}`, async () => {
      let rows = 0
      for (const skills of [['python'], ['go', 'docker'], ['go', 'rust', 'postgresql'], ['cobol']])
        for (const limit of [1000, 1, 2, 3, 5]) {
          const { raw, rollup } = await both(() => queryCooccurrence(ch.client, { filters, skills, limit }))
          expect(rollup, `${skills.join()} limit ${limit}`).toEqual(raw)
          rows += raw.rows.length
        }
      expect(rows).toBeGreaterThan(0)
    })

    // elixir's one row in a country of its own (fixture): the same on both paths, and as expected.
    const elixirShortList = async (country: string) => {
      const f = { ...filters, country: [country] }
      const { raw, rollup } = await both(() =>
        queryCooccurrence(ch.client, { filters: f, skills: ['elixir'], limit: 1 }),
      )
      expect(rollup).toEqual(raw)
      return raw.rows.map((r) => [r.skill, r.ads, r.skillAds])
    }

    if (name === 'none')
      it('co-occurrence keeps a skill that ties the bound of the short list and ranks first by lift', async () => {
        expect(await elixirShortList('NZ')).toEqual([['scala', 3, 3]])
      })

    if (name === 'none')
      it('co-occurrence counts in a second pass a skill the first pass left out for its few ads', async () => {
        expect(await elixirShortList('IS')).toEqual([['scala', 1, 1]])
      })

    if (name === 'none')
      it('co-occurrence of one skill over windows that cut jobs on several days and months', async () => {
        const windows = [
          ['2016-12-15', '2017-01-10'],
          ['2016-12-01', '2017-01-31'],
          ['2017-02-27', '2017-03-02'],
          ['2017-02-28', '2017-03-31'],
          ['2017-03-01', '2017-03-31'],
          ['2017-03-02', '2017-04-30'],
          ['2016-12-21', '2017-01-08'],
          ['2016-12-01', '2017-01-31'],
          ['2017-01-02', '2017-12-31'],
          ['2016-12-30', '2017-01-19'],
        ]
        for (const [from, to] of windows)
          for (const skill of ['python', 'docker', 'go']) {
            const f = { ...filters, from: from!, to: to! }
            const { raw, rollup } = await both(() =>
              queryCooccurrence(ch.client, { filters: f, skills: [skill], limit: 1000 }),
            )
            expect(rollup, `${skill} ${from}..${to}`).toEqual(raw)
          }
      })

    if (name === 'none')
      it("a skill's split by facet over windows that cut jobs on several days and months", async () => {
        const windows = [
          ['2016-12-15', '2017-01-10'],
          ['2016-12-01', '2017-01-31'],
          ['2017-02-27', '2017-03-02'],
          ['2017-03-01', '2017-03-31'],
          ['2017-03-02', '2017-04-30'],
          ['2016-12-21', '2017-01-08'],
          ['2017-01-02', '2017-12-31'],
          ['2016-12-30', '2017-01-19'],
        ]
        let values = 0
        for (const [from, to] of windows)
          for (const skill of ['python', 'docker', 'go']) {
            const f = { ...filters, from: from!, to: to! }
            const { raw, rollup } = await both(() =>
              querySkillSplits(ch.client, { filters: f, facets: SKILL_SPLIT_FACETS, skill, total: 10 }),
            )
            expect(rollup, `${skill} ${from}..${to}`).toEqual(raw)
            values += Object.values(raw).flat().length
          }
        expect(values).toBeGreaterThan(50)
      })

    // Under one facet value the tallies hold one-day jobs only: every job on several days in the
    // window is worked out per job, whether the window cuts it or not.
    if (
      name === 'none' ||
      name === 'country one' ||
      name === 'country+work_mode one' ||
      name === 'seniority+work_mode one+year' ||
      name === 'region+work_mode one+cut year' ||
      name === 'region'
    )
      it(`salaries over windows that cut jobs salaried on several days and months: ${name}`, async () => {
        const windows = [
          ['2016-12-15', '2017-01-10'],
          ['2016-12-01', '2017-01-31'],
          ['2017-02-27', '2017-03-02'],
          ['2017-02-28', '2017-03-31'],
          ['2017-03-01', '2017-04-30'],
          ['2017-03-31', '2017-05-31'],
          ['2016-06-15', '2017-03-15'],
        ]
        // Windows holding whole years (read from year rows per year and over the window), alone
        // or with cut months and days around them.
        const yearWindows = [
          ['2016-01-01', '2016-12-31'],
          ['2016-06-15', '2017-12-31'],
          ['2015-12-20', '2018-01-05'],
        ]
        const asked = [
          ...windows.map((w) => [w, ['month', 'quarter', 'all'] as const] as const),
          ...yearWindows.map((w) => [w, ['year', 'all', 'quarter'] as const] as const),
        ]
        let cells = 0
        for (const [[from, to], intervals] of asked)
          for (const by of ['none', 'skill'] as const)
            for (const interval of intervals) {
              const f = { ...filters, from: from!, to: to! }
              const sq = {
                filters: f,
                by,
                skills: ['python', 'docker', 'go'],
                interval,
                currency: 'GBP',
                minN: 1,
              }
              const { raw, rollup } = await both(() => querySalaries(ch.client, sq))
              expect(rollup, `${by} ${interval} ${from}..${to}`).toEqual(raw)
              // The cells alone (the skill profile's): the same cells, no premium.
              const cellsOnly = await both(() => querySalaries(ch.client, { ...sq, premium: false }))
              expect(cellsOnly.raw, `cells only ${by} ${interval} ${from}..${to}`).toEqual({
                ...raw,
                premium: [],
              })
              cells += raw.cells.length
            }
        expect(cells).toBeGreaterThan(0)
      })

    it(`salaries by every group, per year and overall, with the premium: ${name}`, async () => {
      let cells = 0
      for (const by of ['none', 'seniority', 'country', 'work_mode', 'skill'] as const) {
        for (const interval of ['year', 'all'] as const) {
          const q = { filters, by, skills: ['python', 'go', 'docker'], interval, currency: 'EUR', minN: 1 }
          const { raw, rollup } = await both(() => querySalaries(ch.client, q))
          expect(rollup, `${by} ${interval}`).toEqual(raw)
          const cellsOnly = await both(() => querySalaries(ch.client, { ...q, premium: false }))
          expect(cellsOnly.raw, `cells only ${by} ${interval}`).toEqual({ ...raw, premium: [] })
          cells += raw.cells.length
        }
      }
      if (name === 'none') expect(cells).toBeGreaterThan(0)
    })

    it(`breakdown by every facet, with and without a skill: ${name}`, async () => {
      for (const facet of BREAKDOWN_FACETS) {
        for (const skill of [undefined, 'python']) {
          const q = { filters, facet, interval: 'year' as const, ...(skill && { skill }) }
          const { raw, rollup } = await both(() => queryBreakdown(ch.client, q))
          expect(rollup, `${facet} ${skill ?? ''}`).toEqual(raw)
        }
      }
    })
  }

  it('the skill profile (rank, trend, splits, salaries) under every filter mix', async () => {
    for (const mix of Object.values(MIXES)) {
      const q = { skill: 'go', filters: { ...NO_FILTERS, ...mix }, minCount: 1, minN: 1, currency: 'USD' }
      const { raw, rollup } = await both(() => querySkillProfile(ch.client, q))
      expect(raw.trend.length).toBeGreaterThan(0)
      expect(rollup).toEqual(raw)
    }
  })

  it("newest-first ad search and evidence ads: the same pages with and without the tallies' estimate", async () => {
    const estimated = new Map<string, number>()
    let older = 0
    // Without filters, and under one facet value or a pair (the estimate from the facet tallies).
    const mixes: Partial<Filters>[] = [
      {},
      { country: ['US'] },
      { seniority: ['senior'] },
      { work_mode: ['remote'] },
      { country: ['US'], work_mode: ['remote'] },
      { region: ['europe'], work_mode: ['remote'] },
    ]
    for (const mix of mixes)
      for (const skill of ['python', 'docker', 'go', undefined])
        for (const limit of [1, 2, 5]) {
          const filters = { ...NO_FILTERS, ...mix }
          const run = () => searchAds(ch.client, { filters, skills: skill ? [skill] : [], limit })
          const rollup = await withAnalyticsPath('rollup', run)
          expect(await withAnalyticsPath('tally', run), `${JSON.stringify(mix)} ${skill} ${limit}`).toEqual(
            rollup,
          )
          expect(rollup.ads.length).toBe(limit)
          if (skill && !Object.keys(mix).length) {
            const evidence = () => queryAdsForSkill(ch.client, { skill, limit, source: null })
            expect(await withAnalyticsPath('tally', evidence)).toEqual(
              await withAnalyticsPath('rollup', evidence),
            )
          }
          const est = await withAnalyticsPath('tally', () =>
            newestAndHolding(ch.client, {
              filters,
              skill,
              cap: '2149-06-06',
              days: ESTIMATE_DAYS,
              need: (limit + 1) * 2,
            }),
          )
          const key = JSON.stringify(mix)
          if (est.holding !== null) estimated.set(key, (estimated.get(key) ?? 0) + 1)
          if (est.holding !== null && est.top !== null && est.holding <= addDays(est.top, -FIRST_WINDOW_DAYS))
            older += 1
        }
    // The estimate answered for some of each (else the tally runs above tested nothing new), and
    // some reached back past the first window (the pair: too few US remote jobs in a month), so
    // the search from an older estimate gave the same pages too.
    expect(mixes.map((m) => estimated.get(JSON.stringify(m)) ?? 0)).not.toContain(0)
    expect(older).toBeGreaterThan(0)
  })

  it('and both agree with the oracle: distinct jobs, inferred skills never counted', async () => {
    const jobs = currentDistinctAds(fixture)
    for (const path of ['raw', 'rollup', 'tally'] as const) {
      // Co-occurrence: a job is an anchor job when its copies together name every anchor skill.
      const co = await withAnalyticsPath(path, () =>
        queryCooccurrence(ch.client, { filters: NO_FILTERS, skills: ['python'], limit: 1000 }),
      )
      const anchor = jobs.filter((j) => j.allSkills.has('python'))
      expect([co.total, co.anchorAds], path).toEqual([jobs.length, anchor.length])
      for (const skill of ['docker', 'rust', 'go']) {
        const row = co.rows.find((r) => r.skill === skill)!
        expect([row.ads, row.skillAds], `${path} ${skill}`).toEqual([
          anchor.filter((j) => j.allSkills.has(skill)).length,
          jobs.filter((j) => j.allSkills.has(skill)).length,
        ])
      }
      expect(
        co.rows.find((r) => r.skill === 'django'),
        `${path}: inferred only`,
      ).toBeUndefined()
      const cat = await withAnalyticsPath(path, () => querySkillCatalog(ch.client, NO_FILTERS))
      expect(cat.total).toBe(jobs.length)
      for (const skill of ['docker', 'python', 'rust'])
        expect(cat.skills.find((s) => s.id === skill)!.ads, `${path} ${skill}`).toBe(
          jobs.filter((j) => j.allSkills.has(skill)).length,
        )
      expect(cat.skills.find((s) => s.id === 'django')!.noData).toBe(true)
      const fintech = await withAnalyticsPath(path, () =>
        querySkillCatalog(ch.client, { ...NO_FILTERS, industry: ['fintech'] }),
      )
      // A job counts under an industry when any of its copies has it (as `hasAny` on raw rows).
      const copies = new Map<string, FixtureAd[]>()
      for (const a of fixture) copies.set(a.dedupe, [...(copies.get(a.dedupe) ?? []), a])
      expect(fintech.total).toBe(
        [...copies.values()].filter((cs) => cs.some((c) => c.industries.includes('fintech'))).length,
      )
    }
  })
})

describe('the week series across new year', () => {
  it('puts 2016-12-26..2017-01-01 in one week starting on Monday 2016-12-26', async () => {
    const filters = { ...NO_FILTERS, ...MIXES['weeks over new year']! }
    const points = await withAnalyticsPath('rollup', () =>
      querySeries(ch.client, { filters, interval: 'week', skills: ['python'], categories: [], rolling: 0 }),
    )
    const week = points.find((p) => p.period === '2016-12-26')!
    const inWeek = currentDistinctAds(fixture).filter((a) => a.day >= '2016-12-26' && a.day <= '2017-01-01')
    expect(week.total).toBe(inWeek.length)
    expect(week.ads).toBe(inWeek.filter((a) => a.allSkills.has('python')).length)
  })
})
