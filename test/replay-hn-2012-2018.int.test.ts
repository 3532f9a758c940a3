// Replay of the recorded HN "Who is hiring?" pages 2012-01 … 2018-06 (../shared/data, skipped
// when absent) through the whole embedded pipeline: every month loads, ads per month equal the
// manifest's counts (39,751 in all), and a second scan of every thread changes no count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasReplayCorpus, loadManifest } from './support/replay-site.ts'
import { runReplay, type ReplayRun } from './support/replay-run.ts'
import { waitFor } from './support/wait.ts'

describe.skipIf(!hasReplayCorpus())('replay of 78 HN months (2012–2018)', () => {
  let run: ReplayRun

  beforeAll(async () => {
    run = await runReplay()
  }, 600_000)

  afterAll(async () => {
    await run?.close()
  })

  it('stores every ad of every month exactly once', async () => {
    const manifest = loadManifest()
    expect(manifest).toHaveLength(78)
    const byThread = await run.adsByThread()
    const mismatches = manifest
      .filter((m) => byThread.get(String(m.thread_id)) !== m.ads)
      .map((m) => `${m.month}: expected ${m.ads}, stored ${byThread.get(String(m.thread_id)) ?? 0}`)
    expect(mismatches).toEqual([])
    const status = await run.status()
    expect(status.ads).toEqual({ raw: 39_751, extracted: 39_751 })
    // 2018-06 was recorded with its first page only: its "More" page is a 404, logged and recorded.
    expect(status.backfill.threads).toEqual({ total: 78, done: 77, failed: 1 })
  })

  it('changes no count when every thread is scanned again', async () => {
    for (const m of loadManifest()) {
      await run.runtime.queue.enqueue('scrape', {
        kind: 'unit-page',
        source: 'hn',
        unit: String(m.thread_id),
        page: 1,
      })
    }
    await waitFor('queues idle', run.status, (s) => !s.backfill.running, 300_000, 1000)
    const status = await run.status()
    expect(status.ads).toEqual({ raw: 39_751, extracted: 39_751 })
    const byThread = await run.adsByThread()
    expect([...byThread.values()].reduce((a, b) => a + b, 0)).toBe(39_751)
  })
})
