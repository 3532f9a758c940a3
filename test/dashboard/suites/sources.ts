// Sources page: per-source health, coverage per month, what failed said in words.
import { describe, expect, it } from 'vitest'
import { openPage } from '../support/harness.ts'
import type { GetHarness } from './index.ts'

export function sourcesSuite(h: GetHarness): void {
  describe('sources page', () => {
    it('lists the source with its health', async () => {
      const { page, errors, close } = await openPage(h().browser, `${h().base}/sources`)
      const row = page.getByTestId('source-row').first()
      await row.waitFor({ timeout: 30_000 })
      console.log(await page.locator('main').innerText())
      expect(errors).toEqual([])
      await close()
    })
  })
}
