// A request still unanswered after API_TIMEOUT_MS (waiting for a turn included) gets 504 with a
// JSON body, so a stuck query never holds a client forever.
import { HTTPException } from 'hono/http-exception'
import { timeout } from 'hono/timeout'
import type { ApiDeps } from '../deps.ts'
import { apiLimits } from './limits.ts'

export function requestTimeout(deps: Pick<ApiDeps, 'limits'>) {
  const ms = apiLimits(deps).API_TIMEOUT_MS
  return timeout(ms, () => new HTTPException(504, { message: `no answer within ${ms} ms; try again later` }))
}
