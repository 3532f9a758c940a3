// The dashboard in real Chromium against the embedded runtime backfilled from the dashboard
// fixture world (four monthly threads, the last still running, one failing page, one hostile ad).
// One runtime and one browser serve every suite: the suites live in ./suites and register here.
import { afterAll, beforeAll } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { registerSuites } from './suites/index.ts'

let harness: Harness | undefined
beforeAll(async () => {
  harness = await startHarness()
}, 180_000)
afterAll(async () => {
  await harness?.close()
})

registerSuites(() => {
  if (!harness) throw new Error('the dashboard harness did not start (see the beforeAll error)')
  return harness
})
