// A report run whose job was lost (an embedded install killed while the run sat in its in-memory
// queue) is generated after the restart: the scheduler's first tick queues unfinished runs again,
// and a run already finished is left alone.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeAd, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import type { ClickHouseHandle } from '@stackradar/core/clickhouse'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { reportContent } from '@stackradar/core/report-content'
import { createReport, queueRun, requeueUnfinishedRuns } from '@stackradar/core/report-runs'
import { reportRuns } from '@stackradar/core/tables'
import { registerReportProcessor } from '@stackradar/worker'

const log = logger('reports-resume-test')
let ch: ClickHouseHandle
const queues: InProcessQueue[] = []

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(
    ch,
    Array.from({ length: 20 }, (_, i) => makeAd({ day: '2017-03-07', skills: i < 12 ? ['python'] : ['go'] })),
  )
}, 120_000)

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close(2000)))
  await ch?.close()
})

describe('report runs after a crash', () => {
  it('a queued run whose job was lost is generated once the scheduler starts again', async () => {
    const def = await createReport(ch.client, {
      name: 'Backend weekly',
      audience: 'Acme Recruiting',
      skills: ['python'],
      cadence: { kind: 'weekly', weekday: 1, hour: 8, timeZone: 'UTC' },
      formats: ['json', 'csv'],
    })
    // The process that queued it dies before any worker took the job.
    const lost = new InProcessQueue()
    queues.push(lost)
    const run = await queueRun({ ch: ch.client, queue: lost }, def, {
      period: '2017-W10',
      trigger: 'manual',
      deliver: false,
    })
    expect((await reportRuns.unfinished(ch.client)).map((r) => r.run.id)).toEqual([run.id])

    // The restarted process: a worker, then the scheduler's first tick.
    const queue = new InProcessQueue()
    queues.push(queue)
    const content = reportContent({
      chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      smtp: null,
      webhookSecret: null,
    })
    const share = { secret: randomBytes(32), baseUrl: 'http://stackradar.test' }
    registerReportProcessor({ ch: ch.client, queue, log, content, share, concurrency: 1 })
    expect(await requeueUnfinishedRuns({ ch: ch.client, queue })).toEqual([run.id])

    let status = ''
    for (let i = 0; i < 300 && status !== 'generated' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      status = (await reportRuns.get(ch.client, run.id))?.run.status ?? ''
    }
    expect(status).toBe('generated')
    expect(await reportRuns.getFile(ch.client, run.id, 'json')).not.toBeNull()
    // Nothing left to resume: a second start queues nothing.
    expect(await requeueUnfinishedRuns({ ch: ch.client, queue })).toEqual([])
  })
})
