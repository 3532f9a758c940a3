// Deterministic synthetic job ads for the scale benchmarks, in the rows the scrapers and the extract
// worker store (raw_ads_v2, ads, ad_skills). A seeded generator with realistic shapes: the taxonomy's
// skills at Zipf-like frequency (~6 per ad), ten years of dates with more ads in later years,
// several boards, ~5% cross-board copies of a recent job sharing its dedupe_key, ~30% with a
// salary, every facet filled (country, work mode, seniority, role family, employment type,
// industries), and raw text about as long as real ads'. The same seed always gives the same ads,
// chunk by chunk.
import { toDate, toDateTime, toDateTime64 } from '@stackradar/core/clickhouse'
import { EMPLOYMENT_TYPES, ROLE_FAMILIES, SENIORITIES, WORK_MODES } from '@stackradar/core/contracts/api'
import { encodeStoredAd } from '@stackradar/core/contracts/payloads'
import { INDUSTRIES, listSkills } from '@stackradar/core/extract'
import type { AdRow, AdSkillRow, RawAdRow } from '@stackradar/core/tables'

export interface SyntheticChunk {
  raws: RawAdRow[]
  ads: AdRow[]
  skills: AdSkillRow[]
}

export interface SyntheticOptions {
  seed?: number
  /** Last day of the ten years (fixed, so a run does not depend on today). */
  end?: string
  extractorVersion?: number
}

const DAY_MS = 86_400_000
const YEARS = 10
const DUPLICATE_SHARE = 0.05
const SALARY_SHARE = 0.3
const INFERRED_SHARE = 0.02

/** Board weights (hn is the largest). */
const SOURCES: [string, number][] = [
  ['hn', 30],
  ['greenhouse', 20],
  ['lever', 14],
  ['ashby', 8],
  ['remoteok', 8],
  ['remotive', 6],
  ['weworkremotely', 6],
  ['himalayas', 4],
  ['jobicy', 4],
]
const COUNTRIES: [string, number][] = [
  ['US', 35],
  ['GB', 10],
  ['DE', 8],
  ['CA', 6],
  ['IN', 5],
  ['NL', 4],
  ['FR', 4],
  ['PL', 4],
  ['ES', 3],
  ['AU', 3],
  ['SE', 2],
  ['IE', 2],
  ['BR', 2],
  ['SG', 2],
  ['CH', 2],
  ['IL', 2],
  ['JP', 1],
  ['PT', 1],
  ['MX', 1],
  ['NZ', 1],
]
const WORK_MODE_W = [45, 20, 30, 5] // remote, hybrid, onsite, unknown
const SENIORITY_W = [2, 8, 25, 35, 10, 4, 16] // intern … principal, unknown
const ROLE_W = [45, 20, 10, 10, 5, 3, 7]
const EMPLOYMENT_W = [80, 12, 2, 6]
const SKILL_COUNT_W: [number, number][] = [
  [3, 10],
  [4, 15],
  [5, 20],
  [6, 20],
  [7, 15],
  [8, 10],
  [9, 6],
  [10, 4],
]
const BASE_SALARY: Record<string, number> = {
  intern: 45_000,
  junior: 75_000,
  mid: 110_000,
  senior: 150_000,
  lead: 170_000,
  principal: 200_000,
  unknown: 120_000,
}
const COUNTRY_PAY: Record<string, number> = {
  US: 1,
  CA: 0.8,
  GB: 0.75,
  CH: 1.05,
  AU: 0.8,
  IN: 0.25,
  PL: 0.45,
  BR: 0.35,
}

/** The most named skills, in order (the rest of the taxonomy follows them). */
const HEAD_SKILLS = [
  'python',
  'javascript',
  'aws',
  'java',
  'typescript',
  'docker',
  'postgresql',
  'go',
  'kubernetes',
  'react',
  'nodejs',
  'sql',
  'ruby',
  'mysql',
  'redis',
  'gcp',
  'azure',
  'kafka',
  'rust',
  'php',
]

/**
 * Sentences of an ad's body around the line that names its skills. None names a skill, so the
 * words that matched (and the snippet around them) stay in that line.
 */
const BODY_SENTENCES = [
  'We are a small, fully funded team building tools that thousands of people use every day.',
  'You will own features end to end, from the first design discussion to production.',
  'Our engineers work in small squads with a product manager and a designer.',
  'We value clear writing, thoughtful code review and shipping in small steps.',
  'The role reports to the head of engineering and works closely with our founders.',
  'We offer a competitive salary, equity, and a generous learning budget.',
  'Benefits include health insurance, parental leave and flexible working hours.',
  'Our interview process has three steps: a call, a take-home exercise and a team chat.',
  'You will help us scale the platform as our customer base grows tenfold this year.',
  'We care about observability, automated testing and calm on-call rotations.',
  'Previous experience in a fast-growing company is a plus but not required.',
  'We are committed to building a diverse team and encourage everyone to apply.',
  'The team is spread across several time zones and meets in person twice a year.',
  'You will mentor junior engineers and take part in our architecture reviews.',
  'Our stack is boring on purpose: we pick well-understood tools and use them well.',
  'We process millions of events a day and keep latency low for our users.',
  'Tell us about something you built that you are proud of.',
  'Visa sponsorship may be available for the right candidate.',
  'We publish our engineering handbook and salary bands openly.',
  'Apply with a short note and a link to your work; no cover letter needed.',
]

/**
 * An ad's stored text: `summary` (the line naming its skills) among filler sentences, about as
 * long as a real one (HN "Who is hiring?" ads: median 1,123 characters, p90 2,099): log-normal
 * around 1,100 with p90 near 2,100. Its own generator per ad (seed and index), so the ads' other
 * fields draw the same numbers as before bodies had a length.
 */
function adBody(seed: number, index: number, summary: string): string {
  const r = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)
  const target = Math.min(8000, Math.max(200, Math.round(1100 * Math.exp(0.5 * standardNormal(r)))))
  const parts: string[] = []
  let length = summary.length
  while (length < target) {
    const sentence = BODY_SENTENCES[Math.floor(r() * BODY_SENTENCES.length)]!
    parts.push(sentence)
    length += sentence.length + 1
  }
  parts.splice(Math.floor(r() * (parts.length + 1)), 0, summary)
  return parts.join(' ')
}

/** A standard normal draw from two uniform ones (Box–Muller), for the log-normal lengths and pay. */
function standardNormal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
}

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A sampler over weighted items (cumulative weights + binary search). */
function weighted<T>(items: readonly T[], weights: readonly number[]): (r: number) => T {
  const cum: number[] = []
  let sum = 0
  for (const w of weights) cum.push((sum += w))
  return (r) => {
    const x = r * sum
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return items[lo]!
  }
}

interface Job {
  key: string
  at: number
  skills: { id: string; category: string; name: string; inferred: boolean }[]
  company: string
  title: string
  country: string
  workMode: string
  seniority: string
  role: string
  employment: string
  industries: string[]
  salary: { min: number; max: number } | null
}

export class SyntheticAds {
  private readonly seed: number
  private readonly rnd: () => number
  private readonly endMs: number
  private readonly version: number
  private readonly extractedAt: string
  private readonly recent: Job[] = []
  private made = 0
  private readonly pickSource = weighted(
    SOURCES.map(([s]) => s),
    SOURCES.map(([, w]) => w),
  )
  private readonly pickCountry = weighted(
    COUNTRIES.map(([c]) => c),
    COUNTRIES.map(([, w]) => w),
  )
  private readonly pickWorkMode = weighted(WORK_MODES, WORK_MODE_W)
  private readonly pickSeniority = weighted(SENIORITIES, SENIORITY_W)
  private readonly pickRole = weighted(ROLE_FAMILIES, ROLE_W)
  private readonly pickEmployment = weighted(EMPLOYMENT_TYPES, EMPLOYMENT_W)
  private readonly pickSkillCount = weighted(
    SKILL_COUNT_W.map(([n]) => n),
    SKILL_COUNT_W.map(([, w]) => w),
  )
  private readonly pickSkill: (r: number) => { id: string; category: string; name: string }
  private readonly pickIndustry: (r: number) => string

  constructor(opts: SyntheticOptions = {}) {
    this.seed = opts.seed ?? 42
    this.rnd = prng(this.seed)
    this.endMs = Date.parse(`${opts.end ?? '2026-11-30'}T23:59:59Z`)
    this.version = opts.extractorVersion ?? 1
    this.extractedAt = toDateTime64(this.endMs)
    // Zipf over the taxonomy: rank r has weight 1 / r; the skills most ads name lead, the rest
    // follow in a seeded order.
    const all = listSkills().map((s) => ({ id: s.id, category: s.category, name: s.name }))
    const order = prng((opts.seed ?? 42) ^ 0x5eed)
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(order() * (i + 1))
      ;[all[i], all[j]] = [all[j]!, all[i]!]
    }
    const head = HEAD_SKILLS.map((id) => all.find((s) => s.id === id)).filter((s) => s !== undefined)
    const skills = [...head, ...all.filter((s) => !HEAD_SKILLS.includes(s.id))]
    this.pickSkill = weighted(
      skills,
      skills.map((_, r) => 1 / (r + 1)),
    )
    this.pickIndustry = weighted(
      INDUSTRIES,
      INDUSTRIES.map((_, r) => 1 / (r + 1)),
    )
  }

  /** The next `n` ads (the sequence continues across calls). */
  next(n: number): SyntheticChunk {
    const out: SyntheticChunk = { raws: [], ads: [], skills: [] }
    for (let k = 0; k < n; k++) this.one(out)
    return out
  }

  private one(out: SyntheticChunk): void {
    const r = this.rnd
    const i = this.made++
    const copyOf =
      this.recent.length > 0 && r() < DUPLICATE_SHARE
        ? this.recent[Math.floor(r() * this.recent.length)]
        : undefined
    const job = copyOf
      ? { ...copyOf, at: Math.min(this.endMs, copyOf.at + Math.floor(r() * 3 * DAY_MS)) }
      : this.job(i)
    // A copy is on another board than its original (a cross-board duplicate).
    let source = this.pickSource(r())
    if (copyOf && job.key.startsWith(`${source}:`)) source = source === 'hn' ? 'greenhouse' : 'hn'
    const adId = `${source}:syn${i}`
    const key = copyOf ? job.key : adId
    if (!copyOf) {
      job.key = adId
      if (this.recent.length < 2000) this.recent.push(job)
      else this.recent[i % 2000] = job
    }
    const postedAt = toDateTime(job.at)
    const postedDay = toDate(job.at)
    const url = `https://jobs.example.com/${source}/${i}`
    const names = job.skills.filter((s) => !s.inferred).map((s) => s.name)
    const text = `${job.company}: ${job.title} (${job.workMode}, ${job.country}). We work with ${names.join(', ')}.${
      job.salary ? ` Pay $${Math.round(job.salary.min / 1000)}k-$${Math.round(job.salary.max / 1000)}k.` : ''
    }`
    const stored = encodeStoredAd({ format: 'text', text: adBody(this.seed, i, text) })
    out.raws.push({
      ad_id: adId,
      source,
      source_id: String(i),
      thread_id: source === 'hn' ? `hn-${postedDay.slice(0, 7)}` : source,
      url,
      posted_at: postedAt,
      date_source: 'source',
      payload_format: stored.payload_format,
      payload: stored.payload,
      content_hash: String((i * 2654435761) >>> 0),
      fetched_at: this.extractedAt,
      dedupe_key: key,
    })
    const s = job.salary
    out.ads.push({
      ad_id: adId,
      source,
      source_id: String(i),
      thread_id: source === 'hn' ? `hn-${postedDay.slice(0, 7)}` : source,
      url,
      posted_at: postedAt,
      posted_day: postedDay,
      company: job.company,
      title: job.title,
      seniority: job.seniority,
      work_mode: job.workMode,
      remote_region: job.workMode === 'remote' ? 'worldwide' : '',
      country: job.country,
      employment_type: job.employment,
      role_family: job.role,
      industries: job.industries,
      visa_sponsorship: null,
      skills: job.skills.map((x) => x.id),
      named_skills: job.skills.filter((x) => !x.inferred).map((x) => x.id),
      salary_raw: s ? `$${Math.round(s.min / 1000)}k-$${Math.round(s.max / 1000)}k` : '',
      salary_min: s?.min ?? null,
      salary_max: s?.max ?? null,
      salary_currency: s ? 'USD' : '',
      salary_period: s ? 'year' : '',
      salary_kind: s ? (job.employment === 'contract' ? 'day_rate' : 'range') : '',
      salary_source: s ? 'text' : '',
      salary_annual_min_usd: s?.min ?? null,
      salary_annual_max_usd: s?.max ?? null,
      salary_confidence: s ? 0.9 : 0,
      extractor_version: this.version,
      extracted_at: this.extractedAt,
      dedupe_key: key,
    })
    for (const sk of job.skills)
      out.skills.push({
        skill: sk.id,
        posted_day: postedDay,
        ad_id: adId,
        extractor_version: this.version,
        source,
        category: sk.category,
        inferred: sk.inferred ? 1 : 0,
        evidence: sk.inferred ? [] : [sk.name.toLowerCase()],
        extracted_at: this.extractedAt,
        dedupe_key: key,
      })
  }

  private job(i: number): Job {
    const r = this.rnd
    // Linearly more ads in later years: the square root of a uniform draw.
    const at = this.endMs - Math.floor((1 - Math.sqrt(r())) * YEARS * 365 * DAY_MS)
    const want = this.pickSkillCount(r())
    const skills: Job['skills'] = []
    const seen = new Set<string>()
    for (let tries = 0; skills.length < want && tries < want * 10; tries++) {
      const s = this.pickSkill(r())
      if (seen.has(s.id)) continue
      seen.add(s.id)
      skills.push({ ...s, inferred: r() < INFERRED_SHARE })
    }
    const seniority = this.pickSeniority(r())
    const role = this.pickRole(r())
    const country = this.pickCountry(r())
    const industries = [this.pickIndustry(r())]
    if (r() < 0.3) {
      const second = this.pickIndustry(r())
      if (second !== industries[0]) industries.push(second)
    }
    let salary: Job['salary'] = null
    if (r() < SALARY_SHARE) {
      // Log-normal around the seniority's base, scaled by country.
      const z = standardNormal(r)
      const min =
        Math.round((BASE_SALARY[seniority]! * (COUNTRY_PAY[country] ?? 0.7) * Math.exp(0.25 * z)) / 1000) *
        1000
      salary = { min, max: Math.round((min * (1.1 + 0.4 * r())) / 1000) * 1000 }
    }
    return {
      key: '',
      at,
      skills,
      company: `Company ${i % 25_000}`,
      title: `${seniority === 'unknown' ? '' : `${seniority[0]!.toUpperCase()}${seniority.slice(1)} `}${role} engineer`,
      country,
      workMode: this.pickWorkMode(r()),
      seniority,
      role,
      employment: this.pickEmployment(r()),
      industries,
      salary,
    }
  }
}
