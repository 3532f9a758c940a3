// Chart downloads: the PNG is a real PNG of the drawn canvas's size, the CSV parses and holds the
// numbers the page shows.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { downloadBytes, openPage, pngSize } from '../support/harness.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function downloadsSuite(h: GetHarness): void {
  describe('chart downloads', () => {
    it('salaries: PNG of the chart and CSV of its percentiles', async () => {
      const o = await openPage(h().browser, `${h().base}/salaries?skills=python,go`)
      try {
        await waitForData(o.page)
        const canvas = o.page.getByTestId('salary-chart')
        const box = await canvas.evaluate((c) => ({
          w: (c as unknown as { width: number }).width,
          h: (c as unknown as { height: number }).height,
        }))
        const [png] = await Promise.all([
          o.page.waitForEvent('download'),
          o.page.getByTestId('download-png').click(),
        ])
        expect(png.suggestedFilename()).toMatch(/\.png$/)
        expect(pngSize(await downloadBytes(png))).toEqual({ width: box.w, height: box.h })

        const [csv] = await Promise.all([
          o.page.waitForEvent('download'),
          o.page.getByTestId('download-csv').click(),
        ])
        expect(csv.suggestedFilename()).toMatch(/\.csv$/)
        const rows = parse((await downloadBytes(csv)).toString('utf8'), { columns: true }) as Record<
          string,
          string
        >[]
        const python = rows.find((r) => r.group === 'python' && r.employment === 'permanent')
        expect(python).toBeDefined()
        // The CSV's median is the one the table shows for Python (compact in the table).
        const shown = await o.page
          .getByTestId('salary-row')
          .filter({ hasText: 'Python' })
          .first()
          .textContent()
        expect(Number(python!.median)).toBeGreaterThan(0)
        expect(shown).toContain(`$${Math.round(Number(python!.median) / 1000)}K`)
        expect(python!.n).toBe(
          (
            await o.page
              .getByTestId('salary-row')
              .filter({ hasText: 'Python' })
              .first()
              .locator('td')
              .nth(1)
              .textContent()
          )?.trim(),
        )
      } finally {
        await o.close()
      }
    })
    it('market: CSV of a breakdown in rows per period and value', async () => {
      const o = await openPage(h().browser, `${h().base}/market`)
      try {
        await waitForData(o.page)
        const card = o.page.getByTestId('market-work_mode')
        const [csv] = await Promise.all([
          o.page.waitForEvent('download'),
          card.getByTestId('download-csv').click(),
        ])
        const rows = parse((await downloadBytes(csv)).toString('utf8'), { columns: true }) as Record<
          string,
          string
        >[]
        expect(new Set(rows.map((r) => r.period)).size).toBe(h().world.months.length)
        for (const r of rows) expect(Number(r.ads)).toBeLessThanOrEqual(Number(r.total))
        const [png] = await Promise.all([
          o.page.waitForEvent('download'),
          card.getByTestId('download-png').click(),
        ])
        expect(pngSize(await downloadBytes(png))).not.toBeNull()
      } finally {
        await o.close()
      }
    })
  })
}
