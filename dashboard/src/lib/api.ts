// Typed client for the StackRadar API (same origin, /api/v1). Types and response checks come from
// the API's contracts in core; every failure becomes an ApiError with a human-readable message, so
// the UI can always show something useful instead of a blank page.

import {
  AdsResponse,
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
export type { AdsResponse, Skill, SourcesResponse, TrendPoint, TrendsResponse }
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
async function getValid<S extends z.ZodType>(fetchFn: Fetch, path: string, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await getJson(fetchFn, path))
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : ''
  throw new ApiError(`The API answered ${path} with an unexpected shape${where}.`, 200)
}

export async function fetchSkills(fetchFn: Fetch): Promise<Skill[]> {
  return (await getValid(fetchFn, '/api/v1/skills', SkillsResponse)).skills
}

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
