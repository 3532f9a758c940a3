// The tallies: built from the rollups, read only while they cover every recorded change, refreshed
// per month after a journalled write (with the months that share a job with it), rebuilt whole
// after any other change, and exact for jobs with copies on several days and boards. Expected
// numbers come from the plain-TypeScript oracle (currentDistinctAds) and the raw path.
import { afterEach, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryBreakdown } from '../analytics/breakdown.ts'
import { NO_FILTERS } from '../analytics/filters.ts'
import { withAnalyticsPath } from '../analytics/query-path.ts'
import { queryCooccurrence } from '../analytics/cooccurrence.ts'
import { querySalaries } from '../analytics/salaries.ts'
import { querySkillCatalog } from '../analytics/skills.ts'
import { querySeries } from '../analytics/trend-series.ts'
import {
  adRowOf,
  currentDistinctAds,
  makeAd,
  openTempClickHouse,
  writeAds,
  type FixtureAd,
} from '../analytics/test-fixture.ts'
import { queryRows } from '../clickhouse/query.ts'
import { rollups, TALLY_FORMAT } from './rollups.ts'
import { tallies, tallyUsable } from './tallies.ts'

let ch: ClickHouseHandle | undefined
afterEach(async () => {
  await ch?.close()
  ch = undefined
})

const now = { settleMs: 0 }
const usable = async (c: ClickHouseHandle) => tallyUsable(await rollups.state(c.client))

/** Writes ads the way the extract worker does: journalled in rollup_state, settled when stored. */
async function journalledWrite(c: ClickHouseHandle, ads: FixtureAd[]): Promise<void> {
  const entry = await rollups.writeStarted(c.client, ads.map(adRowOf))
  await writeAds(c, ads)
  await rollups.writeDone(c.client, entry)
}

/** Totals and python's count (overall and in `year`) match the oracle on the tally path, and every
 * answer (trends, catalog, salaries, co-occurrence) the raw path. */
async function expectExact(c: ClickHouseHandle, ads: FixtureAd[], year: string): Promise<void> {
  const jobs = currentDistinctAds(ads)
  const ask = () =>
    Promise.all([
      querySkillCatalog(c.client, NO_FILTERS),
      querySkillCatalog(c.client, { ...NO_FILTERS, source: ['board-b'] }),
      querySkillCatalog(c.client, { ...NO_FILTERS, source: ['hn', 'board-b'] }),
      querySeries(c.client, {
        filters: NO_FILTERS,
        interval: 'month',
        skills: ['python', 'go'],
        categories: [],
        rolling: 0,
      }),
      // Weeks: a week across new year has period rows from both years' days.
      querySeries(c.client, {
        filters: NO_FILTERS,
        interval: 'week',
        skills: ['python', 'go'],
        categories: [],
        rolling: 0,
      }),
      querySeries(c.client, {
        filters: NO_FILTERS,
        interval: 'year',
        skills: ['python', 'go'],
        categories: [],
        rolling: 0,
      }),
      // Salaries (a job salaried on two days after the copy), and the skill pairs, over all days and one year.
      querySalaries(c.client, {
        filters: NO_FILTERS,
        by: 'none',
        skills: ['python', 'go'],
        interval: 'year',
        currency: 'USD',
        minN: 1,
      }),
      querySalaries(c.client, {
        filters: { ...NO_FILTERS, from: `${year}-01-01`, to: `${year}-12-31` },
        by: 'skill',
        skills: ['python', 'go'],
        interval: 'all',
        currency: 'USD',
        minN: 1,
      }),
      // The facet tallies (tally_facets, tally_skill_facet_periods: one partition, a year's rows
      // removed by mutation on a refresh): remote jobs by week, and every work mode by year.
      querySeries(c.client, {
        filters: { ...NO_FILTERS, work_mode: ['remote'] },
        interval: 'week',
        skills: ['python', 'go'],
        categories: [],
        rolling: 0,
      }),
      queryBreakdown(c.client, { filters: NO_FILTERS, facet: 'work_mode', interval: 'year' }),
      queryCooccurrence(c.client, { filters: NO_FILTERS, skills: ['python'], limit: 100 }),
      queryCooccurrence(c.client, {
        filters: { ...NO_FILTERS, from: `${year}-01-01`, to: `${year}-12-31` },
        skills: ['go'],
        limit: 100,
      }),
    ])
  const tally = await withAnalyticsPath('tally', ask)
  expect(tally).toEqual(await withAnalyticsPath('raw', ask))
  const [catalog, , , , , byYear] = tally
  expect(catalog.total).toBe(jobs.length)
  const python = jobs.filter((j) => j.allSkills.has('python')).length
  expect(catalog.skills.find((s) => s.id === 'python')!.ads).toBe(python)
  expect(byYear.find((p) => p.period === `${year}-01-01` && p.skill === 'python')!.ads).toBe(python)
}

/** Every row of tally_skill_facets is in its skill-sorted projection too (migration 016). */
async function expectProjected(c: ClickHouseHandle): Promise<void> {
  const [n] = await queryRows<{ rows: string; projected: string }>(
    c.client,
    `SELECT (SELECT sum(rows) FROM system.parts WHERE database = currentDatabase()
               AND table = 'tally_skill_facets' AND active) AS rows,
            (SELECT sum(rows) FROM system.projection_parts WHERE database = currentDatabase()
               AND table = 'tally_skill_facets' AND name = 'by_skill' AND active) AS projected`,
  )
  expect(Number(n!.rows)).toBeGreaterThan(0)
  expect(Number(n!.projected)).toBe(Number(n!.rows))
}

describe('tallies', () => {
  it('are built, then refreshed per month after a write, the months sharing a job included', async () => {
    ch = await openTempClickHouse()
    const base = [
      makeAd({
        id: 'a',
        day: '2017-01-10',
        skills: ['python'],
        usdMin: 100_000,
        usdMax: 120_000,
        kind: 'salary',
      }),
      makeAd({
        id: 'b',
        day: '2017-03-05',
        skills: ['python', 'go'],
        usdMin: 90_000,
        usdMax: 90_000,
        kind: 'salary',
      }),
      makeAd({ id: 'c', day: '2017-03-05', skills: ['go'], work_mode: 'remote' }),
      // One job on two boards the same day: two cells, counted once.
      makeAd({ id: 'c2', dedupe: 'c', source: 'board-b', day: '2017-03-05', skills: ['go', 'python'] }),
      // A Sunday: its week starts on 2016-12-26, so refilling 2017 refills that week's 2017 rows.
      makeAd({ id: 'n', day: '2017-01-01', skills: ['python'], work_mode: 'remote' }),
    ]
    await writeAds(ch, base)
    expect(await usable(ch)).toBe(false)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })
    expect(await usable(ch)).toBe(true)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'current' })
    await expectExact(ch, base, '2017')
    await expectProjected(ch)

    // A copy of January's job appears the next February on another board: January's one-cell job
    // has two now, so 2017 is refilled with 2018 although the write named only 2018-02.
    const copy = makeAd({
      id: 'a2',
      dedupe: 'a',
      source: 'board-b',
      day: '2018-02-02',
      skills: ['python', 'go'],
      work_mode: 'remote',
      usdMin: 130_000,
      usdMax: 150_000,
      kind: 'salary',
    })
    const entry = await rollups.writeStarted(ch.client, [adRowOf(copy)])
    expect(await usable(ch)).toBe(false)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'skipped', reason: 'a write is under way' })
    await writeAds(ch, [copy])
    await rollups.writeDone(ch.client, entry)
    expect(await usable(ch)).toBe(false)
    expect(await tallies.refresh(ch.client, now)).toEqual({
      done: 'months',
      months: ['2017-01', '2018-02'],
    })
    expect(await usable(ch)).toBe(true)
    await expectExact(ch, [...base, copy], '2017')
    await expectProjected(ch)
  })

  it('wait for the rollups, rebuild whole after a repair, and keep journal entries not yet taken in', async () => {
    ch = await openTempClickHouse()
    const ads = [
      makeAd({ id: 'x', day: '2018-02-01', skills: ['python'] }),
      makeAd({ id: 'y', day: '2018-06-01', skills: ['go'] }),
    ]
    await writeAds(ch, ads)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })

    await rollups.markStale(ch.client, ['2018-02'])
    expect(await tallies.refresh(ch.client, now)).toMatchObject({ done: 'skipped' })
    await rollups.repairStale(ch.client)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })
    await expectExact(ch, ads, '2018')

    const later = makeAd({ id: 'z', day: '2018-06-03', skills: ['python'] })
    await journalledWrite(ch, [later])
    const journal = async () =>
      (
        await queryRows<{ n: string }>(
          ch!.client,
          "SELECT count() AS n FROM rollup_state WHERE startsWith(name, 'write:')",
        )
      )[0]!.n
    // Old enough to prune, but the tallies have not taken it in: it stays.
    expect(await rollups.pruneWrites(ch.client, 0, 1)).toBe(0)
    expect(Number(await journal())).toBeGreaterThan(0)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'months', months: ['2018-06'] })
    expect(await rollups.pruneWrites(ch.client, 0, 1)).toBeGreaterThan(0)
    expect(Number(await journal())).toBe(0)
    expect(await usable(ch)).toBe(true)
    await expectExact(ch, [...ads, later], '2018')
  })

  it('run one at a time, and redo a full build a crash or a stop cut short whole', async () => {
    ch = await openTempClickHouse()
    const ads = [
      makeAd({ id: 'p', day: '2019-04-01', skills: ['python'] }),
      makeAd({ id: 'q', day: '2019-09-01', skills: ['go'] }),
    ]
    await writeAds(ch, ads)
    const [first, second] = await Promise.all([
      tallies.refresh(ch.client, { settleMs: 50 }),
      tallies.refresh(ch.client, { settleMs: 50 }),
    ])
    expect([first, second]).toEqual([{ done: 'full' }, { done: 'skipped', reason: 'a refresh is under way' }])
    await expectExact(ch, ads, '2019')

    // A full build that died after emptying the tables leaves its open mark: not read, and the
    // next refresh builds whole although only a write happened since.
    await ch.client.insert({
      table: 'rollup_state',
      format: 'JSONEachRow',
      values: [{ name: 'tally:full', status: 'building', updated_at: Date.now() }],
    })
    await ch.client.command({ query: 'TRUNCATE TABLE tally_skills' })
    expect(await usable(ch)).toBe(false)
    const more = makeAd({ id: 'r', day: '2019-09-02', skills: ['python'] })
    await journalledWrite(ch, [more])
    // A shutdown stops the build between two statements: still not read.
    const stop = new AbortController()
    const steps: string[] = []
    const stopped = await tallies.refresh(ch.client, {
      settleMs: 0,
      signal: stop.signal,
      onProgress: (p) => {
        steps.push(p.step)
        if (steps.length === 2) stop.abort()
      },
    })
    expect(stopped).toEqual({ done: 'skipped', reason: 'stopped' })
    expect(steps).toEqual(['2019 skill pairs', '2019 salaries'])
    expect(await usable(ch)).toBe(false)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })
    expect(await usable(ch)).toBe(true)
    await expectExact(ch, [...ads, more], '2019')
  })

  it('are not read when built by other code (a mark of another format), and are rebuilt whole', async () => {
    ch = await openTempClickHouse()
    const ads = [
      makeAd({
        id: 's',
        day: '2020-02-03',
        skills: ['python'],
        usdMin: 90_000,
        usdMax: 90_000,
        kind: 'salary',
      }),
      makeAd({ id: 't', day: '2020-05-06', skills: ['go'] }),
    ]
    await writeAds(ch, ads)
    expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })
    const state = await rollups.state(ch.client)
    expect(state.tally).toMatchObject({ version: 1, format: TALLY_FORMAT })
    // A process on older code marks its build of the same changes (the version alone, or an
    // older format) after this one.
    for (const status of ['1', `1/${TALLY_FORMAT - 1}`]) {
      await rollups.record(ch.client, [{ name: 'tally', status, at: state.tally!.at }])
      expect(await usable(ch)).toBe(false)
      expect(await tallies.refresh(ch.client, now)).toEqual({ done: 'full' })
      expect(await usable(ch)).toBe(true)
      expect((await rollups.state(ch.client)).tally?.format).toBe(TALLY_FORMAT)
    }
    await expectExact(ch, ads, '2020')
  })
})
