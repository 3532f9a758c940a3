// Typed client for the StackRadar API (same origin, /api/v1). Every failure becomes an ApiError
// with a human-readable message, so the UI can always show something useful instead of a blank page.

export interface Skill {
  id: string
  name: string
  category: string
}

export interface TrendPoint {
  period: string // first day of the period, YYYY-MM-DD
  skill: string
  ads: number
  total: number
  share: number // ads / total, 0..1
}

export interface TrendsResponse {
  interval: string
  from: string | null
  to: string | null
  skills: string[]
  points: TrendPoint[]
}

export interface Status {
  mode: 'embedded' | 'distributed'
  ads: { raw: number; extracted: number }
  backfill: {
    running: boolean
    threads: { total: number; done: number; failed: number }
    startedAt: string | null
    updatedAt: string | null
    /** Estimated seconds left (pace so far); null before the first thread is read. */
    etaSeconds?: number | null
  }
  queues: Record<string, { waiting: number; active: number }>
  extractorVersion: number
}

/** One ad behind a number, from /api/v1/ads: the words that matched and where the ad lives. */
export interface EvidenceAd {
  adId: string
  source: string
  url: string | null
  title: string | null
  company: string | null
  postedAt: string | null
  evidence: string[]
  /** True when the skill was not named but implied by a related one (Django → Python). */
  inferred: boolean
  /** Credit line a source's terms require next to its ads, e.g. "Jobs from Remote OK (…)". */
  attribution: string | null
}

export interface AdsResponse {
  skill: string
  ads: EvidenceAd[]
}

/** Health of one source from /api/v1/sources. Fields after `enabled` vary by kind. */
export interface SourceHealth {
  id: string
  kind: string
  enabled: boolean
  lastSuccessAt: string | null
  lastError: string | null
  lastErrorAt: string | null
  [field: string]: unknown
}

export interface SourcesResponse {
  sources: SourceHealth[]
  queue: Record<string, { waiting: number; active: number }>
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly param: string | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Fetch = typeof fetch

async function getJson(fetchFn: Fetch, path: string): Promise<unknown> {
  let res: Response
  try {
    res = await fetchFn(path, { headers: { accept: 'application/json' } })
  } catch (err) {
    throw new ApiError(`Could not reach the API (${err instanceof Error ? err.message : String(err)}).`, null)
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    // An HTML page here usually means the server answered /api with the SPA fallback.
    throw new ApiError(
      `The API answered ${path} with something that is not JSON (HTTP ${res.status}).`,
      res.status,
    )
  }
  if (!res.ok) {
    const error = (body as { error?: { message?: unknown; param?: unknown } } | null)?.error
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`
    const param = typeof error?.param === 'string' ? error.param : null
    const prefix = res.status >= 500 ? 'The API failed' : 'The API rejected the request'
    throw new ApiError(`${prefix}: ${message}`, res.status, param)
  }
  return body
}

function malformed(path: string): ApiError {
  return new ApiError(`The API answered ${path} with an unexpected shape.`, 200)
}

export async function fetchSkills(fetchFn: Fetch): Promise<Skill[]> {
  const path = '/api/v1/skills'
  const body = (await getJson(fetchFn, path)) as { skills?: unknown }
  if (!Array.isArray(body?.skills)) throw malformed(path)
  return body.skills as Skill[]
}

export async function fetchTrends(fetchFn: Fetch, path: string): Promise<TrendsResponse> {
  const body = (await getJson(fetchFn, path)) as Partial<TrendsResponse> | null
  if (!Array.isArray(body?.points) || !Array.isArray(body?.skills)) throw malformed(path)
  return body as TrendsResponse
}

export async function fetchStatus(fetchFn: Fetch): Promise<Status> {
  const path = '/api/v1/status'
  const body = (await getJson(fetchFn, path)) as Partial<Status> | null
  if (!body?.ads || !body.backfill?.threads) throw malformed(path)
  return body as Status
}

export async function fetchAds(fetchFn: Fetch, path: string): Promise<AdsResponse> {
  const body = (await getJson(fetchFn, path)) as Partial<AdsResponse> | null
  if (!Array.isArray(body?.ads)) throw malformed(path)
  return body as AdsResponse
}

export async function fetchSources(fetchFn: Fetch): Promise<SourcesResponse> {
  const path = '/api/v1/sources'
  const body = (await getJson(fetchFn, path)) as Partial<SourcesResponse> | null
  if (!Array.isArray(body?.sources)) throw malformed(path)
  return { sources: body.sources, queue: body.queue ?? {} }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
