// Shared set-up of the dashboard's browser tests, screenshots and benchmark: the embedded runtime
// (API serving the built dashboard) backfilled from the dashboard fixture world, and one Chromium
// (Debian's, through playwright-core). Helpers open a page at a width and theme, collect page
// errors and dialogs, run axe-core in the page and read downloads.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core'
import { createApiKey } from '@stackradar/core/access'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { startHnFixtureServer, type RunningFixture } from '../../support/hn-fixture-server.ts'
import { tempDir, testConfig } from '../../support/test-config.ts'
import { waitFor } from '../../support/wait.ts'
import { dashboardWorld, type DashboardWorld } from './dashboard-world.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const BUILD_INDEX = fileURLToPath(new URL('../../../dashboard/build/index.html', import.meta.url))

export interface Harness {
  world: DashboardWorld
  /** An API key with the reports scope, and the report (with one generated run) made with it. */
  reports: { key: string; reportId: string; runId: string }
  runtime: Runtime
  fixture: RunningFixture
  browser: Browser
  base: string
  close(): Promise<void>
}

export function assertPrerequisites(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` (or bash .ci/run)`,
    )
  if (!existsSync(BUILD_INDEX))
    throw new Error('the dashboard is not built: run `npm run build -w @stackradar/dashboard` first')
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

/** Fixture world → embedded runtime, backfilled and extracted; then one browser. */
export async function startHarness(): Promise<Harness> {
  assertPrerequisites()
  const world = dashboardWorld()
  const fixture = await startHnFixtureServer(world.site, world.faults)
  const runtime = await startRuntime(
    testConfig(fixture.url, {
      DATA_DIR: tempDir('dashboard-e2e'),
      HN_SINCE: world.since,
      HTTP_RETRIES: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
      // The browser tests fire many requests at once; the limiter is not what they test.
      API_RATE_LIMIT: '0',
    }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
  const base = `http://127.0.0.1:${runtime.port}`
  await waitFor(
    'the fixture backfill',
    async () =>
      (await (await fetch(`${base}/api/v1/status`)).json()) as {
        ads: { extracted: number }
        backfill: { running: boolean }
      },
    (s) => !s.backfill.running && s.ads.extracted === world.storedAds,
  )
  const reports = await seedReport(base, runtime, world)
  const browser = await launchBrowser()
  return {
    world,
    reports,
    runtime,
    fixture,
    browser,
    base,
    async close() {
      await browser.close()
      await runtime.stop('test done')
      await fixture.close()
    },
  }
}

/** A report definition and one run of it for the month with the failed page (HTML and CSV only). */
async function seedReport(
  base: string,
  runtime: Runtime,
  world: DashboardWorld,
): Promise<Harness['reports']> {
  const { key } = await createApiKey(runtime.ch.client, 'dashboard-e2e', ['reports'])
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const report = await call<{ id: string }>('/api/v1/reports', {
    name: 'Backend skills monthly',
    audience: 'Acme Recruiting',
    skills: ['python', 'go', 'rust'],
    cadence: { kind: 'monthly', day: 1, hour: 8, timeZone: 'UTC' },
    formats: ['html', 'csv'],
  })
  await call(`/api/v1/reports/${report.id}/run`, { period: world.months[2], deliver: false })
  const runs = await waitFor(
    'the report run',
    () => call<{ runs: { id: string; status: string }[] }>(`/api/v1/reports/${report.id}/runs`),
    (r) => r.runs.some((x) => x.status === 'generated' || x.status === 'failed'),
  )
  const run = runs.runs[0]!
  if (run.status !== 'generated') throw new Error(`the report run failed: ${JSON.stringify(run)}`)
  return { key, reportId: report.id, runId: run.id }
}

export interface OpenOptions {
  width?: number
  height?: number
  theme?: 'light' | 'dark'
  acceptDownloads?: boolean
  /** An API key put in the tab's session storage before the page loads (the Reports page reads it). */
  apiKey?: string
}

export interface OpenedPage {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and any dialog (alert/confirm) opened: both must stay empty. */
  errors: string[]
  dialogs: string[]
  close(): Promise<void>
}

/** A fresh context (own storage) at a width and colour scheme, with error and dialog capture. */
export async function openPage(browser: Browser, url: string, opts: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    colorScheme: opts.theme ?? 'light',
    acceptDownloads: opts.acceptDownloads ?? true,
  })
  // Top document only: the Reports preview is a sandboxed frame without storage.
  if (opts.apiKey)
    await context.addInitScript(
      `if (window === window.top) sessionStorage.setItem('stackradar-api-key', ${JSON.stringify(opts.apiKey)})`,
    )
  const page = await context.newPage()
  const errors: string[] = []
  const dialogs: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  await page.goto(url)
  return { context, page, errors, dialogs, close: () => context.close() }
}

const require = createRequire(import.meta.url)
let axeSource: string | undefined

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** axe-core run in the page: the serious and critical violations (WCAG 2 A/AA rules and best practice). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: axeSource })
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`)) as AxeViolation[]
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The bytes of a download. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Width and height of a PNG, or null when the bytes are not a PNG (signature + IHDR). */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

// Runs in the page (plain JavaScript: the test project has no DOM types). Elements inside a box the
// reader can scroll sideways are reachable, not cut off.
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth
  const out = []
  if (document.documentElement.scrollWidth > width + 1)
    out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + 'px > ' + width + 'px')
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.right <= width + 1) continue
    let p = el.parentElement
    let inScrollBox = false
    while (p && p !== document.body) {
      const s = getComputedStyle(p)
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.getBoundingClientRect().right <= width + 1) {
        inScrollBox = true
        break
      }
      p = p.parentElement
    }
    if (!inScrollBox) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right))
    if (out.length > 5) break
  }
  return out
})()`

/** What sticks out past the viewport's right edge (empty: nothing is cut off at this width). */
export async function overflowsRight(page: Page): Promise<string[]> {
  return (await page.evaluate(OVERFLOW_SCRIPT)) as string[]
}
