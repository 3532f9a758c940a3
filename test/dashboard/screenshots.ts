// `npm run screenshots`: every dashboard page in light and dark at 1440 and 390 px wide, full
// page, saved as <dir>/<page>-<theme>-<width>.png (default ./screenshots, gitignored; set
// SCREENSHOTS_DIR). Runs on the dashboard fixture world (built dashboard needed). Pick pages with
// `npm run screenshots -- salaries,market`.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openPage, startHarness } from './support/harness.ts'
import { pickPages, waitForData } from './support/pages.ts'

const dir = resolve(process.env.SCREENSHOTS_DIR ?? 'screenshots')
const pages = pickPages(process.argv[2])
if (pages.length === 0) {
  console.error(`no page named ${process.argv[2]}`)
  process.exit(2)
}
mkdirSync(dir, { recursive: true })
const harness = await startHarness()
let failures = 0
try {
  for (const p of pages)
    for (const theme of ['light', 'dark'] as const)
      for (const width of [1440, 390]) {
        const file = join(dir, `${p.name}-${theme}-${width}.png`)
        // The Reports page shows the seeded report with its run open.
        const path =
          p.name === 'reports'
            ? `${p.path}?report=${harness.reports.reportId}&run=${harness.reports.runId}`
            : p.path
        const opened = await openPage(harness.browser, `${harness.base}${path}`, {
          apiKey: harness.reports.key,
          width,
          height: width > 500 ? 900 : 844,
          theme,
        })
        try {
          await waitForData(opened.page, 20_000).catch(() => {
            failures++
            console.error(
              `${p.name} ${theme} ${width}: data did not settle within 20 s (screenshot taken anyway)`,
            )
          })
          if (p.name === 'reports')
            await opened.page
              .frameLocator('[data-testid="report-preview"]')
              .locator('h1')
              .first()
              .waitFor({ timeout: 10_000 })
              .catch(() => console.error(`${p.name} ${theme} ${width}: the report preview did not show`))
          await opened.page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
          const problems = [...opened.errors, ...opened.dialogs]
          if (problems.length) {
            failures++
            console.error(`${p.name} ${theme} ${width}: ${problems.join('; ')}`)
          }
          console.log(file)
        } finally {
          await opened.close()
        }
      }
} finally {
  await harness.close()
}
console.log(`${pages.length * 4} screenshots in ${dir}${failures ? `, ${failures} with problems` : ''}`)
process.exit(failures ? 1 : 0)
