// The dashboard's trends page and overview in real Chromium (Debian's /usr/bin/chromium through playwright-core),
// served by the embedded runtime after a backfill of the fixture threads: the chart has data.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const site = defaultHiringSite()
let fixture: RunningFixture
let runtime: Runtime
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` (or bash .ci/run)`,
    )
  fixture = await startHnFixtureServer(site)
  runtime = await startRuntime(testConfig(fixture.url, { DATA_DIR: tempDir('e2e') }), [
    'api',
    'scheduler',
    'scrape',
    'extract',
  ])
  await waitFor(
    'backfill',
    async () =>
      (await (await fetch(`http://127.0.0.1:${runtime.port}/api/v1/status`)).json()) as {
        ads: { extracted: number }
        backfill: { running: boolean }
      },
    (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
  )
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  await runtime?.stop('test done')
  await fixture?.close()
})

describe('dashboard', () => {
  it('draws the trend chart with data from the API on /trends', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`http://127.0.0.1:${runtime.port}/trends?skills=python,go&interval=month`)
    const chart = page.getByTestId('trend-chart')
    await chart.waitFor({ state: 'visible', timeout: 30_000 })
    await page.waitForFunction(
      () =>
        Number(
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { getAttribute(a: string): string | null } | null }
            }
          ).document
            .querySelector('[data-testid="trend-chart"]')
            ?.getAttribute('data-points') ?? 0,
        ) > 0,
      undefined,
      { timeout: 30_000 },
    )
    // Two skills × three months of data.
    expect(Number(await chart.getAttribute('data-points'))).toBe(6)
    await expect(page.getByTestId('status-banner').textContent()).resolves.toMatch(/60 ads stored/)
    expect(errors).toEqual([])
  })

  it('shows why a skill was counted, with the matched words and links to the ads', async () => {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${runtime.port}/trends?skills=python,go&why=go`)
    const panel = page.getByTestId('evidence-panel')
    await panel.waitFor({ state: 'visible', timeout: 30_000 })
    await page.getByTestId('evidence-ad').first().waitFor({ timeout: 30_000 })
    const ads = page.getByTestId('evidence-ad')
    // 20 of the 20 Go ads (every third of 60) are listed, newest first, each naming "Golang".
    expect(await ads.count()).toBe(20)
    await expect(ads.first().textContent()).resolves.toContain('Golang')
    const href = await ads.first().locator('a[href^="http"]').first().getAttribute('href')
    expect(href).toMatch(new RegExp(`^${fixture.url}/item\\?id=\\d+$`))
  })

  it('opens on the overview: the shell at once, then the ads chart and the top skills', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`http://127.0.0.1:${runtime.port}/`)
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 })
    expect(await page.getByRole('link', { name: 'Trends' }).getAttribute('href')).toBe('/trends')
    const chart = page.getByTestId('ads-chart')
    await chart.waitFor({ timeout: 30_000 })
    // Three months of one source, drawn as bars.
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(a: string): string | null } | null }
          }
        ).document
          .querySelector('[data-testid="ads-chart"]')
          ?.getAttribute('data-points') === '3',
      undefined,
      { timeout: 30_000 },
    )
    await expect(page.getByRole('link', { name: 'Python' }).first().getAttribute('href')).resolves.toBe(
      '/skills/python',
    )
    expect(errors).toEqual([])
  })

  it('lists the sources with their health', async () => {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${runtime.port}/sources`)
    const row = page.getByTestId('source-row').first()
    await row.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('source-row').count()).toBe(1)
    expect(await row.getAttribute('data-health')).toBe('ok')
  })

  it('serves the dashboard for deep links and JSON 404s for unknown API routes', async () => {
    const deep = await fetch(`http://127.0.0.1:${runtime.port}/some/deep/link`)
    expect(deep.status).toBe(200)
    expect(deep.headers.get('content-type')).toMatch(/text\/html/)
    const missing = await fetch(`http://127.0.0.1:${runtime.port}/api/v1/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})
