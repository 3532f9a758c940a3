// A report's figures equal the analytics API's for the same filters: the core analytics fixture in
// a real chDB, the document built from it, and the API (createApp over the same ClickHouse) asked
// the matching questions. Also: every summary sentence traceable, only significant changes told.
import { createApp } from '@stackradar/api'
import { NO_FILTERS } from '@stackradar/core/analytics'
import { fixtureSet, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import type { ClickHouseHandle } from '@stackradar/core/clickhouse'
import type {
  BreakdownRow,
  CoverageResponse,
  RankingsResponse,
  SalariesResponse,
  TrendsResponse,
} from '@stackradar/core/contracts/api'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { buildReportDocument, type ReportDocument, type ReportSpecInput } from '@stackradar/core/reports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { traceabilityProblems } from '@stackradar/core/reports/testing'

type Breakdown = { rows: BreakdownRow[] }

let ch: ClickHouseHandle
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(ch, fixtureSet())
  app = createApp({ ch: ch.client, queue: new InProcessQueue(), log: logger('report-test'), sources: [] })
}, 120_000)
afterAll(async () => ch?.close())

async function api<T>(path: string, params: Record<string, string | undefined>): Promise<T> {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]))
  const res = await app.request(`${path}?${q}`)
  if (res.status !== 200) throw new Error(`${path}?${q}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const SPECS: Record<string, ReportSpecInput> = {
  'all ads, 2017 vs 2016': {
    title: 'Yearly review',
    filters: NO_FILTERS,
    period: { from: '2017-01-01', to: '2017-12-31', label: '2017' },
    comparison: { from: '2016-01-01', to: '2016-12-31', label: '2016' },
  },
  'US and GB, languages and databases, a featured cloud skill, EUR, half-years': {
    title: 'Half-year review',
    audience: 'Acme Recruiting',
    skills: ['go', 'postgresql', 'aws'],
    categories: ['language', 'database'],
    filters: { ...NO_FILTERS, country: ['US', 'GB'] },
    currency: 'EUR',
    minCount: 5,
    minSalaryN: 5,
    period: { from: '2017-07-01', to: '2017-12-31', label: '2017 H2' },
    comparison: { from: '2017-01-01', to: '2017-06-30', label: '2017 H1' },
  },
}

describe.each(Object.entries(SPECS))('report on %s', (_name, spec) => {
  let doc: ReportDocument
  const filters = (w: { from: string; to: string }) => ({
    from: w.from,
    to: w.to,
    country: spec.filters.country.join(','),
  })
  beforeAll(async () => {
    doc = await buildReportDocument(ch.client, spec, { now: new Date('2018-01-15T08:00:00Z') })
  }, 120_000)

  it('ranks, shares, changes and p-values equal /api/v1/rankings', async () => {
    const ask = (category?: string) =>
      api<RankingsResponse>('/api/v1/rankings', {
        ...filters(spec.period),
        compare_from: spec.comparison.from,
        compare_to: spec.comparison.to,
        min_count: String(doc.spec.minCount),
        category,
        limit: '200',
      })
    const main = await ask(spec.categories?.join(',') || undefined)
    const everything = await ask()
    expect(doc.headline.find((h) => h.key === 'ads')).toMatchObject({
      value: main.window.total,
      previous: main.compareWindow.total,
    })
    const rows = [...doc.topSkills, ...doc.risers, ...doc.fallers]
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      const inScope = !spec.categories?.length || spec.categories.includes(row.category)
      const want = [
        ...(inScope ? main : everything).ranked,
        ...(inScope ? main : everything).belowMinimum,
      ].find((r) => r.skill === row.key)!
      expect(want, row.key).toBeDefined()
      expect(row).toMatchObject({
        ads: want.ads,
        share: want.share,
        rank: want.rank,
        previousAds: want.previousAds,
        previousShare: want.previousShare,
        changePoints: want.changePoints,
        p: want.p,
      })
    }
    // The top of the table is the API's top, in its order.
    expect(
      doc.topSkills
        .filter((r) => !r.featured || r.rank !== null)
        .slice(0, 5)
        .map((r) => r.key),
    ).toEqual(main.ranked.slice(0, 5).map((r) => r.skill))
    for (const n of doc.newSkills) {
      const r = [...main.ranked, ...main.belowMinimum].find((x) => x.skill === n.key)!
      expect(r.previousAds).toBe(0)
      expect(r.ads).toBe(n.ads)
    }
  })

  it('salaries equal /api/v1/salaries (n, quartiles, withheld)', async () => {
    const common = {
      ...filters(spec.period),
      interval: 'all',
      currency: doc.spec.currency,
      min_n: String(doc.spec.minSalaryN),
    }
    const groups = [...new Set(doc.salaries.map((r) => r.group).filter((g) => g !== 'all'))]
    const bySkill = await api<SalariesResponse>('/api/v1/salaries', { ...common, skills: groups.join(',') })
    const overall = await api<SalariesResponse>('/api/v1/salaries', common)
    const cells = [...overall.cells, ...bySkill.cells]
    expect(doc.salaries).toHaveLength(cells.length)
    for (const row of doc.salaries) {
      const cell = cells.find((c) => c.group === row.group && c.employment === row.employment)!
      expect(row).toMatchObject({
        n: cell.n,
        withheld: cell.withheld,
        p25: cell.p25,
        median: cell.median,
        p75: cell.p75,
      })
    }
    expect(doc.method.rates.perUsd).toBe(overall.rates.perUsd)
  })

  it('work mode, trend, coverage and sources equal the breakdown, trends and coverage endpoints', async () => {
    const wm = (w: { from: string; to: string }) =>
      api<Breakdown>('/api/v1/breakdown', { ...filters(w), facet: 'work_mode', interval: 'all' })
    const [now, before] = [await wm(spec.period), await wm(spec.comparison)]
    for (const row of doc.workMode) {
      expect(row.ads).toBe(now.rows.find((r) => r.value === row.key)?.ads ?? 0)
      expect(row.share).toBe(now.rows.find((r) => r.value === row.key)?.share ?? 0)
      expect(row.previousAds).toBe(before.rows.find((r) => r.value === row.key)?.ads ?? 0)
    }
    expect(doc.headline.find((h) => h.key === 'remote')!.value).toBe(
      now.rows.find((r) => r.value === 'remote')?.share ?? 0,
    )

    const t = doc.trend
    const trends = await api<TrendsResponse>('/api/v1/trends', {
      ...filters({ from: t.periods[0]!, to: spec.period.to }),
      interval: t.interval,
      skills: t.series
        .filter((s) => s.kind === 'skill')
        .map((s) => s.key)
        .join(','),
      categories:
        t.series
          .filter((s) => s.kind === 'category')
          .map((s) => s.key)
          .join(',') || undefined,
    })
    expect(t.series.length).toBeGreaterThan(0)
    for (const s of t.series)
      t.periods.forEach((period, i) => {
        const p = trends.points.find((x) => x.period === period && x.kind === s.kind && x.skill === s.key)
        expect(s.shares[i]).toBe(p?.share ?? 0)
        expect(s.ads[i]).toBe(p?.ads ?? 0)
      })

    const coverage = await api<CoverageResponse>('/api/v1/coverage', filters(spec.period))
    expect(doc.coverage.map((c) => [c.source, c.month, c.ads])).toEqual(
      coverage.rows.map((r) => [r.source, r.period.slice(0, 7), r.ads]),
    )
    for (const s of doc.sources) {
      const one = await api<Breakdown>('/api/v1/breakdown', {
        ...filters(spec.period),
        source: s.key,
        facet: 'work_mode',
        interval: 'all',
      })
      expect(s.ads).toBe(one.rows[0]!.total)
    }
    expect(doc.sources.reduce((n, s) => n + s.ads, 0)).toBeGreaterThanOrEqual(doc.headline[0]!.value!)
  })

  it('writes a traceable summary that tells only significant changes', () => {
    expect(doc.summary.length).toBeGreaterThanOrEqual(3)
    expect(traceabilityProblems(doc)).toEqual([])
    for (const s of doc.summary.filter((x) => x.kind === 'rise' || x.kind === 'fall')) {
      const key = s.figures[0]!.split('/')[1]
      expect([...doc.risers, ...doc.fallers].find((r) => r.key === key)!.significant).toBe(true)
    }
  })
})
