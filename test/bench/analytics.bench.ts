// `npm run bench:analytics`: the analytics API on the recorded HN 2012–2018 corpus. Loads the
// replay into a temp chDB (or opens ANALYTICS_DATA_DIR when it already holds a replay), prints the
// answers to the questions (top rising languages 2017 vs 2016 with p; median salary of Go
// vs Java per year with n) and the median / p95 latency of each endpoint through the app
// (in-process requests, no HTTP socket). Needs ../shared/data (not part of the repo).
import { createApp } from '@stackradar/api'
import { createClickHouse, type ClickHouseHandle } from '@stackradar/core/clickhouse'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import type { RankingsResponse, SalariesResponse } from '@stackradar/core/contracts/api'
import { hasReplayCorpus } from '../support/replay-site.ts'
import { runReplay, type ReplayRun } from '../support/replay-run.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
let run: ReplayRun | undefined
let own: ClickHouseHandle | undefined
if (process.env.ANALYTICS_DATA_DIR) {
  own = await createClickHouse({
    DATA_DIR: process.env.ANALYTICS_DATA_DIR,
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
} else {
  if (!hasReplayCorpus()) {
    console.error(
      'bench:analytics needs ../shared/data/hn-html-2012-2018 (or ANALYTICS_DATA_DIR); not found.',
    )
    process.exit(2)
  }
  process.env.LOG_LEVEL ??= 'error'
  run = await runReplay()
  console.log(`replay loaded: ${run.manifestAds} ads in ${run.seconds.toFixed(0)} s`)
}
const ch = own?.client ?? run!.runtime.ch.client
const app = createApp({ ch, queue: new InProcessQueue(), log: logger('bench'), sources: [] })

async function get<T = unknown>(path: string): Promise<T> {
  const res = await app.request(path)
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const rising = await get<RankingsResponse>(
  '/api/v1/rising?from=2017-01&to=2017-12&compare_from=2016-01&compare_to=2016-12&category=language&limit=10',
)
console.log(
  `\nTop 10 rising languages, 2017 vs 2016 (ads ${rising.window.total} vs ${rising.compareWindow.total}):`,
)
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(2)}%`)
const pts = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${x.toFixed(2)} pts`)
for (const r of rising.ranked)
  console.log(
    `  ${r.name.padEnd(12)} ${pct(r.share)} (was ${pct(r.previousShare)})  ` +
      `${pts(r.changePoints)}  rank ${r.previousRank ?? '-'}→${r.rank}  p=${r.p}`,
  )

const sal = await get<SalariesResponse>(
  '/api/v1/salaries?skills=go,java&interval=year&from=2012-01&to=2018-12&min_n=1',
)
console.log('\nMedian annual salary (USD, permanent), Go vs Java per year:')
for (const c of sal.cells.filter((c) => c.employment === 'permanent'))
  console.log(
    `  ${c.period.slice(0, 4)} ${c.group.padEnd(5)} median ${c.median ?? '-'}  n=${c.n}${c.n < 10 ? ' (under 10: withheld by default)' : ''}`,
  )

const ENDPOINTS = {
  skills: '/api/v1/skills?from=2017-01&to=2017-12',
  trends: '/api/v1/trends?skills=python,go,java,ruby,javascript&categories=database&interval=month&rolling=3',
  rankings: '/api/v1/rankings?from=2017-01&to=2017-12',
  rising: '/api/v1/rising?from=2017-01&to=2017-12&category=language',
  'skills/{id}': '/api/v1/skills/python',
  salaries: '/api/v1/salaries?skills=go,java,python&interval=year',
  cooccurrence: '/api/v1/cooccurrence?skills=python&category=database',
  breakdown: '/api/v1/breakdown?facet=work_mode&interval=quarter',
  'breakdown (industry)': '/api/v1/breakdown?facet=industry&interval=year&country=US',
  ads: '/api/v1/ads?skills=go&work_mode=remote&limit=50',
  health: '/api/v1/health',
}
console.log(`\nLatency per endpoint (${RUNS} runs each after one warm-up, in-process; ms):`)
for (const [name, path] of Object.entries(ENDPOINTS)) {
  await get(path)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await get(path)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!
  console.log(
    `  ${name.padEnd(22)} median ${q(0.5).toFixed(0).padStart(5)}   p95 ${q(0.95).toFixed(0).padStart(5)}`,
  )
}
await own?.close()
await run?.close()
process.exit(0)
