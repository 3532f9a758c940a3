// `npm run bench:api [-- --ads 1000000 --runs 40 --seed 42 --keep]`: the API at scale. Loads N
// deterministic synthetic ads (synthetic-ads.ts) into a temp embedded chDB through the real batched
// writer and table modules (ingest ads/s, and where its CPU goes), starts the real API (createApp)
// on loopback and prints, per endpoint and filter mix, the median and p95 of repeated requests
// with the answer cache off (API_CACHE_ENTRIES=0, so every request runs its queries), next to the
// goals of issue 9 (`--save FILE` keeps them; a later run with `--baseline FILE`, e.g. at 10M
// against the 1M figures, prints each p95 as a multiple of the baseline's, goal ≤ 3×), after
// building the tallies (timed); then the same requests on the rollup path (ANALYTICS_PATH=rollup:
// no tallies) and the raw path (ANALYTICS_PATH=raw: no rollups) for the ratios, the
// gain of concurrent sessions + literal binding over chDB's native binding, and 50 concurrent
// clients on a dashboard mix with the default API settings, then with the answer cache off. RSS
// and on-disk size are printed too.
// The temp data directory is deleted at the end (unless --keep; --data-dir reuses a kept one and
// leaves it, --load-only stops after loading). `--data-dir <dir> --clients-only` runs only the 50-client
// mix on the ads already in <dir>: the issue's figure is on the HN replay, e.g. the ~40k HN ads that
// `REPORT_DATA_DIR=<dir> npm run bench:report` loads and keeps. `--latency-only` stops after the
// latency table; `--raw-runs 0` / `--rollup-runs 0` leave out those passes (both for the 10M run).
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { createApp, startServer } from '@stackradar/api'
import { setAnalyticsPath } from '@stackradar/core/analytics'
import {
  BatchWriter,
  createClickHouse,
  migrate,
  queryRows,
  type ClickHouseHandle,
} from '@stackradar/core/clickhouse'
import type { ApiLimits } from '@stackradar/core/config'
import { createRootLogger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { adSkills, ads, rawAds, tallies } from '@stackradar/core/tables'
import { tempDir } from '../support/test-config.ts'
import { againstBaseline, BASELINE_HEADER, readBaseline, saveCells, type SavedCells } from './baseline.ts'
import { driveLoad } from './load-driver.ts'
import { SyntheticAds } from './synthetic-ads.ts'

const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    'raw-runs': { type: 'string', default: '3' },
    'rollup-runs': { type: 'string', default: '5' },
    'cell-seconds': { type: 'string', default: '15' },
    seed: { type: 'string', default: '42' },
    batch: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
    'load-only': { type: 'boolean', default: false },
    'clients-only': { type: 'boolean', default: false },
    'latency-only': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    save: { type: 'string' },
    baseline: { type: 'string' },
  },
})
const N = Number(args.ads)
const RUNS = Number(args.runs)
const RAW_RUNS = Number(args['raw-runs'])
const ROLLUP_RUNS = Number(args['rollup-runs'])
const CELL_MS = Number(args['cell-seconds']) * 1000
const CHUNK = 10_000
/** Requests per cell before timing. */
const WARM_UP = 3
/** Below this many runs the p95 is the slowest run: the table marks it so. */
const P95_MIN_RUNS = 20

const log = createRootLogger('silent')
// Read first: a wrong file fails before minutes of loading (and before a temp directory is made).
const BASELINE = args.baseline ? readBaseline(args.baseline) : null
const dir = args['data-dir'] ?? tempDir('bench-api')
const reuse = args['data-dir'] !== undefined
const chCfg = {
  DATA_DIR: dir,
  CLICKHOUSE_URL: undefined,
  CLICKHOUSE_USER: 'default',
  CLICKHOUSE_PASSWORD: '',
  CLICKHOUSE_DATABASE: 'stackradar',
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })

async function load(ch: ClickHouseHandle): Promise<void> {
  const writer = new BatchWriter(ch.client, { maxRows: Number(args.batch), flushMs: 1000, log })
  const gen = new SyntheticAds({ seed: Number(args.seed) })
  const inFlight: Promise<unknown>[] = []
  let genMs = 0
  let skillRows = 0
  // Where the CPU goes: the process's (every thread: the engine's and this one) and this thread's
  // busy time (the event loop's utilization: generating the ads, encoding their rows).
  const cpu0 = process.cpuUsage()
  const elu0 = performance.eventLoopUtilization()
  const t0 = performance.now()
  let nextReport = 0.1
  for (let done = 0; done < N;) {
    const n = Math.min(CHUNK, N - done)
    const g0 = performance.now()
    const chunk = gen.next(n)
    genMs += performance.now() - g0
    skillRows += chunk.skills.length
    // The scraper's and the extract worker's writes, through the table verbs and one writer.
    inFlight.push(
      Promise.all([
        rawAds.insert(writer, chunk.raws),
        adSkills.insert(writer, chunk.skills),
        ads.insert(writer, chunk.ads),
      ]),
    )
    if (inFlight.length >= 12) await inFlight.shift()
    done += n
    if (done / N >= nextReport) {
      const s = (performance.now() - t0) / 1000
      console.log(`  loaded ${fmt(done)} ads in ${s.toFixed(0)} s (${fmt(done / s)} ads/s)`)
      nextReport += 0.1
    }
  }
  await Promise.all(inFlight)
  await writer.close()
  const s = (performance.now() - t0) / 1000
  console.log(
    `ingest: ${fmt(N)} ads (${fmt(skillRows)} skill rows, ${fmt(N)} raw ads) in ${s.toFixed(1)} s = ` +
      `${fmt(N / s)} ads/s [goal ≥ 50,000]; of which generating ${(genMs / 1000).toFixed(1)} s ` +
      `(writer alone ≈ ${fmt(N / Math.max(0.001, s - genMs / 1000))} ads/s)`,
  )
  const cpu = process.cpuUsage(cpu0)
  const cpuS = (cpu.user + cpu.system) / 1e6
  const mainS = performance.eventLoopUtilization(elu0).active / 1000
  const engineS = Math.max(0, cpuS - mainS)
  const perAd = (sec: number) => `${((sec / N) * 1e6).toFixed(0)} µs`
  console.log(
    `ingest CPU: ${cpuS.toFixed(1)} s (${(cpuS / s).toFixed(1)} of ${availableParallelism()} cores busy); ` +
      `this thread busy ${mainS.toFixed(1)} s (generating ${(genMs / 1000).toFixed(1)} s, encoding and the rest ` +
      `${(mainS - genMs / 1000).toFixed(1)} s), the other threads (the engine's; V8's and libuv's helpers) ≈ ${engineS.toFixed(1)} s: ` +
      `${perAd(engineS)} per ad; ${fmt(50_000)} ads/s would allow ${perAd((availableParallelism() / 50_000) * N)} per ad in all`,
  )
}

async function footprint(ch: ClickHouseHandle, when: string): Promise<void> {
  // The engine's own count of its parts' bytes: `du` over a live store fails when a merge removes
  // a part while it walks the directory.
  const [parts] = await queryRows<{ parts: string; rows: string; bytes: string }>(
    ch.client,
    `SELECT count() AS parts, sum(rows) AS rows, sum(bytes_on_disk) AS bytes
     FROM system.parts WHERE database = currentDatabase() AND active`,
  )
  console.log(
    `${when}: RSS ${mb(process.memoryUsage().rss)}, on disk ${mb(Number(parts?.bytes))} (active parts), ` +
      `${parts?.parts} active parts, ${fmt(Number(parts?.rows))} rows`,
  )
}

const HEAD20 =
  'python,javascript,aws,java,typescript,docker,postgresql,go,kubernetes,react,nodejs,sql,ruby,mysql,redis,gcp,azure,kafka,rust,php'
const MIXES: Record<string, string> = {
  none: '',
  'US+remote': 'country=US&work_mode=remote',
  '2025 senior': 'from=2025-01&to=2025-12&seniority=senior',
  // The second tallied pair (migration 024): the facet tallies, as US + remote.
  'senior+remote': 'seniority=senior&work_mode=remote',
  // One region: tallied per skill since migration 025.
  europe: 'region=europe',
  // The third pair (migration 026): one region with one work mode.
  'europe+remote': 'region=europe&work_mode=remote',
}
/** name → [path with query, goal p95 ms at 1M, takes the filter set]. */
const ENDPOINTS: [string, string, number, boolean][] = [
  ['trends 20 skills week', `/api/v1/trends?skills=${HEAD20}&interval=week`, 50, true],
  ['trends 5 skills month', '/api/v1/trends?skills=python,go,java,rust,ruby&interval=month', 50, true],
  ['rankings', '/api/v1/rankings?from=2025-12&to=2026-11', 50, true],
  ['skill profile', '/api/v1/skills/python', 50, true],
  ['co-occurrence', '/api/v1/cooccurrence?skills=python', 50, true],
  ['breakdown', '/api/v1/breakdown?facet=work_mode&interval=quarter', 50, true],
  ['status', '/api/v1/status', 50, false],
  ['salaries', '/api/v1/salaries?skills=go,java,python&interval=year', 100, true],
  ['ads search', '/api/v1/ads?skills=go&limit=20', 100, true],
]

/** The endpoint's URL with the mix's filters (a filter in the mix replaces the endpoint's own). */
function withMix(path: string, mix: string): string {
  const [pathname, query = ''] = path.split('?') as [string, string?]
  const params = new URLSearchParams(query)
  for (const [k, v] of new URLSearchParams(mix)) params.set(k, v)
  const qs = params.toString().replaceAll('%2C', ',')
  return qs ? `${pathname}?${qs}` : pathname
}

/**
 * One endpoint's sequential requests, timed to the last byte of the (compressed) answer by the
 * load driver's client: on a thread of its own, asking for brotli or gzip as a browser does and not
 * decompressing. A fetch() on the server's own event loop charged the server for the client's
 * work: decoding the weekly trends' 1.7 MB answer took 10-15 ms of the server's thread per request.
 */
async function timeCell(
  base: string,
  url: string,
  runs: number,
): Promise<{ med: number; p95: number; n: number }> {
  // Warm-up: the first requests of a process pay one-off costs (marks and caches loaded, code
  // compiled); a few per cell, so every cell is measured in steady state.
  const r = await driveLoad(base, [url], 1, {
    maxRequests: WARM_UP + runs,
    maxMs: CELL_MS,
    minRequests: WARM_UP + 3,
    warmUp: WARM_UP,
  })
  if (!/^200×\d+$/.test(r.statuses)) throw new Error(`${url}: answered ${r.statuses}`)
  const times = r.latencies
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!
  return { med: q(0.5), p95: q(0.95), n: times.length }
}

const NO_CACHE: Partial<ApiLimits> = {
  API_CACHE_ENTRIES: 0,
  API_RATE_LIMIT: 0,
  API_MAX_CONCURRENT: 64,
  API_MAX_QUEUE: 1024,
  API_TIMEOUT_MS: 300_000,
}

async function serve(ch: ClickHouseHandle, limits: Partial<ApiLimits>) {
  const app = createApp({ ch: ch.client, queue: new InProcessQueue(log), log, sources: [], limits })
  const server = await startServer(app, 0, '127.0.0.1')
  return { base: `http://127.0.0.1:${server.port}`, close: () => server.close() }
}

const PASSES = {
  default: 'default path (auto: tallies or rollups where they fit)',
  rollup: 'rollup path (ANALYTICS_PATH=rollup: no tallies)',
  raw: 'raw path (ANALYTICS_PATH=raw: no rollups)',
} as const

async function latencyTable(ch: ClickHouseHandle): Promise<void> {
  // The default pass's cells: for --save, and the other passes' ratios to them.
  const saved: SavedCells = { dataDir: dir, cells: {} }
  const runsOf = { default: RUNS, rollup: ROLLUP_RUNS, raw: RAW_RUNS }
  // A pass with 0 runs is skipped (at 10M the raw path's full scans take minutes per cell).
  for (const pass of (['default', 'rollup', 'raw'] as const).filter((p) => runsOf[p] > 0)) {
    setAnalyticsPath(pass === 'default' ? 'auto' : pass)
    const api = await serve(ch, NO_CACHE)
    console.log(
      `\n${PASSES[pass]}, answer cache off (API_CACHE_ENTRIES=0), sequential requests over HTTP; ms`,
    )
    console.log(
      `${'endpoint'.padEnd(24)}${'filters'.padEnd(15)}${'median'.padStart(8)}${'p95'.padStart(8)}  ${'runs'.padStart(4)}  ` +
        (pass === 'default'
          ? `goal (p95 at 1M)${BASELINE ? `; ${BASELINE_HEADER}` : ''}`
          : `${pass}/default p95`),
    )
    for (const [name, path, goal, filtered] of ENDPOINTS) {
      for (const [mixName, mix] of Object.entries(MIXES)) {
        if (!filtered && mix) continue
        const r = await timeCell(api.base, withMix(path, mix), runsOf[pass])
        const key = `${name}|${mixName}`
        let note: string
        if (pass === 'default') {
          saved.cells[key] = { median: r.med, p95: r.p95, runs: r.n }
          note = `≤ ${goal} ${r.p95 <= goal ? 'ok' : 'MISS'}${againstBaseline(r.p95, BASELINE?.cells[key]?.p95)}`
        } else note = `${(r.p95 / saved.cells[key]!.p95).toFixed(1)}×`
        console.log(
          `${name.padEnd(24)}${mixName.padEnd(15)}${r.med.toFixed(0).padStart(8)}${r.p95.toFixed(0).padStart(8)}  ${String(r.n).padStart(4)}  ${note}` +
            (r.n < P95_MIN_RUNS ? ' (p95 = slowest: too few runs)' : ''),
        )
      }
    }
    await api.close()
    if (pass === 'default' && args.save) {
      saveCells(args.save, saved)
      console.log(`(this pass's figures saved to ${args.save}, for --baseline)`)
    }
  }
  setAnalyticsPath('auto')
}

/** Builds the tallies (what the idle upkeep does after a load) and prints how long it took. */
async function buildTallies(ch: ClickHouseHandle): Promise<void> {
  const t0 = performance.now()
  let stepAt = t0
  let last = ''
  const r = await tallies.refresh(ch.client, {
    settleMs: 0,
    // Each statement's time, as the next one starts: where a build's time goes.
    onProgress: (p) => {
      const now = performance.now()
      if (last)
        console.log(`  tallies: ${last} in ${((now - stepAt) / 1000).toFixed(1)} s (${p.done}/${p.total})`)
      last = p.step
      stepAt = now
    },
  })
  console.log(
    `tallies: ${r.done === 'skipped' ? `not built: ${r.reason}` : r.done} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}

/** Distinct URLs (so nothing is shared) from several endpoints, for the concurrency runs. */
function concurrentUrls(): string[] {
  const skills = HEAD20.split(',')
  return skills.flatMap((s, i) => [
    `/api/v1/trends?skills=${s},${skills[(i + 3) % skills.length]}&interval=month`,
    `/api/v1/ads?skills=${s}&limit=10`,
    `/api/v1/breakdown?facet=seniority&interval=year&from=${2017 + (i % 9)}-01`,
  ])
}

async function concurrencyGain(ch: ClickHouseHandle): Promise<void> {
  console.log(
    '\nconcurrent sessions + literal binding vs chDB native binding: 8 clients, distinct URLs, cache off',
  )
  const native = await createClickHouse(chCfg, { sessions: 1, binding: 'native' })
  const urls = concurrentUrls()
  const bounds = { maxRequests: urls.length, maxMs: 120_000 }
  const out: Record<string, number> = {}
  for (const [name, handle] of [
    ['native (1 session, chained params)', native],
    ['literal (4 sessions)', ch],
  ] as const) {
    const api = await serve(handle, NO_CACHE)
    const r = await driveLoad(api.base, urls, 8, bounds)
    out[name] = r.rps
    console.log(
      `  ${name.padEnd(36)} ${r.rps.toFixed(1)} req/s  p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  ${r.statuses}`,
    )
    await api.close()
  }
  const [a, b] = Object.values(out) as [number, number]
  console.log(`  gain: ${(b / a).toFixed(2)}× requests/s`)
  await native.close()
}

async function fiftyClients(ch: ClickHouseHandle): Promise<void> {
  // What an open dashboard asks for (default settings: answer cache on, back-pressure on; the per-IP
  // limit off because every client here is 127.0.0.1), after one pass that a first visitor makes.
  const urls = [
    `/api/v1/trends?skills=python,go,java,rust,ruby&interval=month`,
    `/api/v1/trends?skills=${HEAD20}&interval=week`,
    '/api/v1/rankings',
    '/api/v1/skills/python',
    '/api/v1/status',
    '/api/v1/salaries?skills=go,java,python&interval=year',
    '/api/v1/ads?skills=go&limit=20',
    '/api/v1/breakdown?facet=work_mode&interval=quarter',
  ]
  const api = await serve(ch, { API_RATE_LIMIT: 0 })
  await driveLoad(api.base, urls, 1, { maxRequests: urls.length, maxMs: 600_000 })
  const r = await driveLoad(api.base, urls, 50, { maxRequests: 100_000, maxMs: 10_000 })
  console.log(
    `\n50 clients, dashboard mix, default settings: ${r.rps.toFixed(0)} req/s [goal ≥ 300], p50 ${r.p50.toFixed(0)} ms, ` +
      `p99 ${r.p99.toFixed(0)} ms [goal ≤ 500], ${r.statuses}`,
  )
  await api.close()
  // The same mix with every request running its queries (answer cache off): what the clients get
  // while the data changes under them, or when each asks for other filters.
  const uncached = await serve(ch, NO_CACHE)
  const u = await driveLoad(uncached.base, urls, 50, { maxRequests: 100_000, maxMs: 10_000 })
  console.log(
    `50 clients, same mix, answer cache off: ${u.rps.toFixed(0)} req/s, p50 ${u.p50.toFixed(0)} ms, ` +
      `p99 ${u.p99.toFixed(0)} ms, ${u.statuses}`,
  )
  await uncached.close()
}

async function main() {
  console.log(
    `bench:api: ${reuse ? `the ads already in ${dir}` : `${fmt(N)} synthetic ads (seed ${args.seed}) in a temp directory`}; load ${await uptime()}`,
  )
  const ch = await createClickHouse(chCfg)
  try {
    await migrate(ch.client)
    if (!reuse) await load(ch)
    await buildTallies(ch)
    await footprint(ch, reuse ? 'reused data' : 'after load')
    if (args['load-only']) return
    if (args['clients-only']) {
      await fiftyClients(ch)
      return
    }
    await latencyTable(ch)
    if (args['latency-only']) return
    await concurrencyGain(ch)
    await fiftyClients(ch)
    await footprint(ch, 'at the end')
  } finally {
    await ch.close()
    if (!args.keep && !reuse) rmSync(dir, { recursive: true, force: true })
    else console.log(`kept ${dir}`)
  }
}

async function uptime(): Promise<string> {
  return execFileSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average:/, 'average')
}

await main()
process.exit(0)
