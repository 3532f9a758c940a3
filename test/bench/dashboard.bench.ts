// `npm run bench:dashboard`: what a reader waits for. Prints the JavaScript each page loads
// (gzip KB; Chart.js is a lazy chunk fetched after the shell, shown apart), the time to the shell
// (first contentful paint) and to the page's data on a cold load, and the time to the shell and to
// the data after a click in the navigation (client-side). Goals: initial JS ≤ 150 KB gzip, shell
// ≤ 300 ms, data ≤ 1 s. Data: the recorded HN replay when ../shared/data is there (all of it, or
// the last BENCH_REPLAY_MONTHS months; BENCH_DATA_DIR keeps the loaded data for the next run),
// else the dashboard fixture world. Needs the built dashboard and Chromium.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import {
  assertPrerequisites,
  launchBrowser,
  startHarness,
  type Harness,
} from '../dashboard/support/harness.ts'
import { PAGES, pickPages, settledAt } from '../dashboard/support/pages.ts'
import { hasReplayCorpus, loadManifest } from '../support/replay-site.ts'
import { runReplay, type ReplayRun } from '../support/replay-run.ts'
import { testConfig } from '../support/test-config.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const GOALS = { jsKb: 150, shellMs: 300, dataMs: 1000 }
const pages = pickPages(process.argv[2])
process.env.LOG_LEVEL ??= 'error'

interface Data {
  base: string
  what: string
  close(): Promise<void>
}

async function openData(): Promise<Data> {
  assertPrerequisites()
  const keep = process.env.BENCH_DATA_DIR
  const marker = keep && join(keep, '.bench-dashboard-loaded')
  if (marker && existsSync(marker)) {
    // A replay loaded by an earlier run: serve it, nothing to scrape.
    const runtime: Runtime = await startRuntime(
      testConfig('http://127.0.0.1:9', { DATA_DIR: keep, LOG_LEVEL: 'error' }),
      ['api'],
    )
    return {
      base: `http://127.0.0.1:${runtime.port}`,
      what: `replay kept in ${keep}`,
      close: () => runtime.stop('bench done'),
    }
  }
  if (hasReplayCorpus()) {
    const months = Number(process.env.BENCH_REPLAY_MONTHS ?? 0)
    const manifest = loadManifest()
    const subset = months > 0 ? manifest.slice(-months) : manifest
    if (keep) mkdirSync(keep, { recursive: true })
    const run: ReplayRun = await runReplay({
      dataDir: keep,
      manifest: subset,
      extraEnv: { API_RATE_LIMIT: '0' },
    })
    if (marker) writeFileSync(marker, new Date().toISOString())
    return {
      base: `http://127.0.0.1:${run.runtime.port}`,
      what: `HN replay ${subset[0]?.month}..${subset.at(-1)?.month}: ${run.manifestAds} ads loaded in ${run.seconds.toFixed(0)} s`,
      close: () => run.close(),
    }
  }
  const h: Harness = await startHarness()
  await h.browser.close()
  return { base: h.base, what: 'dashboard fixture world (no ../shared/data)', close: () => h.close() }
}

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b)
  return v.length ? v[v.length >> 1]! : NaN
}

interface Cold {
  initialKb: number
  lazyKb: number
  shellMs: number
  dataMs: number
}

/** A cold load in a fresh context: JS bytes (gzip), first contentful paint, data settled. */
async function coldLoad(browser: Browser, url: string): Promise<Cold> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  const scripts: Promise<{ gz: number; lazy: boolean }>[] = []
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script' && !res.url().endsWith('.js')) return
    scripts.push(
      res.body().then((b) => ({
        gz: gzipSync(b).length,
        // Chart.js's own message: the charting chunk, loaded lazily by pages with charts.
        lazy: b.includes('Canvas is already in use'),
      })),
    )
  })
  await page.goto(url)
  const dataMs = await settledAt(page)
  // First contentful paint: the shell is the first thing drawn (the HTML itself is empty).
  const shellMs = (await page.evaluate(
    `performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN`,
  )) as number
  const sizes = await Promise.all(scripts)
  await context.close()
  const kb = (lazy: boolean) => sizes.filter((s) => s.lazy === lazy).reduce((n, s) => n + s.gz, 0) / 1024
  return { initialKb: kb(false), lazyKb: kb(true), shellMs, dataMs }
}

/** From the overview, a click on the page's navigation link: time to its heading, and to its data. */
async function navigate(page: Page, path: string): Promise<{ shellMs: number; dataMs: number } | null> {
  const pathname = path.split('?')[0]!
  const link = page.locator(`header nav a[href="${pathname}"]`).first()
  if ((await link.count()) === 0) return null
  const t0 = (await page.evaluate('performance.now()')) as number
  await link.click()
  const shell = (await (
    await page.waitForFunction(
      `location.pathname === ${JSON.stringify(pathname)} && document.querySelector('main h1') ? performance.now() : 0`,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
  ).jsonValue()) as number
  const data = await settledAt(page)
  return { shellMs: shell - t0, dataMs: data - t0 }
}

const data = await openData()
const browser = await launchBrowser()
try {
  console.log(`bench:dashboard on ${data.what}; median of ${RUNS} runs per figure\n`)
  const rows: string[][] = [
    ['page', 'JS gzip KB', '+Chart.js KB', 'shell ms', 'data ms', 'nav shell ms', 'nav data ms'],
  ]
  let worst = { js: 0, shell: 0, data: 0 }
  for (const p of pages) {
    const cold: Cold[] = []
    for (let i = 0; i < RUNS; i++) cold.push(await coldLoad(browser, `${data.base}${p.path}`))
    const nav: { shellMs: number; dataMs: number }[] = []
    if (p.path !== PAGES[0]!.path) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      const page = await context.newPage()
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${data.base}/`)
        await settledAt(page)
        const r = await navigate(page, p.path)
        if (r) nav.push(r)
      }
      await context.close()
    }
    const c = {
      js: median(cold.map((x) => x.initialKb)),
      lazy: median(cold.map((x) => x.lazyKb)),
      shell: median(cold.map((x) => x.shellMs)),
      data: median(cold.map((x) => x.dataMs)),
    }
    const n = { shell: median(nav.map((x) => x.shellMs)), data: median(nav.map((x) => x.dataMs)) }
    const max = (...xs: number[]) => Math.max(...xs.filter((x) => !Number.isNaN(x)))
    worst = {
      js: max(worst.js, c.js),
      shell: max(worst.shell, c.shell, n.shell),
      data: max(worst.data, c.data, n.data),
    }
    const f = (v: number, d = 0) => (Number.isNaN(v) ? '-' : v.toFixed(d))
    rows.push([p.name, f(c.js, 1), f(c.lazy, 1), f(c.shell), f(c.data), f(n.shell), f(n.data)])
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const r of rows)
    console.log(r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  '))
  const verdict = (v: number, goal: number) =>
    `${v.toFixed(0)} (goal ≤ ${goal}: ${v <= goal ? 'met' : 'MISSED'})`
  console.log(
    `\nworst: initial JS ${verdict(worst.js, GOALS.jsKb)} KB gzip; shell ${verdict(worst.shell, GOALS.shellMs)} ms; ` +
      `data ${verdict(worst.data, GOALS.dataMs)} ms`,
  )
} finally {
  await browser.close()
  await data.close()
}
