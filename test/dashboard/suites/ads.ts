// Ads page: ad text is rendered as text (a hostile ad stays inert), the link leads to the original,
// a filter changes the URL and the ads and Back restores them, and cursor paging moves and returns.
import { describe, expect, it } from 'vitest'
import { openPage } from '../support/harness.ts'
import { HOSTILE_MARKUP } from '../support/dashboard-world.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function adsSuite(h: GetHarness): void {
  describe('ads page', () => {
    it('shows a hostile ad as inert text: no script runs, no image loads, no dialog', async () => {
      const month = h().world.months[1]!
      const o = await openPage(h().browser, `${h().base}/ads?skills=python&from=${month}&to=${month}`)
      try {
        await waitForData(o.page)
        const ad = o.page.getByTestId('ad').filter({ hasText: h().world.hostileCompany })
        await expect(ad.count()).resolves.toBe(1)
        const text = (await ad.textContent()) ?? ''
        for (const markup of HOSTILE_MARKUP) expect(text).toContain(markup)
        expect(await o.page.evaluate('window.__pwned')).toBeUndefined()
        expect(await o.page.locator('main script, main img').count()).toBe(0)
        // The matched word is marked; the original is linked.
        await expect(ad.locator('mark').first().textContent()).resolves.toBe('Python')
        const href = await ad.getByTestId('ad-original').getAttribute('href')
        expect(href).toMatch(new RegExp(`^${h().fixture.url}/item\\?id=\\d+$`))
        expect([...o.errors, ...o.dialogs]).toEqual([])
      } finally {
        await o.close()
      }
    })

    it('a filter changes the URL and the ads; Back restores both', async () => {
      const o = await openPage(h().browser, `${h().base}/ads?skills=python`)
      try {
        await waitForData(o.page)
        const firstIds = await o.page
          .getByTestId('ad')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-ad-id')))
        await o.page.getByLabel('Seniority').selectOption('lead')
        await o.page.waitForURL(/seniority=lead/)
        await waitForData(o.page)
        const metas = await o.page.locator('[data-testid="ad"] .meta').allTextContents()
        expect(metas.length).toBeGreaterThan(0)
        for (const m of metas) expect(m).toContain('Lead')
        await o.page.goBack()
        await o.page.waitForURL((u) => !u.search.includes('seniority'))
        await waitForData(o.page)
        // The URL changes before the list re-renders: poll until it shows the first search again.
        await expect
          .poll(() =>
            o.page.getByTestId('ad').evaluateAll((els) => els.map((e) => e.getAttribute('data-ad-id'))),
          )
          .toEqual(firstIds)
      } finally {
        await o.close()
      }
    })

    it('pages through older ads by cursor, and Back returns to the newest', async () => {
      const o = await openPage(h().browser, `${h().base}/ads`)
      try {
        await waitForData(o.page)
        const first = await o.page.getByTestId('ad').first().getAttribute('data-ad-id')
        await o.page.getByTestId('next-page').click()
        await o.page.waitForURL(/cursor=/)
        await waitForData(o.page)
        const second = await o.page
          .getByTestId('ad')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-ad-id')))
        expect(second).toHaveLength(20)
        expect(second).not.toContain(first)
        await o.page.goBack()
        await o.page.waitForURL((u) => !u.search.includes('cursor'))
        await waitForData(o.page)
        await expect.poll(() => o.page.getByTestId('ad').first().getAttribute('data-ad-id')).toBe(first)
      } finally {
        await o.close()
      }
    })

    it('says why a search is empty', async () => {
      const o = await openPage(h().browser, `${h().base}/ads?skills=rust,kubernetes&seniority=intern`)
      try {
        await waitForData(o.page)
        await expect(o.page.getByTestId('empty').textContent()).resolves.toMatch(
          /No job ad mentions all of Rust, Kubernetes/,
        )
      } finally {
        await o.close()
      }
    })
  })
}
