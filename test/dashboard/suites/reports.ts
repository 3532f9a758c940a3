// Reports page: asks for a key when it has none, then lists the report, its run, a sandboxed
// preview of the HTML report and downloads that hold the stored files.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { downloadBytes, openPage, overflowsRight, seriousAxeViolations } from '../support/harness.ts'
import { waitForData } from '../support/pages.ts'
import type { GetHarness } from './index.ts'

export function reportsSuite(h: GetHarness): void {
  describe('reports page', () => {
    it('asks for a key, then lists the report, its run, a sandboxed preview and the files', async () => {
      const o = await openPage(h().browser, `${h().base}/reports`)
      try {
        await o.page.getByTestId('key-form').waitFor()
        await o.page.getByLabel('API key').fill(h().reports.key)
        await o.page.getByRole('button', { name: 'Use this key' }).click()
        const report = o.page.getByTestId('report')
        await report.first().waitFor()
        await expect(report.textContent()).resolves.toMatch(/Backend skills monthly.*Acme Recruiting/s)
        // The key is never put in the URL.
        expect(o.page.url()).not.toContain(h().reports.key)
        await report.getByRole('link', { name: 'Backend skills monthly' }).click()
        await o.page.waitForURL(new RegExp(`report=${h().reports.reportId}`))
        const run = o.page.getByTestId('run')
        await run.first().waitFor()
        await expect(run.first().getAttribute('data-status')).resolves.toBe('generated')
        await expect(run.first().textContent()).resolves.toContain(h().world.months[2])

        await run.first().getByTestId('run-preview').click()
        await o.page.waitForURL(/run=/)
        const frame = o.page.getByTestId('report-preview')
        await frame.waitFor()
        expect(await frame.getAttribute('sandbox')).toBe('')
        await expect(
          o.page.frameLocator('[data-testid="report-preview"]').locator('body').textContent(),
        ).resolves.toMatch(/Python/)

        const [csv] = await Promise.all([
          o.page.waitForEvent('download'),
          run.first().getByTestId('run-file-csv').click(),
        ])
        const bytes = await downloadBytes(csv)
        const stored = await fetch(
          `${h().base}/api/v1/reports/${h().reports.reportId}/runs/${h().reports.runId}/files/csv`,
          { headers: { 'x-api-key': h().reports.key } },
        )
        expect(bytes.equals(Buffer.from(await stored.arrayBuffer()))).toBe(true)
        expect(csv.suggestedFilename()).toMatch(/\.(csv|zip)$/)
        if (csv.suggestedFilename().endsWith('.csv'))
          expect(parse(bytes.toString('utf8')).length).toBeGreaterThan(1)

        expect(await seriousAxeViolations(o.page)).toEqual([])
        expect([...o.errors, ...o.dialogs]).toEqual([])
      } finally {
        await o.close()
      }
    })

    it('fits 390 px with a run open', async () => {
      const { reportId, runId, key } = h().reports
      const o = await openPage(h().browser, `${h().base}/reports?report=${reportId}&run=${runId}`, {
        width: 390,
        height: 844,
        theme: 'dark',
        apiKey: key,
      })
      try {
        await o.page.getByTestId('report-preview').waitFor()
        await waitForData(o.page)
        expect(await overflowsRight(o.page)).toEqual([])
        expect(await seriousAxeViolations(o.page)).toEqual([])
      } finally {
        await o.close()
      }
    })
  })
}
