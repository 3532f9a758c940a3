// Plain-HTTP fetching shared by all sources.
export { fetchJson, fetchText, decodeBody } from './fetch-text.ts'
export type { FetchJsonResult, FetchTextOptions, FetchTextResult } from './fetch-text.ts'
export { FetchError } from './fetch-error.ts'
export { backoffDelayMs, parseRetryAfterMs } from './backoff.ts'
