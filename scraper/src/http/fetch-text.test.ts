import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backoffDelayMs, parseRetryAfterMs } from './backoff.ts'
import { decodeBody, fetchJson, fetchText, type FetchTextOptions } from './fetch-text.ts'
import { expectFetchError } from './expect-fetch-error.ts'

// Per-path request counters, so each scenario can answer differently on later attempts.
const hits = new Map<string, number>()
let server: Server
let base: string

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/'
  const hit = (hits.get(path) ?? 0) + 1
  hits.set(path, hit)
  switch (path) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'text/html' }).end(`hello ${req.headers['user-agent']}`)
      return
    case '/latin1':
      res
        .writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' })
        .end(Buffer.from([0x63, 0x61, 0x66, 0xe9]))
      return
    case '/429-then-ok':
      if (hit === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down')
      else res.writeHead(200).end('finally')
      return
    case '/503-then-ok':
      if (hit === 1) res.writeHead(503).end('busy')
      else res.writeHead(200).end('recovered')
      return
    case '/always-500':
      res.writeHead(500).end('broken')
      return
    case '/404':
      res.writeHead(404).end('missing')
      return
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hits: [1, 2] }))
      return
    case '/not-json':
      res.writeHead(200).end('<html>')
      return
    case '/big-declared':
      res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000))
      return
    case '/big-chunked':
      // No Content-Length: the limit must be enforced while streaming.
      res.writeHead(200)
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000))
      res.end()
      return
    case '/never-answers':
      return // keep the socket open, never respond
    default:
      res.writeHead(500).end()
  }
}

const options = (extra: Partial<FetchTextOptions> = {}): FetchTextOptions => ({
  userAgent: 'StackRadarTest/1.0',
  timeoutMs: 2000,
  maxBytes: 4096,
  retries: 2,
  minBackoffMs: 5,
  ...extra,
})

const failure = expectFetchError

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('fetchText', () => {
  it('returns the body, status, headers and sends the user agent', async () => {
    const result = await fetchText(`${base}/ok`, options())
    expect(result).toMatchObject({
      status: 200,
      body: 'hello StackRadarTest/1.0',
      attempts: 1,
      url: `${base}/ok`,
    })
    expect(result.headers.get('content-type')).toBe('text/html')
  })

  it('decodes the charset named in Content-Type', async () => {
    expect((await fetchText(`${base}/latin1`, options())).body).toBe('café')
  })

  it('waits for Retry-After on 429, then succeeds', async () => {
    const warnings: object[] = []
    const started = Date.now()
    const result = await fetchText(
      `${base}/429-then-ok`,
      options({ logger: { warn: (obj) => warnings.push(obj) } }),
    )
    expect(result).toMatchObject({ status: 200, body: 'finally', attempts: 2 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(warnings).toEqual([
      expect.objectContaining({ url: `${base}/429-then-ok`, status: 429, attempt: 1, delayMs: 1000 }),
    ])
  })

  it('retries a 503 and succeeds', async () => {
    const result = await fetchText(`${base}/503-then-ok`, options())
    expect(result).toMatchObject({ body: 'recovered', attempts: 2 })
  })

  it('gives up on a persistent 5xx after all retries', async () => {
    hits.delete('/always-500')
    const error = await failure(fetchText(`${base}/always-500`, options({ retries: 2 })))
    expect(error).toMatchObject({ status: 500, retryable: true, attempts: 3 })
    expect(error.message).toContain(`${base}/always-500`)
    expect(hits.get('/always-500')).toBe(3)
  })

  it('does not retry a 404', async () => {
    const error = await failure(fetchText(`${base}/404`, options()))
    expect(error).toMatchObject({ status: 404, retryable: false, attempts: 1 })
    expect(hits.get('/404')).toBe(1)
    expect(error.message).toMatch(/HTTP 404/)
  })

  it('fails on a body over maxBytes, declared or streamed, without retrying', async () => {
    const declared = await failure(fetchText(`${base}/big-declared`, options()))
    expect(declared).toMatchObject({ retryable: false, attempts: 1 })
    expect(declared.message).toMatch(/exceeds maxBytes 4096/)
    const streamed = await failure(fetchText(`${base}/big-chunked`, options()))
    expect(streamed.message).toMatch(/exceeds maxBytes 4096/)
  })

  it('times out a server that never answers, retrying each attempt', async () => {
    const error = await failure(fetchText(`${base}/never-answers`, options({ timeoutMs: 150, retries: 1 })))
    expect(error).toMatchObject({ retryable: true, attempts: 2 })
    expect(error.message).toMatch(/timed out after 150 ms/)
  })

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await failure(fetchText(`http://127.0.0.1:${port}/`, options({ retries: 1 })))
    expect(error).toMatchObject({ retryable: true, attempts: 2 })
    expect(error.message).toMatch(/ECONNREFUSED/)
  })

  it('stops when the caller aborts', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(fetchText(`${base}/never-answers`, options({ signal: controller.signal })))
    expect(error).toMatchObject({ retryable: false, attempts: 1 })
    expect(error.message).toMatch(/aborted/)
  })
})

describe('fetchJson', () => {
  it('parses JSON bodies', async () => {
    expect((await fetchJson(`${base}/json`, options())).data).toEqual({ hits: [1, 2] })
  })

  it('fails clearly on a body that is not JSON', async () => {
    const error = await failure(fetchJson(`${base}/not-json`, options()))
    expect(error).toMatchObject({ retryable: false, status: 200 })
    expect(error.message).toMatch(/invalid JSON/)
  })
})

describe('backoff helpers', () => {
  it('reads Retry-After as seconds or an HTTP date, capped at 60 s', () => {
    const now = Date.parse('2025-06-02T15:00:00Z')
    expect(parseRetryAfterMs('3', now)).toBe(3000)
    expect(parseRetryAfterMs('3600', now)).toBe(60_000)
    expect(parseRetryAfterMs('Mon, 02 Jun 2025 15:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfterMs('soon', now)).toBeNull()
    expect(parseRetryAfterMs(null, now)).toBeNull()
  })

  it('grows the jitter window exponentially and keeps the floor', () => {
    expect(backoffDelayMs(1, 100, 10, () => 1)).toBe(100)
    expect(backoffDelayMs(4, 100, 10, () => 1)).toBe(800)
    expect(backoffDelayMs(4, 100, 10, () => 0)).toBe(10)
    expect(backoffDelayMs(40, 100, 10, () => 1)).toBe(30_000)
  })

  it('falls back to UTF-8 for unknown charsets', () => {
    expect(decodeBody(Buffer.from('é'), 'text/html; charset=nonsense')).toBe('é')
    expect(decodeBody(Buffer.from('é'), null)).toBe('é')
  })
})
