// The dashboard's pages as the browser tests, the screenshot script and the benchmark visit them:
// a name, a URL with a typical state, and how to tell the page's data has arrived.
import type { Page } from 'playwright-core'

export interface DashboardPage {
  name: string
  path: string
}

export const PAGES: readonly DashboardPage[] = [
  { name: 'overview', path: '/' },
  { name: 'trends', path: '/trends?skills=python,go,rust' },
  { name: 'rankings', path: '/rankings' },
  { name: 'skill', path: '/skills/python' },
  { name: 'salaries', path: '/salaries?skills=python,go' },
  { name: 'market', path: '/market' },
  { name: 'ads', path: '/ads?skills=python' },
  { name: 'sources', path: '/sources' },
  { name: 'reports', path: '/reports' },
]

/** Pages picked by a comma list of names (all when empty). */
export function pickPages(names: string | undefined): readonly DashboardPage[] {
  const wanted = (names ?? '').split(',').filter(Boolean)
  return wanted.length ? PAGES.filter((p) => wanted.includes(p.name)) : PAGES
}

// A data area shows a skeleton (data-testid="loading") until its request settles; charts publish
// data-points once drawn.
const SETTLED = `(() => {
  if (!document.querySelector('main')) return false
  if (document.querySelector('[data-testid="loading"]')) return false
  for (const c of document.querySelectorAll('main canvas[data-testid]')) if (!c.dataset.points) return false
  return true
})()`

/** Waits until no data area of the page is loading and every chart has drawn. */
export async function waitForData(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(SETTLED, undefined, { timeout })
}

/** performance.now() in the page at the moment its data has settled (polled every frame). */
export async function settledAt(page: Page, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(`${SETTLED} ? performance.now() : 0`, undefined, {
    timeout,
    polling: 'raf',
  })
  return (await handle.jsonValue()) as number
}
