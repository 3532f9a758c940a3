// Market page: five breakdowns drawn, incomplete periods (the running month, the month with a
// failed page) marked, and the share/count switch kept in the URL.
import { describe, expect, it } from 'vitest'
import { openPage } from '../support/harness.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function marketSuite(h: GetHarness): void {
  describe('market page', () => {
    it('draws every breakdown and marks the incomplete periods', async () => {
      const o = await openPage(h().browser, `${h().base}/market`)
      try {
        await waitForData(o.page)
        for (const facet of ['work_mode', 'country', 'industry', 'seniority', 'role_family']) {
          const points = await o.page.getByTestId(`market-chart-${facet}`).getAttribute('data-points')
          expect(Number(points), facet).toBeGreaterThan(0)
        }
        expect(await o.page.getByTestId('incomplete-note').count()).toBe(5)
      } finally {
        await o.close()
      }
    })
    it('keeps share or count in the URL; Back restores it', async () => {
      const o = await openPage(h().browser, `${h().base}/market`)
      try {
        await waitForData(o.page)
        await o.page.getByRole('button', { name: 'Number of ads' }).click()
        await o.page.waitForURL(/measure=count/)
        // The URL changes before the page re-renders: poll the pressed state, do not read it once.
        await expect
          .poll(() => o.page.getByRole('button', { name: 'Number of ads' }).getAttribute('aria-pressed'))
          .toBe('true')
        await o.page.goBack()
        await o.page.waitForURL((u) => !u.search.includes('measure'))
        await expect
          .poll(() => o.page.getByRole('button', { name: 'Share of ads' }).getAttribute('aria-pressed'))
          .toBe('true')
      } finally {
        await o.close()
      }
    })
  })
}
