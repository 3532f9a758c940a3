// `npm run bench:load`: the API under concurrent clients, loopback only, bounded in requests and
// time. Seeds chDB with synthetic ads, then drives a dashboard-like mix of trend URLs at 50 and
// 200 concurrent clients, "before" (no cache, no in-flight bound: the old behaviour) and "after"
// (the default back-pressure and answer cache; the per-IP limit is off since every client here
// shares 127.0.0.1). Prints requests/s, p50/p99 latency and the statuses seen.
import { createClickHouse, migrate } from '@stackradar/core/clickhouse'
import type { ApiLimits } from '@stackradar/core/config'
import { createRootLogger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { createApp, startServer } from '@stackradar/api'
import { tempDir } from '../support/test-config.ts'
import { driveLoad } from './load-driver.ts'

const ADS = Number(process.env.BENCH_ADS ?? 20_000)
const MAX_REQUESTS = 3000
const MAX_MS = 8000
const SKILLS = ['python', 'go', 'rust', 'java', 'kotlin', 'typescript', 'postgresql', 'docker']
const URLS = SKILLS.map(
  (s, i) => `/api/v1/trends?skills=${s},${SKILLS[(i + 1) % SKILLS.length]}&interval=month`,
)

async function main() {
  const log = createRootLogger('silent')
  const ch = await createClickHouse({
    DATA_DIR: tempDir('bench-load'),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
  await migrate(ch.client)
  const skills = `[${SKILLS.map((s) => `'${s}'`).join(',')}]`
  await ch.client.command({
    query: `INSERT INTO ads (ad_id, source, posted_at, posted_day, dedupe_key, extractor_version)
      SELECT toString(number), 'hn', toDateTime('2020-01-01') + number * 600, toDate(toDateTime('2020-01-01') + number * 600),
             toString(number), 1 FROM numbers(${ADS})`,
  })
  await ch.client.command({
    query: `INSERT INTO ad_skills (skill, posted_day, ad_id, extractor_version, source, dedupe_key)
      SELECT ${skills}[1 + (number % 8)], toDate(toDateTime('2020-01-01') + intDiv(number, 3) * 600),
             toString(intDiv(number, 3)), 1, 'hn', toString(intDiv(number, 3)) FROM numbers(${ADS * 3})`,
  })
  const variants: [string, Partial<ApiLimits>][] = [
    ['before', { API_CACHE_ENTRIES: 0, API_MAX_CONCURRENT: 100_000, API_RATE_LIMIT: 0 }],
    ['after', { API_RATE_LIMIT: 0 }],
  ]
  console.log(
    `${ADS} ads; up to ${MAX_REQUESTS} requests or ${MAX_MS / 1000} s per run, ${URLS.length} distinct URLs`,
  )
  console.log('variant  clients  req/s     p50 ms   p99 ms   statuses')
  for (const [name, limits] of variants) {
    const app = createApp({ ch: ch.client, queue: new InProcessQueue(log), log, sources: [], limits })
    const server = await startServer(app, 0, '127.0.0.1')
    // One pass over the URLs first: a dashboard is opened again and again, so the steady state
    // is what matters (for "after" this fills the cache; for "before" it changes nothing).
    for (const url of URLS) await (await fetch(`http://127.0.0.1:${server.port}${url}`)).arrayBuffer()
    for (const clients of [50, 200]) {
      const r = await driveLoad(`http://127.0.0.1:${server.port}`, URLS, clients, {
        maxRequests: MAX_REQUESTS,
        maxMs: MAX_MS,
      })
      console.log(
        `${name.padEnd(8)} ${String(clients).padEnd(8)} ${r.rps.toFixed(1).padEnd(9)} ${r.p50.toFixed(0).padEnd(8)} ${r.p99.toFixed(0).padEnd(8)} ${r.statuses}`,
      )
    }
    await server.close()
  }
  await ch.close()
}

await main()
