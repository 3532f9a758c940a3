// Test support for the analytics tests: a migrated temp chDB, a factory for stored ads (rows of
// `ads` and `ad_skills` as the worker writes them), a seeded fixture set with cross-posted jobs and
// re-extractions, and the "current distinct ads" view of it computed in plain TypeScript.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClickHouse, type ClickHouseHandle } from '../clickhouse/client.ts'
import { migrate, type Migration } from '../clickhouse/migrate.ts'
import { getSkill } from '../taxonomy/index.ts'
import type { AdRow } from '../tables/ads.ts'

/** A temp chDB with every migration applied, or only `migrations` (a store as an earlier release left it). */
export async function openTempClickHouse(migrations?: Migration[]): Promise<ClickHouseHandle> {
  const ch = await createClickHouse({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-analytics-')),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
  await migrate(ch.client, undefined, migrations)
  return ch
}

export interface FixtureAd {
  id: string
  source: string
  dedupe: string
  day: string
  skills: string[]
  /** Skills implied by a named one (Django → Python): stored, flagged, never counted. */
  inferred: string[]
  seniority: string
  work_mode: string
  country: string
  employment_type: string
  role_family: string
  industries: string[]
  /** Annualised USD range; 0 = no salary. */
  usdMin: number
  usdMax: number
  kind: 'salary' | 'day_rate' | ''
  version: number
  /** Later extractions win. */
  extractedAt: string
}

let seq = 0
export function makeAd(p: Partial<FixtureAd> = {}): FixtureAd {
  const id = p.id ?? `ad-${++seq}`
  return {
    id,
    source: 'hn',
    dedupe: p.dedupe ?? id,
    day: '2017-03-01',
    skills: [],
    inferred: [],
    seniority: 'unknown',
    work_mode: 'unknown',
    country: '',
    employment_type: 'unknown',
    role_family: 'backend',
    industries: [],
    usdMin: 0,
    usdMax: 0,
    kind: '',
    version: 1,
    extractedAt: '2026-01-01 00:00:00.000',
    ...p,
  }
}

export async function writeAds(ch: ClickHouseHandle, ads: FixtureAd[]): Promise<void> {
  await ch.client.insert({ table: 'ads', format: 'JSONEachRow', values: ads.map(adRowOf) })
  await ch.client.insert({
    table: 'ad_skills',
    format: 'JSONEachRow',
    values: ads.flatMap((a) =>
      [...a.skills, ...a.inferred].map((s) => ({
        skill: s,
        posted_day: a.day,
        ad_id: a.id,
        extractor_version: a.version,
        source: a.source,
        category: getSkill(s)?.category ?? '',
        inferred: a.inferred.includes(s) ? 1 : 0,
        evidence: [s],
        extracted_at: a.extractedAt,
        dedupe_key: a.dedupe,
      })),
    ),
  })
}

/** The `raw_ads_v2` rows the scraper would have stored for fixture ads, with the payload given per ad. */
export async function writeRawAds(
  ch: ClickHouseHandle,
  ads: FixtureAd[],
  raw: { format: string; payload: (a: FixtureAd) => string },
): Promise<void> {
  await ch.client.insert({
    table: 'raw_ads_v2',
    format: 'JSONEachRow',
    values: ads.map((a) => ({
      ad_id: a.id,
      source: a.source,
      source_id: a.id,
      thread_id: '',
      url: '',
      posted_at: `${a.day} 12:00:00`,
      date_source: 'absolute',
      payload_format: raw.format,
      payload: raw.payload(a),
      content_hash: 1,
      fetched_at: '2026-01-01 00:00:00.000',
      dedupe_key: a.dedupe,
    })),
  })
}

/** The `ads` row the worker would write for a fixture ad. */
export function adRowOf(a: FixtureAd): AdRow {
  return {
    ad_id: a.id,
    source: a.source,
    source_id: a.id,
    thread_id: '',
    url: `https://example.test/${a.id}`,
    posted_at: `${a.day} 12:00:00`,
    posted_day: a.day,
    company: `Company ${a.dedupe}`,
    title: 'Backend engineer',
    seniority: a.seniority,
    work_mode: a.work_mode,
    remote_region: '',
    country: a.country,
    employment_type: a.employment_type,
    role_family: a.role_family,
    industries: a.industries,
    visa_sponsorship: null,
    skills: [...a.skills, ...a.inferred],
    named_skills: a.skills,
    salary_raw: a.usdMin ? `$${a.usdMin}` : '',
    salary_min: a.usdMin || null,
    salary_max: a.usdMax || null,
    salary_currency: a.usdMin ? 'USD' : '',
    salary_period: a.usdMin ? 'year' : '',
    salary_kind: a.kind,
    salary_source: a.usdMin ? 'text' : '',
    salary_annual_min_usd: a.usdMin || null,
    salary_annual_max_usd: a.usdMax || null,
    salary_confidence: a.usdMin ? 0.9 : 0,
    extractor_version: a.version,
    extracted_at: a.extractedAt,
    dedupe_key: a.dedupe,
  }
}

/** Seeded pseudo-random numbers (mulberry32), so the fixture is the same on every run. */
export function seeded(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

const POOL = ['python', 'go', 'java', 'ruby', 'postgresql', 'mysql', 'mongodb', 'aws', 'docker', 'kubernetes']
const WEIGHTS_2016 = [0.5, 0.15, 0.4, 0.3, 0.3, 0.35, 0.2, 0.3, 0.2, 0.05]
const WEIGHTS_2017 = [0.55, 0.35, 0.35, 0.2, 0.4, 0.25, 0.15, 0.4, 0.35, 0.25]
const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!

/** About 300 ads over 2016–2017 with skill shares that move between the years. */
export function fixtureSet(seed = 7): FixtureAd[] {
  const rnd = seeded(seed)
  const ads: FixtureAd[] = []
  for (let i = 0; i < 300; i++) {
    const year = i < 140 ? 2016 : 2017
    const weights = year === 2016 ? WEIGHTS_2016 : WEIGHTS_2017
    const month = 1 + Math.floor(rnd() * 12)
    const day = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
    const skills = POOL.filter((_, k) => rnd() < weights[k]!)
    const salaried = rnd() < 0.6
    const contract = rnd() < 0.2
    const base = 60_000 + Math.round(rnd() * 100_000) + (skills.includes('go') ? 15_000 : 0)
    ads.push(
      makeAd({
        id: `f${seed}-${i}`,
        source: rnd() < 0.8 ? 'hn' : 'board-a',
        day,
        skills,
        seniority: pick(rnd, ['junior', 'mid', 'senior', 'unknown']),
        work_mode: pick(rnd, ['remote', 'onsite', 'hybrid', 'unknown']),
        country: pick(rnd, ['US', 'US', 'GB', 'DE', '']),
        employment_type: contract ? 'contract' : pick(rnd, ['permanent', 'unknown']),
        industries: rnd() < 0.3 ? ['fintech'] : rnd() < 0.3 ? ['healthtech', 'saas'] : [],
        usdMin: salaried ? base : 0,
        usdMax: salaried ? base + Math.round(rnd() * 40_000) : 0,
        kind: salaried ? 'salary' : '',
      }),
    )
  }
  return ads
}

export interface CurrentAd extends FixtureAd {
  /** Union of the skills of the job's copies (boards). */
  allSkills: Set<string>
}

/** Oracle view: newest extraction per stored ad, then one entry per distinct job (dedupe key). */
export function currentDistinctAds(ads: FixtureAd[]): CurrentAd[] {
  const newest = new Map<string, FixtureAd>()
  for (const a of ads) {
    const key = `${a.source}|${a.day}|${a.id}`
    const had = newest.get(key)
    if (!had || a.extractedAt > had.extractedAt) newest.set(key, a)
  }
  const jobs = new Map<string, CurrentAd>()
  for (const a of newest.values()) {
    const job = jobs.get(a.dedupe)
    if (job) a.skills.forEach((s) => job.allSkills.add(s))
    else jobs.set(a.dedupe, { ...a, allSkills: new Set(a.skills) })
  }
  return [...jobs.values()]
}
