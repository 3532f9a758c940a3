// Rendering for pages that need JavaScript: one Chromium, a few reused contexts (at most `maxPages` pages at
// once), images/fonts/media/stylesheets never downloaded, the browser replaced after `recycleAfter` pages to
// bound its memory, and relaunched transparently (the render retried once) when it crashes.
//
// Chromium is started with `launchServer` and reached with `connect` rather than `launch`: that is the only
// way Playwright hands out the browser's ChildProcess, which we need for its pid (memory figures, tests).
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from 'playwright-core'
import { createUrlGuard, type LookupAll } from '../politeness/url-guard.ts'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]
const DEFAULT_BLOCKED_RESOURCES = ['image', 'font', 'media', 'stylesheet']

export interface BrowserPoolOptions {
  /** Default /usr/bin/chromium. */
  executablePath?: string
  /** Pages rendered at the same time (one context each, reused). Default 2. */
  maxPages?: number
  /** Pages a browser renders before it is replaced by a fresh one. Default 100. */
  recycleAfter?: number
  /** Limit for navigation and for waitForSelector. Default 30 s. */
  navigationTimeoutMs?: number
  userAgent?: string
  /** Hostnames, IPs or CIDRs the private-address guard lets through (top-level URL only). */
  allowPrivate?: string[]
  /** Playwright resource types never requested. Default image, font, media, stylesheet. */
  blockResourceTypes?: string[]
  lookup?: LookupAll
  logger?: { warn(obj: object, msg: string): void }
}

export interface RenderOptions {
  /** After `load`, also wait until this selector is attached (content injected later by scripts). */
  waitForSelector?: string
}

export interface RenderResult {
  /** HTTP status of the main document (0 when there was no response, e.g. an about: URL). */
  status: number
  /** The DOM serialised after scripts ran. */
  body: string
  /** Final URL, after redirects. */
  url: string
}

interface BrowserInstance {
  server: BrowserServer
  browser: Browser
  idleContexts: BrowserContext[]
  pagesStarted: number
  active: number
  retired: boolean
  shutDown: boolean
}

/** The browser died under a render (crash, kill, OOM); the render may be retried on a new one. */
class BrowserGoneError extends Error {}

export class BrowserPool {
  private current: BrowserInstance | null = null
  private launching: Promise<BrowserInstance> | null = null
  private readonly closing = new Set<Promise<void>>()
  private readonly slots: Semaphore
  private readonly guard: (url: string) => Promise<void>
  private readonly blocked: Set<string>
  private launches = 0
  private pagesRendered = 0
  private closed = false

  constructor(private readonly options: BrowserPoolOptions = {}) {
    this.slots = new Semaphore(Math.max(1, options.maxPages ?? 2))
    this.guard = createUrlGuard({
      allowPrivate: options.allowPrivate ?? [],
      ...(options.lookup && { lookup: options.lookup }),
    })
    this.blocked = new Set(options.blockResourceTypes ?? DEFAULT_BLOCKED_RESOURCES)
  }

  async render(url: string, renderOptions: RenderOptions = {}): Promise<RenderResult> {
    if (this.closed) throw new Error('BrowserPool is closed')
    await this.guard(url)
    return this.slots.use(async () => {
      try {
        return await this.renderOnce(url, renderOptions)
      } catch (error) {
        if (!(error instanceof BrowserGoneError) || this.closed) throw error
        this.options.logger?.warn(
          { url, error: String(error.cause) },
          'browser gone, relaunching and retrying',
        )
        return await this.renderOnce(url, renderOptions)
      }
    })
  }

  /** Counters for monitoring; `pid` is the current browser's main process. */
  stats(): { launches: number; pagesRendered: number; pid: number | undefined } {
    return {
      launches: this.launches,
      pagesRendered: this.pagesRendered,
      pid: this.current?.server.process().pid,
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const launching = this.launching
    if (launching) await launching.catch(() => undefined)
    if (this.current) this.retire(this.current, true)
    await Promise.all([...this.closing])
  }

  private async renderOnce(url: string, { waitForSelector }: RenderOptions): Promise<RenderResult> {
    const instance = await this.instance()
    instance.active++
    instance.pagesStarted++
    if (instance.pagesStarted >= (this.options.recycleAfter ?? 100)) this.retire(instance)
    let context: BrowserContext | undefined
    let page: Page | undefined
    try {
      context = instance.idleContexts.pop() ?? (await this.newContext(instance.browser))
      // One page per context, kept open between renders: opening a page costs more than the render.
      page = context.pages()[0] ?? (await context.newPage())
      const response = await page.goto(url, { waitUntil: 'load' })
      // Playwright's route never sees redirect hops, so a redirect into a private network can only be
      // caught afterwards: the content is then withheld rather than returned.
      if (page.url() !== url) await this.guard(page.url())
      if (waitForSelector !== undefined) await page.waitForSelector(waitForSelector, { state: 'attached' })
      const result = { status: response?.status() ?? 0, body: await page.content(), url: page.url() }
      this.pagesRendered++
      return result
    } catch (error) {
      if (!instance.browser.isConnected() || BROWSER_GONE.test(String(error))) {
        this.retire(instance, true)
        throw new BrowserGoneError(`browser gone while rendering ${url}: ${String(error)}`, { cause: error })
      }
      throw error
    } finally {
      const reusable = context && !instance.retired && instance.browser.isConnected()
      if (!reusable) await page?.close().catch(() => undefined)
      if (context && reusable) {
        // Reused for the next page, so nothing of this site's session leaks into another's.
        await context.clearCookies().catch(() => undefined)
        instance.idleContexts.push(context)
      }
      instance.active--
      if (instance.retired && instance.active === 0) this.shutDown(instance)
    }
  }

  private async instance(): Promise<BrowserInstance> {
    const current = this.current
    if (current && !current.retired && current.browser.isConnected()) return current
    if (current) this.retire(current, true)
    // Concurrent renders share one launch.
    this.launching ??= this.launch().finally(() => (this.launching = null))
    return this.launching
  }

  private async launch(): Promise<BrowserInstance> {
    const executablePath = this.options.executablePath ?? DEFAULT_CHROMIUM_PATH
    if (!existsSync(executablePath)) {
      throw new Error(
        `Chromium not found at ${executablePath}: install it with \`apt-get install chromium\` ` +
          '(or pass executablePath to BrowserPool)',
      )
    }
    const server = await chromium.launchServer({ executablePath, args: LAUNCH_ARGS, headless: true })
    try {
      const browser = await chromium.connect(server.wsEndpoint())
      const instance: BrowserInstance = {
        server,
        browser,
        idleContexts: [],
        pagesStarted: 0,
        active: 0,
        retired: false,
        shutDown: false,
      }
      browser.on('disconnected', () => this.retire(instance, true))
      this.launches++
      if (this.closed) this.retire(instance, true)
      else this.current = instance
      return instance
    } catch (error) {
      await server.close().catch(() => undefined)
      throw error
    }
  }

  private async newContext(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({
      serviceWorkers: 'block', // a service worker could answer requests our route never sees
      ...(this.options.userAgent && { userAgent: this.options.userAgent }),
    })
    const timeout = this.options.navigationTimeoutMs ?? 30_000
    context.setDefaultNavigationTimeout(timeout)
    context.setDefaultTimeout(timeout)
    await context.route('**/*', (route) =>
      this.blocked.has(route.request().resourceType()) ? route.abort('blockedbyclient') : route.continue(),
    )
    return context
  }

  /** No new pages on this browser; it is shut down once its last page is done (or now, if `now`). */
  private retire(instance: BrowserInstance, now = false): void {
    instance.retired = true
    if (this.current === instance) this.current = null
    if (now || instance.active === 0) this.shutDown(instance)
  }

  private shutDown(instance: BrowserInstance): void {
    if (instance.shutDown) return
    instance.shutDown = true
    const done = (async () => {
      await instance.browser.close().catch(() => undefined)
      await instance.server.close().catch(() => undefined)
    })()
    this.closing.add(done)
    void done.finally(() => this.closing.delete(done))
  }
}

// How Playwright reports calls cut short by a dead browser, in case `disconnected` has not fired yet.
const BROWSER_GONE =
  /Target page, context or browser has been closed|Browser closed|browser has disconnected/i

/** At most `size` callers inside `use` at once; the rest wait in order. */
class Semaphore {
  private free: number
  private readonly waiting: Array<() => void> = []

  constructor(size: number) {
    this.free = size
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await fn()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.free++
    }
  }
}
