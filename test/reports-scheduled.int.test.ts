// A scheduled weekly report end to end, in both queue modes: the scheduler's report step on a fake
// clock after downtime queues ONE catch-up run, the `report` job (in-process queue, then BullMQ on
// a real Redis) builds it from a real chDB, stores it, and delivers it to an in-process SMTP server
// (the mail parsed, its PDF read) and a local webhook receiver (signature checked). A webhook that
// fails leaves the run stored and downloadable with status delivery_failed; resent through the
// API once the receiver is back, it is delivered, and the log keeps both attempts.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '@stackradar/api'
import { createApiKey } from '@stackradar/core/access'
import { makeAd, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import type { ClickHouseHandle } from '@stackradar/core/clickhouse'
import type { ReportRun } from '@stackradar/core/contracts/api'
import { logger } from '@stackradar/core/logger'
import { BullmqQueue, InProcessQueue, type QueueBackend } from '@stackradar/core/queue'
import { reportContent } from '@stackradar/core/report-content'
import { createReport, updateReport } from '@stackradar/core/report-runs'
import { verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@stackradar/core/reports'
import { readPdf } from '@stackradar/core/reports/testing'
import { reportRuns } from '@stackradar/core/tables'
import { queueDueReports, registerReportProcessor } from '@stackradar/worker'
import { startRedis } from './support/redis-server.ts'

const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef'
const log = logger('reports-scheduled-test')
const share = { secret: randomBytes(32), baseUrl: 'http://stackradar.test' }
let ch: ClickHouseHandle
let smtp: SMTPServer
let smtpPort = 0
const inbox: Buffer[] = []
let hookServer: Server
let hookUrl = ''
/** What the webhook receiver answers next (500 = down). */
let hookStatus = 200
const hooks: { body: string; valid: boolean }[] = []
let redis: Awaited<ReturnType<typeof startRedis>> | undefined
const queues: QueueBackend[] = []

beforeAll(async () => {
  ch = await openTempClickHouse()
  // 2017-W10: 30 ads, python in 18; 2017-W09: 30 ads, python in 9.
  await writeAds(ch, [
    ...Array.from({ length: 30 }, (_, i) =>
      makeAd({ day: '2017-03-07', skills: i < 18 ? ['python'] : ['go'] }),
    ),
    ...Array.from({ length: 30 }, (_, i) =>
      makeAd({ day: '2017-02-28', skills: i < 9 ? ['python'] : ['go'] }),
    ),
  ])
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push(Buffer.concat(chunks))
        cb()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  smtpPort = (smtp.server.address() as AddressInfo).port
  hookServer = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const valid = verifyWebhookSignature(
        WEBHOOK_SECRET,
        {
          signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string,
          timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string,
        },
        body,
      )
      hooks.push({ body, valid })
      res.writeHead(hookStatus).end()
    })
  })
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve))
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/stackradar`
}, 120_000)

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close(2000)))
  await redis?.stop()
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()))
  await new Promise<void>((r) => (hookServer ? hookServer.close(() => r()) : r()))
  await ch?.close()
})

function startWorker(queue: QueueBackend) {
  queues.push(queue)
  const content = reportContent({
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    smtp: {
      host: '127.0.0.1',
      port: smtpPort,
      tls: 'none',
      user: '',
      password: '',
      from: 'StackRadar <reports@stackradar.test>',
    },
    webhookSecret: WEBHOOK_SECRET,
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 40 },
  })
  registerReportProcessor({ ch: ch.client, queue, log, content, share, concurrency: 1 })
}

async function settled(runId: string, done: (r: ReportRun) => boolean): Promise<ReportRun> {
  for (let i = 0; i < 600; i++) {
    const stored = await reportRuns.get(ch.client, runId)
    if (stored && done(stored.run)) return stored.run
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(
    `run ${runId} did not settle: ${JSON.stringify((await reportRuns.get(ch.client, runId))?.run.status)}`,
  )
}

describe('scheduled weekly report', () => {
  it('in-process queue: one catch-up run after downtime, delivered by e-mail (PDF attached) and signed webhook', async () => {
    const queue = new InProcessQueue()
    startWorker(queue)
    // Created before three Monday slots passed while the install was down.
    const def = await createReport(
      ch.client,
      {
        name: 'Backend weekly',
        audience: 'Acme Recruiting',
        skills: ['python'],
        cadence: { kind: 'weekly', weekday: 1, hour: 8, timeZone: 'Europe/Berlin' },
        recipients: ['client@agency.test'],
        webhookUrl: hookUrl,
        formats: ['pdf', 'json'],
      },
      new Date('2017-02-20T12:00:00Z'),
    )
    const now = new Date('2017-03-15T10:00:00Z')
    const queued = await queueDueReports({ ch: ch.client, queue, log }, now)
    expect(queued).toHaveLength(1)
    // The scheduler's next minutes queue nothing more for this slot.
    expect(await queueDueReports({ ch: ch.client, queue, log }, new Date(now.getTime() + 60_000))).toEqual([])
    const run = await settled(
      queued[0]!,
      (r) => r.status === 'delivered' || r.status === 'delivery_failed' || r.status === 'failed',
    )
    expect(run).toMatchObject({ status: 'delivered', trigger: 'schedule', period: { label: '2017-W10' } })
    expect(run.deliveries.map((d) => [d.channel, d.ok])).toEqual([
      ['email', true],
      ['webhook', true],
    ])

    expect(inbox).toHaveLength(1)
    const mail = await simpleParser(inbox[0]!)
    expect(mail.subject).toContain('2017-W10')
    const link = /http:\/\/stackradar\.test\/api\/v1\/shared\/\S+/.exec(mail.text ?? '')?.[0]
    expect(link).toBeDefined()
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')
    expect(pdf).toBeDefined()
    const stored = await reportRuns.getFile(ch.client, run.id, 'pdf')
    expect(Buffer.compare(pdf!.content, stored!)).toBe(0)
    const { pages, text } = readPdf(new Uint8Array(pdf!.content))
    expect(pages).toBeGreaterThan(0)
    expect(text).toContain('Acme Recruiting')
    expect(text).toMatch(/Python/)

    expect(hooks).toHaveLength(1)
    expect(hooks[0]!.valid).toBe(true)
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({ runId: run.id, period: { label: '2017-W10' } })

    // The e-mailed link opens the run without a key.
    const app = createApp({ ch: ch.client, queue, log, sources: [], share })
    const shared = await app.request(new URL(link!.replace(/[).,]+$/, '')).pathname)
    expect(shared.status).toBe(200)
    await updateReport(ch.client, def.id, { enabled: false })
  })

  it('BullMQ: a failed webhook keeps the run; resent through the API it is delivered', async () => {
    redis = await startRedis()
    const queue = new BullmqQueue({ redisUrl: redis.url, prefix: `reports-${Date.now()}`, lockMs: 5000 })
    startWorker(queue)
    const app = createApp({ ch: ch.client, queue, log, sources: [], share })
    const key = (await createApiKey(ch.client, 'agency', ['reports'])).key
    const def = await createReport(
      ch.client,
      {
        name: 'Monthly hook',
        cadence: { kind: 'monthly', day: 1, hour: 6, timeZone: 'America/New_York' },
        webhookUrl: hookUrl,
        formats: ['json'],
      },
      new Date('2017-03-20T00:00:00Z'),
    )
    hookStatus = 500
    hooks.length = 0
    const [runId] = (
      await queueDueReports({ ch: ch.client, queue, log }, new Date('2017-04-01T12:00:00Z'))
    ).filter((id) => id.includes(def.id.slice(4)))
    const failed = await settled(
      runId!,
      (r) => r.status === 'delivered' || r.status === 'delivery_failed' || r.status === 'failed',
    )
    expect(failed).toMatchObject({ status: 'delivery_failed', period: { label: '2017-03' } })
    expect(failed.deliveries[0]!.attempts.map((a) => a.code)).toEqual([500, 500])
    expect(hooks.length).toBe(2)

    // Stored all the same: the JSON downloads.
    const file = await app.request(`/api/v1/reports/${def.id}/runs/${runId}/files/json`, {
      headers: { 'X-Api-Key': key },
    })
    expect(file.status).toBe(200)
    const jsonBefore = await file.text()

    hookStatus = 200
    const resend = await app.request(`/api/v1/reports/${def.id}/runs/${runId}/resend`, {
      method: 'POST',
      headers: { 'X-Api-Key': key },
    })
    expect(resend.status).toBe(202)
    const delivered = await settled(runId!, (r) => r.status === 'delivered')
    expect(delivered.deliveries.map((d) => d.ok)).toEqual([false, true])
    expect(hooks.at(-1)!.valid).toBe(true)
    // Resending did not rebuild: the same numbers as before.
    const again = await app.request(`/api/v1/reports/${def.id}/runs/${runId}/files/json`, {
      headers: { 'X-Api-Key': key },
    })
    expect(await again.text()).toBe(jsonBefore)
  })
})
