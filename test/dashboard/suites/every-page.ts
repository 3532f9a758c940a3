// Every page: renders its data (no error state, no page error, no dialog), axe-core finds no
// serious or critical violation in light at 1440 px and in dark at 390 px, and at 390 px nothing
// sticks out past the right edge.
import { describe, expect, it } from 'vitest'
import { openPage, overflowsRight, seriousAxeViolations } from '../support/harness.ts'
import { PAGES, waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function everyPageSuite(h: GetHarness): void {
  describe.each(PAGES.map((p) => [p.name, p] as const))('%s page', (_, p) => {
    it('renders its data in light at 1440 px with no serious accessibility violation', async () => {
      const o = await openPage(h().browser, `${h().base}${p.path}`, {
        width: 1440,
        theme: 'light',
        apiKey: h().reports.key,
      })
      try {
        await waitForData(o.page)
        await expect(o.page.locator('main h1').first().isVisible()).resolves.toBe(true)
        expect(await o.page.getByTestId('error-state').count()).toBe(0)
        expect(await seriousAxeViolations(o.page)).toEqual([])
        expect([...o.errors, ...o.dialogs]).toEqual([])
      } finally {
        await o.close()
      }
    })
    it('fits 390 px in dark with nothing cut off and no serious accessibility violation', async () => {
      const o = await openPage(h().browser, `${h().base}${p.path}`, {
        apiKey: h().reports.key,
        width: 390,
        height: 844,
        theme: 'dark',
      })
      try {
        await waitForData(o.page)
        expect(await overflowsRight(o.page)).toEqual([])
        expect(await seriousAxeViolations(o.page)).toEqual([])
        expect([...o.errors, ...o.dialogs]).toEqual([])
      } finally {
        await o.close()
      }
    })
  })
}
