// kill -9 of each distributed role (api+scheduler, scrape, extract) early, mid-way and late in a
// backfill; a supervisor (docker's `restart: unless-stopped`) starts the role again a second later.
// Time to recover counts from that restart: the new process's start-up is part of it.
import { chaosSite } from './sites.ts'
import { sleep, type Scenario } from './harness.ts'
import { distributedRun } from './run-scenario.ts'

const MOMENTS = { early: 0.05, mid: 0.5, late: 0.8 } as const
const ROLES = ['api', 'scrape', 'extract'] as const

export const killScenarios: Scenario[] = ROLES.flatMap((role) =>
  Object.entries(MOMENTS).map(([moment, at]) => {
    const name = `kill -9 ${role === 'api' ? 'api+scheduler' : role} ${moment}`
    return {
      name,
      timeoutMs: 240_000,
      run: (ctx) => {
        const site = chaosSite()
        return distributedRun(
          name,
          ctx,
          { site, expected: site.totalAds, threads: site.months.length },
          {
            at,
            // A job held by the killed process is taken over only after its lock expires and a
            // stalled-job check runs; on a busy 2-core box that alone can take a minute.
            settleMs: 120_000,
            async inject(d) {
              await d.kill(role, 'SIGKILL')
              await sleep(1000)
              const restartedAt = Date.now()
              await d.restart(role)
              return restartedAt
            },
          },
        )
      },
    }
  }),
)
