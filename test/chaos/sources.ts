// Sources that misbehave for a while, in embedded mode: every thread page answers 500 for 20 s,
// or drips its body (16 bytes a second, a slow-loris) for 30 s; then the source recovers. The
// HTTP limits are the test defaults (10 s timeout, 3 retries).
import { chaosSite } from './sites.ts'
import { sleep, type Scenario } from './harness.ts'
import { embeddedRun } from './run-scenario.ts'
import { tempDir } from '../support/test-config.ts'

export const SOURCE_500_MS = 20_000
export const SOURCE_DRIP_MS = 30_000

export const source500: Scenario = {
  name: 'source 500s for 20 s',
  timeoutMs: 210_000,
  run: (ctx) => {
    const site = chaosSite()
    return embeddedRun(
      source500.name,
      ctx,
      { site, expected: site.totalAds, threads: site.months.length },
      tempDir('chaos-500'),
      {
        at: 0.05,
        async inject(_d, web, _ctx, notes) {
          web.setFault({ kind: 'status', status: 500 })
          await sleep(SOURCE_500_MS)
          web.setFault({ kind: 'pass' })
          notes.push(`${web.faulted()} page requests answered 500`)
        },
      },
    )
  },
}

export const sourceDrip: Scenario = {
  name: 'source drips for 30 s',
  timeoutMs: 240_000,
  run: (ctx) => {
    const site = chaosSite()
    return embeddedRun(
      sourceDrip.name,
      ctx,
      { site, expected: site.totalAds, threads: site.months.length },
      tempDir('chaos-drip'),
      {
        at: 0.05,
        async inject(_d, web, _ctx, notes) {
          web.setFault({ kind: 'drip', bytes: 16, everyMs: 1000 })
          await sleep(SOURCE_DRIP_MS)
          web.setFault({ kind: 'pass' })
          notes.push(`${web.faulted()} page requests dripped`)
        },
      },
    )
  },
}

export const sourceScenarios = [source500, sourceDrip]
