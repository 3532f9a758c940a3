// `npm run bench:scrape`: scraper throughput against a local fixture server (no network):
//   - API sources: ads/s through Greenhouse and Lever (fetch + parse + normalise), and through
//     the whole embedded board pipeline (also storing raw ads in chDB);
//   - pages/s through plain HTTP + cheerio (a careers site crawl, JSON-LD on each ad page);
//   - pages/s through Playwright (the same crawl with the JSON-LD injected by JavaScript);
//   - peak memory of the process plus its Chromium children.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '@stackradar/core/config'
import { logger } from '@stackradar/core/logger'
import { createSourceHttp } from '@stackradar/scraper'
import { getSourceModule } from '@stackradar/scraper'
import { startRuntime } from 'stackradar/runtime'
import { backendJob, startBoardSite, type JobSpec } from '../support/board-site.ts'
import { tempDir } from '../support/test-config.ts'

const API_JOBS = 2000
const HTTP_PAGES = 300
const BROWSER_PAGES = 40

/** Proportional set size: shared pages split between the processes sharing them, so sums are honest. */
function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}
/** PSS of this process and every descendant (Chromium's processes). */
function treePssMb(): number {
  const children = new Map<number, number[]>()
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)])
    } catch {
      /* process ended meanwhile */
    }
  }
  let kb = 0
  const stack = [process.pid]
  while (stack.length) {
    const pid = stack.pop()!
    kb += pssKb(pid)
    stack.push(...(children.get(pid) ?? []))
  }
  return Math.round(kb / 1024)
}

const jobs = (n: number, prefix: string): JobSpec[] =>
  Array.from({ length: n }, (_, i) =>
    backendJob(`${prefix}${i}`, `Company ${i % 97}`, `Backend Engineer ${i}`, [
      'Python',
      'Go',
      'PostgreSQL',
      'Kubernetes',
    ]),
  )

const site = await startBoardSite({
  greenhouse: jobs(API_JOBS, '1'),
  lever: jobs(API_JOBS, '2'),
  careers: jobs(HTTP_PAGES, '3'),
})
const injectedSite = await startBoardSite({ careers: jobs(BROWSER_PAGES, '4'), injected: true })
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, treePssMb())), 250)
const cfg = parseConfig({ HOST_DELAY_MS: '0', LOG_LEVEL: 'warn', ALLOW_PRIVATE_HOSTS: '127.0.0.1' })
const { http, close } = createSourceHttp(cfg, ['127.0.0.1'], logger('bench'))

async function timed(label: string, fn: () => Promise<number>, unit: string): Promise<number> {
  const t0 = performance.now()
  const n = await fn()
  const s = (performance.now() - t0) / 1000
  const rate = n / s
  console.log(
    `${label.padEnd(44)} ${String(n).padStart(6)} ${unit} in ${s.toFixed(2)} s = ${rate.toFixed(1)} ${unit}/s`,
  )
  return rate
}

const list = async (kind: string, config: Record<string, unknown>, baseUrl = site.url) =>
  getSourceModule(kind)!.list(config as never, { baseUrl, http })

console.log(`bench:scrape on ${process.platform}, node ${process.version}`)
await list('greenhouse', { board: 'warmup' })
for (const round of [1, 2, 3]) {
  await timed(
    `API greenhouse (fetch+parse), round ${round}`,
    async () => (await list('greenhouse', { board: `acme${round}` })).ads.length,
    'ads',
  )
}
await timed(
  'API lever (fetch+parse)',
  async () => (await list('lever', { company: 'acme' })).ads.length,
  'ads',
)

await timed(
  'HTTP + cheerio (careers crawl, JSON-LD pages)',
  async () => (await list('jsonld', { url: `${site.url}/careers`, maxAds: HTTP_PAGES })).requests,
  'pages',
)
await list('jsonld', { url: `${injectedSite.url}/careers`, render: true, maxAds: 2 }) // browser start-up excluded
const browserRate = await timed(
  'Playwright (JSON-LD injected by JavaScript)',
  async () => {
    const r = await list('jsonld', {
      url: `${injectedSite.url}/careers`,
      render: true,
      maxAds: BROWSER_PAGES,
    })
    if (r.ads.length !== BROWSER_PAGES)
      throw new Error(`browser found ${r.ads.length} of ${BROWSER_PAGES} ads`)
    return r.requests
  },
  'pages',
)
void browserRate
clearInterval(sampler)
peak = Math.max(peak, treePssMb())
console.log(
  `peak memory of the scraper process with the browser (process + Chromium children, PSS sum): ${peak} MB`,
)
await close()

// Last, because it loads the embedded ClickHouse engine (chDB) into this process; a distributed
// scrape worker talks to a ClickHouse server instead and never carries it.
// The whole board pipeline: listing + dedupe + raw ads stored in chDB (extraction excluded).
const dir = tempDir('bench-scrape')
const sourcesFile = join(dir, 'sources.json')
writeFileSync(
  sourcesFile,
  JSON.stringify({
    allowPrivate: ['127.0.0.1'],
    sources: [{ id: 'gh-bench', kind: 'greenhouse', baseUrl: site.url, config: { board: 'bench' } }],
  }),
)
const runtime = await startRuntime(
  parseConfig({
    DATA_DIR: join(dir, 'data'),
    SOURCES_FILE: sourcesFile,
    HOST_DELAY_MS: '0',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  }),
  ['scrape'],
)
await timed(
  'API greenhouse, full pipeline (stored in chDB)',
  async () => {
    await runtime.queue.enqueue('scrape', { kind: 'discover', source: 'gh-bench', all: true })
    for (;;) {
      const s = await runtime.status()
      if (s.ads.raw >= API_JOBS && s.queues.scrape.active + s.queues.scrape.waiting === 0) return s.ads.raw
      await new Promise((r) => setTimeout(r, 50))
    }
  },
  'ads',
)
await runtime.stop('bench done')
console.log(
  `RSS with chDB loaded (embedded mode, all roles in one process): ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
)
await site.close()
await injectedSite.close()
process.exit(0)
