// Salaries page: a control changes the URL and the numbers and Back restores them; small cells are
// withheld and said so; a failed request shows an error whose Retry succeeds.
import { describe, expect, it } from 'vitest'
import { openPage } from '../support/harness.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function salariesSuite(h: GetHarness): void {
  describe('salaries page', () => {
    it('the currency changes the URL and the amounts; Back restores them', async () => {
      const o = await openPage(h().browser, `${h().base}/salaries?skills=python,go`)
      try {
        await waitForData(o.page)
        const usd = await o.page.getByTestId('salary-table').textContent()
        expect(usd).toMatch(/\$\d/)
        await o.page.getByLabel('Currency').selectOption('EUR')
        await o.page.waitForURL(/currency=EUR/)
        await waitForData(o.page)
        await expect(o.page.getByTestId('salary-table').textContent()).resolves.toMatch(/€\d/)
        await o.page.goBack()
        await o.page.waitForURL((u) => !u.search.includes('currency'))
        await waitForData(o.page)
        await expect.poll(() => o.page.getByTestId('salary-table').textContent()).toBe(usd)
      } finally {
        await o.close()
      }
    })

    it('withholds cells under the smallest sample and says how many', async () => {
      const o = await openPage(h().browser, `${h().base}/salaries?skills=python,go&min_n=50`)
      try {
        await waitForData(o.page)
        const withheld = o.page.locator('[data-testid="salary-row"][data-withheld="true"]')
        expect(await withheld.count()).toBeGreaterThan(0)
        await expect(withheld.first().textContent()).resolves.toMatch(/withheld: fewer than 50 salaries/)
        await expect(o.page.getByTestId('withheld-note').textContent()).resolves.toMatch(
          /fewer than 50 salaries/,
        )
      } finally {
        await o.close()
      }
    })

    it('shows a failed request with a Retry that succeeds', async () => {
      const o = await openPage(h().browser, 'about:blank')
      try {
        let failures = 0
        // The first answer fails as an overloaded API would; the Retry reaches the real API.
        await o.page.route('**/api/v1/salaries?**', (route) =>
          failures++ === 0
            ? route.fulfill({
                status: 503,
                contentType: 'application/json',
                body: '{"error":{"code":"overloaded","message":"busy, try again"}}',
              })
            : route.continue(),
        )
        await o.page.goto(`${h().base}/salaries?skills=python`)
        const error = o.page.getByTestId('error-state')
        await error.waitFor()
        await expect(error.textContent()).resolves.toMatch(/busy, try again/)
        await error.getByRole('button', { name: 'Retry' }).click()
        await waitForData(o.page)
        expect(await o.page.getByTestId('error-state').count()).toBe(0)
        expect(await o.page.getByTestId('salary-row').count()).toBeGreaterThan(0)
      } finally {
        await o.close()
      }
    })
  })
}
