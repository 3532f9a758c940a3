// The analytics queries on a real chDB, checked against plain-TypeScript computations over the
// fixture rows written here (never the same SQL): ranks, z-test, percentiles, lift, shares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryBreakdown } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { allowedValues, FilterError, NO_FILTERS, parseFilters } from './filters.ts'
import { bruteRanks, percentile, twoSidedP, wilsonByQuadratic, zStatistic } from './oracle.ts'
import { queryRankings } from './rankings.ts'
import { querySalaries } from './salaries.ts'
import { querySkillCatalog } from './skills.ts'
import { querySeries } from './trend-series.ts'
import {
  currentDistinctAds,
  fixtureSet,
  openTempClickHouse,
  writeAds,
  type CurrentAd,
} from './test-fixture.ts'

let ch: ClickHouseHandle
const fixture = fixtureSet()
const jobs = currentDistinctAds(fixture)
const inYear = (y: number) => (a: CurrentAd) => a.day.startsWith(`${y}-`)
const usd = (a: CurrentAd) => (a.usdMin + a.usdMax) / 2
const contract = (a: CurrentAd) => a.employment_type === 'contract' || a.kind === 'day_rate'

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(ch, fixture)
})
afterAll(async () => ch?.close())

describe('filters', () => {
  it('lists allowed values from the data and the extractor, and names the parameter', async () => {
    const allowed = await allowedValues(ch.client, ['board-b'])
    expect(allowed.source).toEqual(['board-a', 'board-b', 'hn'])
    expect(allowed.country).toEqual(['DE', 'GB', 'US'])
    expect(() => parseFilters({ source: 'greenhouse' }, allowed)).toThrow(
      new FilterError('source', "unknown value 'greenhouse'; allowed: board-a, board-b, hn"),
    )
    expect(() => parseFilters({ work_mode: 'remote,moon' }, allowed)).toThrow(
      /^work_mode: unknown value 'moon'/,
    )
    expect(() => parseFilters({ from: '1990-01', to: '2012-01' }, allowed)).toThrow(/at most 20 years/)
    expect(parseFilters({ country: 'us', region: 'europe' }, allowed)).toMatchObject({
      country: ['US'],
      region: ['europe'],
    })
  })
})

describe('rankings', () => {
  it('ranks, shares, changes and p-values match the oracle (2017 vs 2016)', async () => {
    const filters = { ...NO_FILTERS, from: '2017-01-01', to: '2017-12-31' }
    const r = await queryRankings(ch.client, {
      filters,
      compare: { from: '2016-01-01', to: '2016-12-31' },
      minCount: 20,
      sort: 'rank',
      order: 'asc',
    })
    const cur = jobs.filter(inYear(2017))
    const prev = jobs.filter(inYear(2016))
    expect(r.window.total).toBe(cur.length)
    expect(r.compareWindow.total).toBe(prev.length)
    const skills = [...new Set(jobs.flatMap((j) => [...j.allSkills]))]
    const count = (set: CurrentAd[], s: string) => set.filter((j) => j.allSkills.has(s)).length
    const eligible = skills.filter((s) => count(cur, s) >= 20)
    const ranks = bruteRanks(eligible.map((s) => count(cur, s)))
    expect(r.ranked.map((x) => x.skill).sort()).toEqual([...eligible].sort())
    expect(r.belowMinimum.map((x) => x.skill).sort()).toEqual(
      skills.filter((s) => !eligible.includes(s)).sort(),
    )
    for (const row of r.ranked) {
      const k1 = count(cur, row.skill)
      const k2 = count(prev, row.skill)
      expect(row.ads).toBe(k1)
      expect(row.previousAds).toBe(k2)
      expect(row.rank).toBe(ranks[eligible.indexOf(row.skill)])
      expect(row.share).toBeCloseTo(k1 / cur.length, 6)
      expect(row.changePoints).toBeCloseTo((k1 / cur.length - k2 / prev.length) * 100, 3)
      expect(row.z!).toBeCloseTo(zStatistic(k1, cur.length, k2, prev.length), 3)
      const p = twoSidedP(zStatistic(k1, cur.length, k2, prev.length))
      expect(Math.abs(row.p! - p)).toBeLessThan(1e-3 * p + 1e-9)
    }
    // Sorted by rank; the biggest riser by change first under sort=change.
    expect(r.ranked.map((x) => x.rank)).toEqual([...r.ranked.map((x) => x.rank)].sort((a, b) => a! - b!))
    const rising = await queryRankings(ch.client, {
      filters,
      compare: { from: '2016-01-01', to: '2016-12-31' },
      minCount: 20,
      sort: 'change',
      order: 'desc',
    })
    const changes = rising.ranked.map((x) => x.changePoints!)
    expect(changes).toEqual([...changes].sort((a, b) => b - a))
    const change = (s: string) => count(cur, s) / cur.length - count(prev, s) / prev.length
    const top = [...eligible].sort((a, b) => change(b) - change(a))[0]
    expect(rising.ranked[0]!.skill).toBe(top)
  })

  it('defaults to the 12 months ending on the newest ad vs the 12 before', async () => {
    const r = await queryRankings(ch.client, { filters: NO_FILTERS, minCount: 1, sort: 'rank', order: 'asc' })
    const newest = jobs
      .map((j) => j.day)
      .sort()
      .at(-1)!
    expect(r.window.to).toBe(newest)
    expect(r.compareWindow.to < r.window.from).toBe(true)
    const year = await queryRankings(ch.client, {
      filters: { ...NO_FILTERS, from: '2017-01-01', to: '2017-12-31' },
      minCount: 1,
      sort: 'rank',
      order: 'asc',
    })
    expect(year.compareWindow).toMatchObject({ from: '2016-01-01', to: '2016-12-31' })
    const q = await queryRankings(ch.client, {
      filters: { ...NO_FILTERS, from: '2017-04-01', to: '2017-06-30' },
      minCount: 1,
      sort: 'rank',
      order: 'asc',
    })
    expect(q.compareWindow).toMatchObject({ from: '2017-01-01', to: '2017-03-31' })
  })
})

describe('salaries', () => {
  it('percentiles per skill and year, permanent and contract apart, withheld under the minimum', async () => {
    const s = await querySalaries(ch.client, {
      filters: NO_FILTERS,
      by: 'skill',
      skills: ['python', 'go'],
      interval: 'year',
      currency: 'USD',
      minN: 10,
    })
    expect(s.cells.length).toBeGreaterThan(4)
    for (const cell of s.cells) {
      const values = jobs
        .filter(
          (j) => j.usdMin > 0 && j.allSkills.has(cell.group) && j.day.startsWith(cell.period.slice(0, 4)),
        )
        .filter((j) => contract(j) === (cell.employment === 'contract'))
        .map(usd)
      expect(cell.n, `${cell.group} ${cell.period} ${cell.employment}`).toBe(values.length)
      expect(cell.withheld).toBe(values.length < 10)
      if (cell.withheld) {
        expect(cell.median).toBeNull()
        continue
      }
      const want = [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => Math.round(percentile(values, p)))
      expect([cell.p10, cell.p25, cell.median, cell.p75, cell.p90]).toEqual(want)
    }
    expect(s.cells.some((c) => c.withheld)).toBe(true)
  })

  it('converts currency with the dated table and computes the premium of a skill', async () => {
    const s = await querySalaries(ch.client, {
      filters: NO_FILTERS,
      by: 'none',
      skills: ['go'],
      interval: 'all',
      currency: 'EUR',
      minN: 10,
    })
    expect(s.rates.perUsd).toBe(0.86)
    const perm = jobs.filter((j) => j.usdMin > 0 && !contract(j))
    const cell = s.cells.find((c) => c.employment === 'permanent')!
    expect(cell.median).toBe(
      Math.round(
        percentile(
          perm.map((j) => usd(j) * 0.86),
          0.5,
        ),
      ),
    )
    const premium = s.premium.find((p) => p.skill === 'go' && p.employment === 'permanent')!
    const withGo = perm.filter((j) => j.allSkills.has('go')).map((j) => usd(j) * 0.86)
    const without = perm.filter((j) => !j.allSkills.has('go')).map((j) => usd(j) * 0.86)
    expect([premium.nWith, premium.nWithout]).toEqual([withGo.length, without.length])
    expect(premium.premium).toBe(Math.round(percentile(withGo, 0.5)) - Math.round(percentile(without, 0.5)))
    expect(premium.premium!).toBeGreaterThan(0)
  })

  it("a skill's cells and premium are the same at any place among 64 skills asked; 65 is refused", async () => {
    const ask = (skills: string[]) =>
      querySalaries(ch.client, {
        filters: NO_FILTERS,
        by: 'skill',
        skills,
        interval: 'year',
        currency: 'USD',
        minN: 1,
      })
    // A job's asked skills are one bit each in a UInt64: the last bits hold go and python here.
    const absent = Array.from({ length: 62 }, (_, i) => `absent-${i}`)
    const alone = await ask(['go', 'python'])
    const last = await ask([...absent, 'go', 'python'])
    const pick = (s: typeof alone) => ({
      cells: s.cells.filter((c) => c.group === 'go' || c.group === 'python'),
      premium: s.premium.filter((p) => p.skill === 'go' || p.skill === 'python'),
    })
    expect(alone.cells.length).toBeGreaterThan(0)
    expect(pick(last)).toEqual(pick(alone))
    await expect(ask([...absent, 'go', 'python', 'rust'])).rejects.toThrow(/at most 64 skills/)
  })
})

describe('cooccurrence, breakdown, catalog', () => {
  it('count, share and lift of the skills seen with python; the category filter keeps databases', async () => {
    const filters = { ...NO_FILTERS, category: ['database'] }
    const c = await queryCooccurrence(ch.client, { filters, skills: ['python'], limit: 50 })
    const anchor = jobs.filter((j) => j.allSkills.has('python'))
    expect([c.total, c.anchorAds]).toEqual([jobs.length, anchor.length])
    const dbs = ['postgresql', 'mysql', 'mongodb']
    expect(c.rows.map((r) => r.skill).sort()).toEqual([...dbs].sort())
    for (const row of c.rows) {
      const together = anchor.filter((j) => j.allSkills.has(row.skill)).length
      const overall = jobs.filter((j) => j.allSkills.has(row.skill)).length
      expect(row.ads).toBe(together)
      expect(row.share).toBeCloseTo(together / anchor.length, 6)
      expect(row.lift).toBeCloseTo(together / anchor.length / (overall / jobs.length), 3)
    }
  })

  it('shares per work mode and per industry per year', async () => {
    const rows = await queryBreakdown(ch.client, {
      filters: NO_FILTERS,
      facet: 'work_mode',
      interval: 'year',
    })
    for (const r of rows) {
      const inP = jobs.filter(inYear(Number(r.period.slice(0, 4))))
      expect(r.total).toBe(inP.length)
      expect(r.ads).toBe(inP.filter((j) => j.work_mode === r.value).length)
    }
    const ind = await queryBreakdown(ch.client, {
      filters: { ...NO_FILTERS, country: ['US'] },
      facet: 'industry',
      interval: 'all',
    })
    const us = jobs.filter((j) => j.country === 'US')
    expect(ind.find((r) => r.value === 'fintech')!.ads).toBe(
      us.filter((j) => j.industries.includes('fintech')).length,
    )
    expect(ind.find((r) => r.value === 'fintech')!.total).toBe(us.length)
  })

  it('the skill catalog ranks by ads and flags skills without data', async () => {
    const cat = await querySkillCatalog(ch.client, { ...NO_FILTERS, category: ['language'] })
    const python = cat.skills.find((s) => s.id === 'python')!
    expect(python.ads).toBe(jobs.filter((j) => j.allSkills.has('python')).length)
    expect(python.categoryLabel).toBe('Languages')
    expect(cat.skills.find((s) => s.id === 'cobol')?.noData).toBe(true)
    expect(cat.skills.every((s) => s.category === 'language')).toBe(true)
  })
})

describe('trend series', () => {
  it('shares with Wilson bounds, whole categories and a rolling mean per quarter', async () => {
    const points = await querySeries(ch.client, {
      filters: { ...NO_FILTERS, country: ['US'] },
      interval: 'quarter',
      skills: ['go'],
      categories: ['database'],
      rolling: 2,
    })
    const us = jobs.filter((j) => j.country === 'US')
    const quarterOf = (day: string) =>
      `${day.slice(0, 5)}${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
    const dbs = ['postgresql', 'mysql', 'mongodb']
    const go = points.filter((p) => p.skill === 'go')
    expect(go.length).toBe(8)
    for (const p of points) {
      const inQ = us.filter((j) => quarterOf(j.day) === p.period)
      const has = (j: CurrentAd) =>
        p.kind === 'skill' ? j.allSkills.has(p.skill) : dbs.some((d) => j.allSkills.has(d))
      const k = inQ.filter(has).length
      expect([p.ads, p.total]).toEqual([k, inQ.length])
      const [lo, hi] = wilsonByQuadratic(k, inQ.length)
      expect(p.low).toBeCloseTo(lo, 5)
      expect(p.high).toBeCloseTo(hi, 5)
    }
    expect(go[0]!.rollingShare).toBeNull()
    expect(go[1]!.rollingShare).toBeCloseTo((go[0]!.ads / go[0]!.total + go[1]!.ads / go[1]!.total) / 2, 5)
  })
})
