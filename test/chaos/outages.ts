// Shared services going away in distributed mode: Redis restarted (stopped as docker stops it, with
// its append-only file, then started on the same port) and the ClickHouse endpoint gone for ~30 s.
import { chaosSite } from './sites.ts'
import { sleep, type Scenario } from './harness.ts'
import { distributedRun } from './run-scenario.ts'

export const REDIS_DOWN_MS = 10_000
export const CLICKHOUSE_DOWN_MS = 30_000

export const redisRestart: Scenario = {
  name: 'Redis restart mid-run',
  timeoutMs: 240_000,
  run: (ctx) => {
    const site = chaosSite()
    return distributedRun(
      redisRestart.name,
      ctx,
      { site, expected: site.totalAds, threads: site.months.length },
      {
        at: 0.3,
        async inject(d, _web, _ctx, notes) {
          await d.redis.down('SIGTERM')
          await sleep(REDIS_DOWN_MS)
          await d.redis.up()
          notes.push(`redis down ${REDIS_DOWN_MS / 1000} s`)
        },
      },
    )
  },
}

export const clickhouseOutage: Scenario = {
  name: 'ClickHouse outage 30 s',
  timeoutMs: 270_000,
  run: (ctx) => {
    const site = chaosSite()
    return distributedRun(
      clickhouseOutage.name,
      ctx,
      { site, expected: site.totalAds, threads: site.months.length },
      {
        at: 0.3,
        async inject(d, _web, _ctx, notes) {
          await d.stopClickHouse()
          await sleep(CLICKHOUSE_DOWN_MS)
          await d.startClickHouse()
          notes.push(`clickhouse down ${CLICKHOUSE_DOWN_MS / 1000} s`)
        },
      },
    )
  },
}

export const outageScenarios = [redisRestart, clickhouseOutage]
