// Sources page: one failed page leaves the source "partly failed" with what failed, not red; the
// months say which are incomplete and why.
import { describe, expect, it } from 'vitest'
import { openPage } from '../support/harness.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function sourcesSuite(h: GetHarness): void {
  describe('sources page', () => {
    it('says what failed without painting the source red, and why months are incomplete', async () => {
      const o = await openPage(h().browser, `${h().base}/sources`)
      try {
        await waitForData(o.page)
        const source = o.page.getByTestId('source-row')
        expect(await source.count()).toBe(1)
        await expect(source.getAttribute('data-health')).resolves.toBe('partial')
        const reason = (await source.getByTestId('health-reason').textContent()) ?? ''
        expect(reason).toMatch(/1 of 4 threads failed, 1 page failed: .*HTTP 500/)
        expect(reason).toMatch(/other 3 threads were read in full/)
        const months = h().world.months
        const row = (m: string) => source.getByTestId('coverage-row').filter({ hasText: m })
        await expect(row(months[3]!).getAttribute('data-status')).resolves.toBe('incomplete')
        await expect(row(months[3]!).textContent()).resolves.toContain('month still running')
        await expect(row(months[2]!).textContent()).resolves.toContain('1 page failed')
        await expect(row(months[0]!).getAttribute('data-status')).resolves.toBe('complete')
        await expect(o.page.getByTestId('work').textContent()).resolves.toMatch(
          /1 unit failed and will be retried/,
        )
      } finally {
        await o.close()
      }
    })
  })
}
