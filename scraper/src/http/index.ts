// Plain-HTTP fetching shared by all sources. Sources should use PoliteFetcher (URL guard, robots.txt,
// per-host pacing, conditional requests); fetchText/fetchJson are the bare building blocks.
export { fetchJson, fetchText, decodeBody, parseJsonBody } from './fetch-text.ts'
export type { FetchJsonResult, FetchTextOptions, FetchTextResult } from './fetch-text.ts'
export { FetchError } from './fetch-error.ts'
export { backoffDelayMs, parseRetryAfterMs } from './backoff.ts'
export { MemoryConditionalCache } from './conditional-cache.ts'
export type { ConditionalCache, ConditionalEntry } from './conditional-cache.ts'
export { PoliteFetcher } from './polite-fetcher.ts'
export type {
  PoliteFetcherOptions,
  PoliteJsonResponse,
  PoliteRequestOptions,
  PoliteResponse,
  PoliteTextResponse,
} from './polite-fetcher.ts'
