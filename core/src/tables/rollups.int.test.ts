// The rollups stay exact under re-runs, crash duplicates, cross-board copies and re-extraction;
// migration 006 corrects and rolls up data stored before it; the rebuild refills them from the raw
// rows; the query layer takes the raw path whenever the rollups could be wrong. Expected numbers
// come from the plain-TypeScript oracle (currentDistinctAds).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createClickHouse, type ClickHouseHandle } from '../clickhouse/client.ts'
import { loadMigrations, migrate } from '../clickhouse/migrate.ts'
import { queryRows } from '../clickhouse/query.ts'
import { NO_FILTERS } from '../analytics/filters.ts'
import { choosePath, withAnalyticsPath } from '../analytics/query-path.ts'
import { querySalaries } from '../analytics/salaries.ts'
import { querySkillCatalog } from '../analytics/skills.ts'
import {
  adRowOf,
  currentDistinctAds,
  fixtureSet,
  makeAd,
  openTempClickHouse,
  writeAds,
  type FixtureAd,
} from '../analytics/test-fixture.ts'
import { ROLLUP_TABLES, rollups } from './rollups.ts'

let ch: ClickHouseHandle | undefined
afterEach(async () => {
  await ch?.close()
  ch = undefined
})

/** Total and per-skill distinct jobs the oracle expects. */
function expected(ads: FixtureAd[], skills: string[]) {
  const jobs = currentDistinctAds(ads)
  return {
    total: jobs.length,
    ...Object.fromEntries(skills.map((s) => [s, jobs.filter((j) => j.allSkills.has(s)).length])),
  }
}

async function counted(c: ClickHouseHandle, path: 'auto' | 'raw' | 'rollup', skills: string[]) {
  const cat = await withAnalyticsPath(path, () => querySkillCatalog(c.client, NO_FILTERS))
  return {
    total: cat.total,
    ...Object.fromEntries(skills.map((s) => [s, cat.skills.find((x) => x.id === s)!.ads])),
  }
}

const SKILLS = ['python', 'go', 'ruby', 'mysql', 'postgresql', 'docker']

describe('exact under the four ways rows repeat or change', () => {
  it('re-runs and crash duplicates: the same rows written again change nothing', async () => {
    ch = await openTempClickHouse()
    const ads = fixtureSet(3).slice(0, 80)
    await writeAds(ch, ads)
    const once = await counted(ch, 'rollup', SKILLS)
    // A re-run of every job, and a crash that wrote half a batch twice in one insert.
    await writeAds(ch, ads)
    await writeAds(ch, [...ads.slice(0, 40), ...ads.slice(0, 40)])
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('rollup')
    expect(await counted(ch, 'rollup', SKILLS)).toEqual(once)
    expect(once).toEqual(expected(ads, SKILLS))
    expect(await counted(ch, 'raw', SKILLS)).toEqual(once)
  })

  it('cross-board copies with other facets count once, and under each board once', async () => {
    ch = await openTempClickHouse()
    const job = { dedupe: 'job-1', day: '2020-05-04', skills: ['go', 'postgresql'] }
    const ads = [
      makeAd({ ...job, id: 'x:1', source: 'board-x', country: 'US', industries: ['fintech'] }),
      makeAd({ ...job, id: 'y:7', source: 'board-y', country: 'DE', industries: ['saas', 'fintech'] }),
      makeAd({ id: 'hn:1', day: '2020-05-05', skills: ['go'] }),
    ]
    await writeAds(ch, ads)
    expect(await counted(ch, 'auto', SKILLS)).toEqual(expected(ads, SKILLS))
    expect(await counted(ch, 'auto', SKILLS)).toMatchObject({ total: 2, go: 2, postgresql: 1 })
    for (const filters of [
      { source: ['board-x'] },
      { industry: ['fintech', 'saas'] },
      { region: ['europe'] },
    ]) {
      const f = { ...NO_FILTERS, ...filters }
      const [raw, rollup] = await Promise.all(
        (['raw', 'rollup'] as const).map((p) => withAnalyticsPath(p, () => querySkillCatalog(ch!.client, f))),
      )
      expect(rollup!.total).toBe(1)
      expect(rollup).toEqual(raw)
    }
  })

  it('re-extraction: raw while two versions are current, rollups again once the old one is dropped', async () => {
    ch = await openTempClickHouse()
    const v1 = fixtureSet(5).slice(0, 60)
    await writeAds(ch, v1)
    // Version 2 finds go where version 1 found ruby, for half the ads so far.
    const reextract = (a: FixtureAd): FixtureAd => ({
      ...a,
      version: 2,
      extractedAt: '2026-02-01 00:00:00.000',
      skills: a.skills.map((s) => (s === 'ruby' ? 'go' : s)),
    })
    const half = v1.slice(0, 30).map(reextract)
    await writeAds(ch, half)
    const now = [...v1, ...half]
    expect(await rollups.state(ch.client)).toMatchObject({ status: 'ready', versions: [1, 2] })
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('raw')
    expect(await counted(ch, 'auto', SKILLS)).toEqual(expected(now, SKILLS))
    // Why: the rollups still hold version 1 of the re-extracted ads.
    expect(await counted(ch, 'rollup', SKILLS)).not.toEqual(expected(now, SKILLS))
    // Nothing to drop while some ads are current at version 1.
    expect(await rollups.dropSuperseded(ch.client)).toEqual([])

    const rest = v1.slice(30).map(reextract)
    await writeAds(ch, rest)
    expect(await rollups.dropSuperseded(ch.client)).toEqual([1])
    expect(await rollups.state(ch.client)).toMatchObject({ status: 'ready', versions: [2] })
    const all = [...now, ...rest]
    await new Promise((r) => setTimeout(r, 1100)) // the query layer's cached state expires
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('rollup')
    expect(await counted(ch, 'rollup', SKILLS)).toEqual(expected(all, SKILLS))
    expect(await counted(ch, 'raw', SKILLS)).toEqual(expected(all, SKILLS))
  })
})

describe('an ad re-extracted at the same version with other content', () => {
  it('marks its month stale (raw path) until the repair rebuilds that month', async () => {
    ch = await openTempClickHouse()
    const ads = [
      makeAd({ id: 'e1', day: '2019-04-10', skills: ['ruby', 'mysql'], country: 'US' }),
      makeAd({ id: 'e2', day: '2019-04-11', skills: ['ruby'] }),
      makeAd({ id: 'e3', day: '2019-05-02', skills: ['go'] }),
    ]
    await writeAds(ch, ads)
    // A re-run with the same content is not a rewrite.
    expect(await rollups.noteRewrites(ch.client, ads.map(adRowOf))).toEqual([])
    // The board edited e1: same extractor version, other skills and country.
    const edited = makeAd({
      ...ads[0]!,
      skills: ['go', 'postgresql'],
      country: 'DE',
      extractedAt: '2026-03-01 00:00:00.000',
    })
    expect(await rollups.noteRewrites(ch.client, [adRowOf(edited)])).toEqual(['2019-04'])
    await writeAds(ch, [edited])
    const now = [...ads, edited]
    expect((await rollups.state(ch.client)).stale).toEqual(['2019-04'])
    await new Promise((r) => setTimeout(r, 1100))
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('raw')
    expect(await counted(ch, 'auto', SKILLS)).toEqual(expected(now, SKILLS))
    expect(await counted(ch, 'rollup', SKILLS)).not.toEqual(expected(now, SKILLS))

    expect(await rollups.maintain(ch.client)).toEqual({ dropped: [], repaired: ['2019-04'] })
    expect((await rollups.state(ch.client)).stale).toEqual([])
    await new Promise((r) => setTimeout(r, 1100))
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('rollup')
    expect(await counted(ch, 'rollup', SKILLS)).toEqual(expected(now, SKILLS))
  })

  it('a changed salary alone marks the month stale, and the repaired salary rollup answers the new one', async () => {
    const db = (ch = await openTempClickHouse())
    const ad = makeAd({
      id: 's1',
      day: '2020-02-03',
      skills: ['go'],
      usdMin: 100_000,
      usdMax: 120_000,
      kind: 'salary',
    })
    await writeAds(ch, [ad])
    const edited = makeAd({ ...ad, usdMin: 150_000, usdMax: 170_000, extractedAt: '2026-03-01 00:00:00.000' })
    expect(await rollups.noteRewrites(ch.client, [adRowOf(edited)])).toEqual(['2020-02'])
    await writeAds(ch, [edited])
    const median = async (path: 'raw' | 'rollup') =>
      (
        await withAnalyticsPath(path, () =>
          querySalaries(db.client, {
            filters: NO_FILTERS,
            by: 'none',
            skills: [],
            interval: 'all',
            currency: 'USD',
            minN: 1,
          }),
        )
      ).cells.map((c) => [c.n, c.median])
    expect(await median('raw')).toEqual([[1, 160_000]])
    // Unrepaired, the salary rollup still holds the old copy (why the month is marked stale).
    expect(await median('rollup')).toEqual([[1, 110_000]])
    await rollups.maintain(db.client)
    expect(await median('rollup')).toEqual([[1, 160_000]])
  })
})

describe('a write cut by a crash', () => {
  it('leaves a journal entry whose months read raw rows until repaired', async () => {
    const db = (ch = await openTempClickHouse())
    const kept = [makeAd({ id: 'k1', day: '2021-06-01', skills: ['go'] })]
    await writeAds(db, kept)
    // The crash: the write was journalled and its `ads` rows stored, but the views' rollup rows
    // were lost (removed here), and the process never settled the entry.
    const cut = [
      makeAd({ id: 'c1', day: '2021-07-03', skills: ['go', 'rust'] }),
      makeAd({ id: 'c2', day: '2021-07-04', skills: ['python'] }),
    ]
    const entry = await rollups.writeStarted(db.client, cut.map(adRowOf))
    expect(entry).toMatch(/^write:.+:2021-07$/)
    await writeAds(db, cut)
    for (const table of ROLLUP_TABLES)
      await db.client.command({
        query: `ALTER TABLE ${table} DELETE WHERE posted_day >= '2021-07-01'`,
        clickhouse_settings: { mutations_sync: '2' },
      })
    const all = [...kept, ...cut]
    expect(await counted(db, 'rollup', SKILLS)).not.toEqual(expected(all, SKILLS))

    // A settled write is never recovered; the open one is, once old enough.
    const settled = await rollups.writeStarted(db.client, kept.map(adRowOf))
    await rollups.writeDone(db.client, settled)
    expect(await rollups.recoverWrites(db.client, 600_000)).toEqual([])
    expect(await rollups.recoverWrites(db.client, 0)).toEqual(['2021-07'])
    expect((await rollups.state(db.client)).stale).toEqual(['2021-07'])
    expect(await rollups.recoverWrites(db.client, 0)).toEqual([])
    await new Promise((r) => setTimeout(r, 1100))
    expect(await counted(db, 'auto', SKILLS)).toEqual(expected(all, SKILLS))

    await rollups.maintain(db.client)
    expect((await rollups.state(db.client)).stale).toEqual([])
    expect(await counted(db, 'rollup', SKILLS)).toEqual(expected(all, SKILLS))

    // Settled entries are pruned once there are enough; the rest of the state stays.
    const journal = async () =>
      (
        await queryRows<{ n: string }>(
          db.client,
          "SELECT count() AS n FROM rollup_state WHERE startsWith(name, 'write:')",
        )
      )[0]!.n
    expect(Number(await journal())).toBeGreaterThan(0)
    expect(await rollups.pruneWrites(db.client, 0, 1000)).toBe(0)
    expect(await rollups.pruneWrites(db.client, 0, 1)).toBeGreaterThan(0)
    expect(Number(await journal())).toBe(0)
    expect((await rollups.state(db.client)).status).toBe('ready')
  })
})

describe('rebuild and migration', () => {
  it('rebuild refills emptied rollups month by month, again with the same result', async () => {
    ch = await openTempClickHouse()
    const ads = fixtureSet(9).slice(0, 120)
    await writeAds(ch, ads)
    const want = expected(ads, SKILLS)
    for (const t of ROLLUP_TABLES) await ch.client.command({ query: `TRUNCATE TABLE ${t}` })
    // Emptied rollups answer differently: the paths really read different tables.
    expect(await counted(ch, 'rollup', SKILLS)).not.toEqual(want)
    const months = new Set(ads.map((a) => a.day.slice(0, 7))).size
    for (let run = 0; run < 2; run++) {
      const seen: string[] = []
      const done = await rollups.rebuild(ch.client, (p) => seen.push(`${p.done}/${p.total} ${p.month}`), {
        settleMs: 0,
      })
      expect(done.months).toBe(months)
      expect(seen).toHaveLength(months)
      expect(seen.at(-1)).toMatch(new RegExp(`^${months}/${months} \\d{4}-\\d{2}$`))
      expect(await counted(ch, 'rollup', SKILLS)).toEqual(want)
      expect(await rollups.state(ch.client)).toMatchObject({ status: 'ready' })
    }
  })

  it('while a rebuild is under way the query layer reads raw rows', async () => {
    ch = await openTempClickHouse()
    await writeAds(ch, fixtureSet(2).slice(0, 10))
    await rollups.setStatus(ch.client, 'building')
    await new Promise((r) => setTimeout(r, 1100))
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('raw')
  })

  it('migration 006 on stored data: inferred skills leave the counts, the rollups hold the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackradar-rollup-migration-'))
    ch = await createClickHouse({
      DATA_DIR: dir,
      CLICKHOUSE_URL: undefined,
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'stackradar',
    })
    const all = loadMigrations()
    await migrate(
      ch.client,
      undefined,
      all.filter((m) => m.version < 6),
    )
    // Rows as the worker wrote them before 006: `skills` holds inferred parents too.
    const ads = [
      makeAd({ id: 'a', skills: ['django'], inferred: ['python'] }),
      makeAd({ id: 'b', skills: ['python', 'go'] }),
      makeAd({ id: 'c', dedupe: 'b', source: 'board-a', skills: ['python'] }),
    ]
    await ch.client.insert({
      table: 'ads',
      format: 'JSONEachRow',
      values: ads.map((a) => ({
        ad_id: a.id,
        source: a.source,
        posted_at: `${a.day} 12:00:00`,
        posted_day: a.day,
        skills: [...a.skills, ...a.inferred],
        extractor_version: 1,
        extracted_at: a.extractedAt,
        dedupe_key: a.dedupe,
      })),
    })
    await ch.client.insert({
      table: 'ad_skills',
      format: 'JSONEachRow',
      values: ads.flatMap((a) =>
        [...a.skills, ...a.inferred].map((skill) => ({
          skill,
          posted_day: a.day,
          ad_id: a.id,
          extractor_version: 1,
          inferred: a.inferred.includes(skill) ? 1 : 0,
          extracted_at: a.extractedAt,
          dedupe_key: a.dedupe,
        })),
      ),
    })
    expect(await migrate(ch.client, undefined, all)).toContain(6)
    const named = await queryRows<{ ad_id: string; named_skills: string[] }>(
      ch.client,
      'SELECT ad_id, named_skills FROM ads FINAL ORDER BY ad_id',
    )
    expect(named).toEqual([
      { ad_id: 'a', named_skills: ['django'] },
      { ad_id: 'b', named_skills: ['python', 'go'] },
      { ad_id: 'c', named_skills: ['python'] },
    ])
    const want = { total: 2, python: 1, go: 1, django: 1 }
    expect((await choosePath(ch.client, { filters: NO_FILTERS })).path).toBe('rollup')
    expect(await counted(ch, 'rollup', ['python', 'go', 'django'])).toEqual(want)
    expect(await counted(ch, 'raw', ['python', 'go', 'django'])).toEqual(want)
    // Applying 006's statements again (two processes migrating at once) changes nothing.
    await migrate(
      ch.client,
      undefined,
      all.filter((m) => m.version === 6).map((m) => ({ ...m, version: 99 })),
    )
    expect(await counted(ch, 'rollup', ['python', 'go', 'django'])).toEqual(want)
  })
})
