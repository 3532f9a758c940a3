// Typed client for the StackRadar API (same origin, /api/v1). Types and response checks come from
// the API's contracts in core; every failure becomes an ApiError with a human-readable message, so
// the UI can always show something useful instead of a blank page.

import {
  AdsResponse,
  BreakdownResponse,
  CooccurrenceResponse,
  CoverageResponse,
  HealthResponse,
  RankingsResponse,
  SalariesResponse,
  SkillProfileResponse,
  SkillsResponse,
  SourcesResponse,
  StatusResponse,
  TrendsResponse,
  type AdEvidence,
  type Skill,
  type SourceHealthRow,
  type TrendPoint,
} from '@stackradar/core/contracts/api'
import type { z } from 'zod'

// The API's own contracts (core/src/contracts/api), under the names the components use.
export type {
  AdsResponse,
  BreakdownResponse,
  CooccurrenceResponse,
  CoverageResponse,
  HealthResponse,
  RankingsResponse,
  SalariesResponse,
  Skill,
  SkillProfileResponse,
  SkillsResponse,
  SourcesResponse,
  TrendPoint,
  TrendsResponse,
}
export type Status = StatusResponse
/** One ad behind a number, from /api/v1/ads: the words that matched and where the ad lives. */
export type EvidenceAd = AdEvidence
/** Health of one source from /api/v1/sources. */
export type SourceHealth = SourceHealthRow

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

/** The body in its contract's shape, or an ApiError saying which field is off. */
export async function getValid<S extends z.ZodType>(
  fetchFn: Fetch,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const parsed = schema.safeParse(await getJson(fetchFn, path))
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : ''
  throw new ApiError(`The API answered ${path} with an unexpected shape${where}.`, 200)
}

export async function fetchSkills(fetchFn: Fetch): Promise<Skill[]> {
  return (await getValid(fetchFn, '/api/v1/skills', SkillsResponse)).skills
}

/** The whole /skills answer (categories with labels, per-skill ads under the filters). */
export function fetchSkillList(fetchFn: Fetch, path = '/api/v1/skills'): Promise<SkillsResponse> {
  return getValid(fetchFn, path, SkillsResponse)
}

// One fetcher per analytics resource: `path` comes from apiPath() in $lib/filters.
export const fetchRankings = (f: Fetch, path: string) => getValid(f, path, RankingsResponse)
export const fetchBreakdown = (f: Fetch, path: string) => getValid(f, path, BreakdownResponse)
export const fetchCoverage = (f: Fetch, path: string) => getValid(f, path, CoverageResponse)
export const fetchHealth = (f: Fetch, path = '/api/v1/health') => getValid(f, path, HealthResponse)
export const fetchSalaries = (f: Fetch, path: string) => getValid(f, path, SalariesResponse)
export const fetchCooccurrence = (f: Fetch, path: string) => getValid(f, path, CooccurrenceResponse)
export const fetchSkillProfile = (f: Fetch, path: string) => getValid(f, path, SkillProfileResponse)

export function fetchTrends(fetchFn: Fetch, path: string): Promise<TrendsResponse> {
  return getValid(fetchFn, path, TrendsResponse)
}

export function fetchStatus(fetchFn: Fetch): Promise<Status> {
  return getValid(fetchFn, '/api/v1/status', StatusResponse)
}

export function fetchAds(fetchFn: Fetch, path: string): Promise<AdsResponse> {
  return getValid(fetchFn, path, AdsResponse)
}

export function fetchSources(fetchFn: Fetch): Promise<SourcesResponse> {
  return getValid(fetchFn, '/api/v1/sources', SourcesResponse)
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** A settled request: what the data areas of a page render (never rejects, so load can stream it). */
export type Result<T> = { ok: true; data: T } | { ok: false; error: string }

/**
 * Start a request without awaiting it: +page.ts returns the promise and the page renders a skeleton
 * until it settles (`<Async result={data.x}>`), so the shell shows at once.
 */
export function settle<T>(promise: Promise<T>): Promise<Result<T>> {
  return promise.then(
    (data) => ({ ok: true as const, data }),
    (err: unknown) => ({ ok: false as const, error: errorMessage(err) }),
  )
}
