// A hostile page set among normal threads, embedded mode (the default deployment, where a page
// that eats the CPU also starves the API): deep nesting, unclosed tags, 100k postings, a page over
// HTTP_MAX_BYTES. Each hostile thread should be refused with a recorded reason, every normal ad
// stored and counted once, and the process alive and answering.
import { hostileSite } from './sites.ts'
import type { Scenario } from './harness.ts'
import { embeddedRun } from './run-scenario.ts'
import { tempDir } from '../support/test-config.ts'

export const hostilePages: Scenario = {
  name: 'hostile page set',
  timeoutMs: 240_000,
  run: (ctx) => {
    const { site, normal, hostile } = hostileSite()
    return embeddedRun(
      hostilePages.name,
      ctx,
      { site, expected: normal.totalAds, threads: normal.months.length + hostile.length },
      tempDir('chaos-hostile'),
      {
        at: 0, // the fault is in the site from the start
        async inject() {},
      },
      { HN_SINCE: '2026-03' },
    )
  },
}
