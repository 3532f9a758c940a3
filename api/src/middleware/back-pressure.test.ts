// Back-pressure: a bounded queue answers 503 + Retry-After past its size, a per-IP limit answers
// 429 with JSON, and a request that waits too long gets 504. Counted by outcomes, not timings.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { errorHandler } from '../errors.ts'
import { inFlightLimit } from './in-flight-limit.ts'
import { rateLimit } from './rate-limit.ts'
import { requestTimeout } from './request-timeout.ts'
import { createRootLogger } from '@stackradar/core/logger'

const log = createRootLogger('silent')
const fromIp = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })

function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe('in-flight limit', () => {
  it('runs API_MAX_CONCURRENT at once, queues API_MAX_QUEUE, refuses the rest with 503 + Retry-After', async () => {
    const g = gate()
    let started = 0
    const app = new Hono()
    app.use('*', inFlightLimit({ limits: { API_MAX_CONCURRENT: 2, API_MAX_QUEUE: 3 } }))
    app.get('/work', async (c) => {
      started++
      await g.opened
      return c.json({ ok: true })
    })
    const pending = Array.from({ length: 5 }, () => app.request('/work'))
    await new Promise((r) => setTimeout(r, 20))
    expect(started).toBe(2) // three wait their turn
    const refused = await Promise.all([app.request('/work'), app.request('/work')])
    for (const res of refused) {
      expect(res.status).toBe(503)
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
      expect(await res.json()).toMatchObject({ error: { code: 'overloaded' } })
    }
    g.open()
    const answered = await Promise.all(pending)
    expect(answered.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(started).toBe(5)
    // Every slot came back: a new burst of two runs at once again.
    expect((await app.request('/work')).status).toBe(200)
  })
})

describe('rate limit', () => {
  it('answers 429 with JSON past the per-IP limit, and counts each IP apart', async () => {
    const app = new Hono()
    app.onError(errorHandler(log))
    app.use('*', rateLimit({ limits: { API_RATE_LIMIT: 3, API_RATE_WINDOW_MS: 60_000 } }))
    app.get('/x', (c) => c.json({ ok: true }))
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/x', {}, fromIp('10.0.0.1'))).status)
    expect(statuses).toEqual([200, 200, 200])
    const limited = await app.request('/x', {}, fromIp('10.0.0.1'))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('60')
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect((await app.request('/x', {}, fromIp('10.0.0.2'))).status).toBe(200)
  })
})

describe('request timeout', () => {
  it('answers 504 with JSON when the handler does not finish in time', async () => {
    const g = gate()
    const app = new Hono()
    app.onError(errorHandler(log))
    app.use('*', requestTimeout({ limits: { API_TIMEOUT_MS: 100 } }))
    app.get('/slow', async (c) => {
      await g.opened
      return c.json({ ok: true })
    })
    const res = await app.request('/slow')
    g.open()
    expect(res.status).toBe(504)
    expect(await res.json()).toMatchObject({
      error: { message: expect.stringMatching(/no answer within 100 ms/) },
    })
  })
})
