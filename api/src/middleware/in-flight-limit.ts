// Bounded work: at most API_MAX_CONCURRENT requests run at once and API_MAX_QUEUE wait their turn
// in arrival order; past that a request is refused at once with 503 and Retry-After instead of
// making every client wait longer (chDB answers one query at a time, so piling on only adds delay).
import type { MiddlewareHandler } from 'hono'
import type { ApiDeps } from '../deps.ts'
import { apiLimits } from './limits.ts'

export function inFlightLimit(deps: Pick<ApiDeps, 'limits'>): MiddlewareHandler {
  const { API_MAX_CONCURRENT: maxActive, API_MAX_QUEUE: maxQueued, API_TIMEOUT_MS } = apiLimits(deps)
  const retryAfterS = String(Math.max(1, Math.ceil(API_TIMEOUT_MS / 10_000)))
  let active = 0
  const waiting: (() => void)[] = []
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else active--
  }
  return async (c, next) => {
    const queuedAt = Date.now()
    if (active < maxActive) active++
    else if (waiting.length < maxQueued) await new Promise<void>((r) => waiting.push(r))
    else {
      c.header('Retry-After', retryAfterS)
      return c.json(
        { error: { code: 'overloaded', message: 'the server is busy; retry after the Retry-After delay' } },
        503,
      )
    }
    try {
      // Waited past the request timeout: the client already has its 504, skip the work.
      if (Date.now() - queuedAt >= API_TIMEOUT_MS) return
      await next()
    } finally {
      // The slot passes straight to the first waiter (active stays the same) or is freed.
      release()
    }
  }
}
