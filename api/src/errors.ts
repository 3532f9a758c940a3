// One error path for the whole API: every failure leaves as
// { error: { code, message, param? } } with the right status; unknown errors are logged, not leaked.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DependencyUnavailableError, isConnectionError } from '@stackradar/core/dependency'
import type { Logger } from '@stackradar/core/logger'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message)
  }
}

export const badParam = (param: string, message: string) =>
  new ApiError(400, 'bad_request', `${param}: ${message}`, param)

export function errorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) {
      return c.json(
        { error: { code: err.code, message: err.message, ...(err.param ? { param: err.param } : {}) } },
        err.status,
      )
    }
    if (err instanceof HTTPException) {
      return c.json({ error: { code: 'http_error', message: err.message || 'request failed' } }, err.status)
    }
    if (isConnectionError(err)) {
      // Redis or ClickHouse is down: say so at once rather than hang or blame the request.
      const what = err instanceof DependencyUnavailableError ? err.dependency : 'a backing service'
      c.header('Retry-After', '5')
      return c.json(
        { error: { code: 'unavailable', message: `${what} is unreachable: ${err.message}` } },
        503,
      )
    }
    log.error({ err, path: c.req.path }, 'unhandled API error')
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500)
  }
}
