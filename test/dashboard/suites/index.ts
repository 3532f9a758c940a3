// Every suite of the dashboard browser tests, registered into the one test file that owns the
// runtime and the browser (vitest runs each test file in its own process).
import type { Harness } from '../support/harness.ts'
import { adsSuite } from './ads.ts'
import { downloadsSuite } from './downloads.ts'
import { everyPageSuite } from './every-page.ts'
import { marketSuite } from './market.ts'
import { reportsSuite } from './reports.ts'
import { salariesSuite } from './salaries.ts'
import { sourcesSuite } from './sources.ts'

export type GetHarness = () => Harness

export function registerSuites(h: GetHarness): void {
  everyPageSuite(h)
  salariesSuite(h)
  marketSuite(h)
  adsSuite(h)
  sourcesSuite(h)
  reportsSuite(h)
  downloadsSuite(h)
}
