// Every suite of the dashboard browser tests, registered into the one test file that owns the
// runtime and the browser (vitest runs each test file in its own process).
import type { Harness } from '../support/harness.ts'
import { sourcesSuite } from './sources.ts'

export type GetHarness = () => Harness

export function registerSuites(h: GetHarness): void {
  sourcesSuite(h)
}
