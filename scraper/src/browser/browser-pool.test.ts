import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BlockedUrlError } from '../politeness/url-guard.ts'
import { BrowserPool } from './browser-pool.ts'

// Real Chromium against a local server that logs every request it gets.
const requests: string[] = []
let server: Server
let base: string
const port = () => (server.address() as AddressInfo).port
const pools: BrowserPool[] = []
let sharedPool: BrowserPool | undefined
// Its guard hears "localhost" as a private 10.x address (Chromium itself still reaches the test server),
// so a redirect to localhost stands for a redirect into a private network.
const shared = () => (sharedPool ??= pool({ lookup: async () => [{ address: '10.0.0.1', family: 4 }] }))
const pool = (options: ConstructorParameters<typeof BrowserPool>[0] = {}) => {
  const created = new BrowserPool({ allowPrivate: ['127.0.0.1'], navigationTimeoutMs: 10_000, ...options })
  pools.push(created)
  return created
}

const JS_PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<style>@font-face { font-family: X; src: url(/font.woff2) } body { font-family: X }</style>
</head><body>
<div id="app">loading</div><img src="/photo.png"><video src="/clip.mp4"></video>
<script src="/app.js"></script>
</body></html>`
const APP_JS = `document.getElementById('app').textContent = 'rendered by script';
setTimeout(() => {
  const late = document.createElement('ul'); late.id = 'jobs'; late.innerHTML = '<li>Senior Go engineer</li>';
  document.body.appendChild(late)
}, 150)`

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push(path)
    if (path === '/board') res.writeHead(200, { 'content-type': 'text/html' }).end(JS_PAGE)
    else if (path === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(APP_JS)
    else if (path === '/to-page') res.writeHead(302, { location: '/page/target' }).end()
    else if (path === '/to-localhost')
      res.writeHead(302, { location: `http://localhost:${port()}/page/x` }).end()
    else if (path.startsWith('/page/'))
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>${path}</h1>`)
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>gone</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()))
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  requests.length = 0
})

describe('BrowserPool', () => {
  it('renders content injected by JavaScript, without downloading images, fonts, media or CSS', async () => {
    const result = await shared().render(`${base}/board`, { waitForSelector: '#jobs' })
    expect(result.status).toBe(200)
    expect(result.url).toBe(`${base}/board`)
    expect(result.body).toContain('rendered by script')
    expect(result.body).toContain('<li>Senior Go engineer</li>')
    expect(requests).toContain('/app.js')
    expect(requests).not.toContain('/photo.png')
    expect(requests).not.toContain('/style.css')
    expect(requests).not.toContain('/font.woff2')
    expect(requests).not.toContain('/clip.mp4')
  })

  it('reports the status of the main document', async () => {
    expect(await shared().render(`${base}/missing`)).toMatchObject({ status: 404 })
  })

  it('withholds a page whose navigation redirected into a private address', async () => {
    const redirected = await shared().render(`${base}/to-page`)
    expect(redirected).toMatchObject({ status: 200, url: `${base}/page/target` })
    await expect(shared().render(`${base}/to-localhost`)).rejects.toThrow(
      /refusing http:\/\/localhost:\d+\/page\/x/,
    )
  })

  it('refuses a private address the configuration does not allow', async () => {
    const guarded = pool({ allowPrivate: [] })
    await expect(guarded.render(`${base}/page/1`)).rejects.toBeInstanceOf(BlockedUrlError)
    expect(guarded.stats().launches).toBe(0) // refused before a browser was even started
  })

  it('renders pages in parallel up to maxPages and recycles the browser after recycleAfter pages', async () => {
    const recycling = pool({ maxPages: 2, recycleAfter: 2 })
    const pids = new Set<number | undefined>()
    for (let i = 0; i < 4; i++) {
      const result = await recycling.render(`${base}/page/${i}`)
      expect(result.body).toContain(`<h1>/page/${i}</h1>`)
      pids.add(recycling.stats().pid)
    }
    const parallel = await Promise.all([1, 2].map((i) => recycling.render(`${base}/page/p${i}`)))
    expect(parallel.map((r) => r.status)).toEqual([200, 200])
    // 6 pages, a fresh browser every 2.
    expect(recycling.stats()).toMatchObject({ launches: 3, pagesRendered: 6 })
    expect(pids.size).toBeGreaterThanOrEqual(2)
  })

  it('relaunches transparently after the browser process is killed', async () => {
    const warnings: string[] = []
    const surviving = pool({ logger: { warn: (_obj, msg) => warnings.push(msg) } })
    expect((await surviving.render(`${base}/page/before`)).status).toBe(200)
    const pid = surviving.stats().pid
    expect(pid).toBeTypeOf('number')
    process.kill(pid!, 'SIGKILL')
    const after = await surviving.render(`${base}/page/after`)
    expect(after.body).toContain('<h1>/page/after</h1>')
    expect(surviving.stats().launches).toBe(2)
    expect(surviving.stats().pid).not.toBe(pid)
    // Killed and re-rendered in the same tick, so the failure surfaced inside a render and it was retried.
    expect(warnings).toEqual(['browser gone, relaunching and retrying'])
  })

  it('names the package to install when Chromium is missing', async () => {
    const missing = pool({ executablePath: '/nonexistent/chromium' })
    await expect(missing.render(`${base}/page/1`)).rejects.toThrow(/apt-get install chromium/)
  })
})
