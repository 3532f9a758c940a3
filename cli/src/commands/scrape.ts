// `stackradar scrape --source <id|hn>`: read one source now, store and extract what it has, with
// a progress bar. Embedded mode runs the work in this process (stop `npm start` first: chDB
// allows one process per data directory); distributed mode queues the job for the workers.
import { parseArgs } from 'node:util'
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import { startRuntime } from '../runtime.ts'
import { ProgressBar } from './progress.ts'

export async function scrapeCommand(cfg: Config, args: string[], log: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { source: { type: 'string' } } })
  const source = values.source
  if (!source) {
    console.error('usage: stackradar scrape --source <source id from the sources file | hn>')
    return 2
  }
  const distributed = Boolean(cfg.REDIS_URL)
  const runtime = await startRuntime(
    { ...cfg, SCHEDULER_ENABLED: false },
    distributed ? [] : ['scrape', 'extract'],
  )
  try {
    if (source !== 'hn' && !runtime.sources.sources.some((s) => s.id === source)) {
      throw new Error(
        `no source '${source}' in ${cfg.SOURCES_FILE} (known: hn, ${runtime.sources.sources.map((s) => s.id).join(', ')})`,
      )
    }
    // HN: discover and read the threads that need it; a board: read it now, due or not.
    await runtime.queue.enqueue('scrape', { kind: 'discover', source, ...(source !== 'hn' && { all: true }) })
    if (distributed) {
      console.error(`queued ${source}; the scrape workers will pick it up (see GET /api/v1/sources)`)
      return 0
    }
    const bar = new ProgressBar(`scrape ${source}`)
    const status = () => runtime.status()
    const before = await status()
    for (;;) {
      const s = await status()
      const added = s.ads.raw - before.ads.raw
      bar.update(s.ads.extracted - before.ads.extracted, Math.max(added, 1), `(${added} new ads stored)`)
      if (
        !s.backfill.running ||
        s.queues.scrape.waiting +
          s.queues.scrape.active +
          s.queues.extract.waiting +
          s.queues.extract.active ===
          0
      )
        break
      await new Promise((r) => setTimeout(r, 300))
    }
    const after = await status()
    bar.done(
      `scrape ${source}: ${after.ads.raw - before.ads.raw} new ads stored, ${after.ads.extracted} extracted in all`,
    )
    return 0
  } catch (err) {
    log.error({ err: (err as Error).message }, 'scrape failed')
    console.error(`scrape failed: ${(err as Error).message}`)
    return 1
  } finally {
    await runtime.stop('scrape command done')
  }
}
