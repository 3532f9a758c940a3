// Webhook delivery against a real local HTTP server: the receiver checks the HMAC signature with
// its own computation (node:crypto, not our signer), answers 500 first and 200 next, and the
// delivery log shows both attempts; a 4xx other than 408/425/429 is not retried; a closed port is.
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleDocument } from '../test-support.ts'
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts'
import { deliverWebhook, reportWebhookPayload, verifyWebhookSignature } from './webhook.ts'

const SECRET = 'whsec_test_0123456789abcdef'

interface Received {
  headers: IncomingMessage['headers']
  body: string
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(
    servers
      .splice(0)
      .map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))),
  )
})

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try again')
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hooks/stackradar?token=abc`, received, server }
}

/** Real backoff arithmetic, but the waits are recorded instead of slept. */
function recordingPolicy(p: Partial<RetryPolicy> = {}): RetryPolicy & { waits: number[] } {
  const waits: number[] = []
  return {
    ...DEFAULT_RETRY,
    attempts: 4,
    ...p,
    waits,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  }
}

describe('webhook delivery', () => {
  it('signs the body, retries a 500 with backoff and logs every attempt', async () => {
    const { url, received } = await receiver([500, 200])
    const doc = sampleDocument()
    const policy = recordingPolicy()
    const result = await deliverWebhook(
      { url, secret: SECRET },
      reportWebhookPayload(doc, { runId: 'run_1', link: 'https://r.example/s/x' }),
      {
        policy,
      },
    )
    expect(result.ok).toBe(true)
    expect(result.channel).toBe('webhook')
    expect(result.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/stackradar$/) // no query string
    expect(result.attempts.map((a) => [a.ok, a.code])).toEqual([
      [false, 500],
      [true, 200],
    ])
    expect(result.attempts[0]!.error).toBe('HTTP 500: try again')
    expect(policy.waits).toEqual([1500]) // base 2 s, equal jitter at 0.5 → 1.5 s
    expect(received).toHaveLength(2)
    for (const r of received) {
      const ts = String(r.headers['x-stackradar-timestamp'])
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${r.body}`).digest('hex')}`
      expect(r.headers['x-stackradar-signature']).toBe(expected)
      expect(r.headers['content-type']).toBe('application/json')
      expect(verifyWebhookSignature(SECRET, { signature: expected, timestamp: ts }, r.body)).toBe(true)
      expect(verifyWebhookSignature('wrong', { signature: expected, timestamp: ts }, r.body)).toBe(false)
      expect(verifyWebhookSignature(SECRET, { signature: expected, timestamp: ts }, `${r.body} `)).toBe(false)
    }
    // Both attempts carry one delivery id; the body is the run's summary and document.
    expect(received[0]!.headers['x-stackradar-delivery']).toBe(received[1]!.headers['x-stackradar-delivery'])
    const body = JSON.parse(received[1]!.body)
    expect(body).toMatchObject({ event: 'report.run.completed', runId: 'run_1', title: doc.spec.title })
    expect(body.summary).toEqual(doc.summary.map((s) => s.text))
    expect(body.document.headline).toEqual(doc.headline)
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })

  it('a stale timestamp fails verification even with the right signature', async () => {
    const { url, received } = await receiver([200])
    const at = new Date('2026-01-01T00:00:00Z')
    await deliverWebhook({ url, secret: SECRET }, { hello: 1 }, { policy: recordingPolicy(), now: () => at })
    const r = received[0]!
    const headers = {
      signature: String(r.headers['x-stackradar-signature']),
      timestamp: String(r.headers['x-stackradar-timestamp']),
    }
    expect(verifyWebhookSignature(SECRET, headers, r.body, { now: at })).toBe(true)
    expect(verifyWebhookSignature(SECRET, headers, r.body, { now: new Date(at.getTime() + 600_000) })).toBe(
      false,
    )
  })

  it('stops at a 4xx that another try cannot fix, and gives up after the attempts', async () => {
    const { url } = await receiver([404])
    const notFound = await deliverWebhook({ url, secret: SECRET }, {}, { policy: recordingPolicy() })
    expect(notFound.ok).toBe(false)
    expect(notFound.attempts.map((a) => a.code)).toEqual([404])

    const { url: busy } = await receiver([503])
    const policy = recordingPolicy({ attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 })
    const down = await deliverWebhook({ url: busy, secret: SECRET }, {}, { policy })
    expect(down.attempts.map((a) => a.code)).toEqual([503, 503, 503])
    expect(policy.waits).toEqual([75, 150])
  })

  it('a URL the guard refuses is never requested', async () => {
    const { url, received } = await receiver([200])
    const result = await deliverWebhook(
      { url, secret: SECRET },
      {},
      {
        policy: recordingPolicy(),
        checkUrl: async (u) => {
          if (u.hostname === '127.0.0.1') throw new Error('private address 127.0.0.1')
        },
      },
    )
    expect(result.ok).toBe(false)
    expect(result.attempts.map((a) => a.error)).toEqual(['refused: private address 127.0.0.1'])
    expect(received).toEqual([])
  })

  it('retries when nothing listens, and says why in the log', async () => {
    const { url, server } = await receiver([200])
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const result = await deliverWebhook(
      { url, secret: SECRET },
      {},
      { policy: recordingPolicy({ attempts: 2 }) },
    )
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(2)
    expect(result.attempts[0]).toMatchObject({ ok: false, code: null })
    expect(result.attempts[0]!.error).toMatch(/request failed: ECONNREFUSED/)
  })
})
