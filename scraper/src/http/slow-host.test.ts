// A slow-drip server (headers at once, then one byte now and then, never finishing) against the
// pipeline's HTTP: the circuit breaker stops asking a host that keeps timing out, and one run's time
// budget per host bounds a listing of many dripping ad links. Outcomes and request counts, not clocks.
import type { Logger } from '@stackradar/core/logger'
import { parseConfig } from '@stackradar/core/config'
import { sourceEntrySchema } from '@stackradar/core/sources-config'
import { afterEach, describe, expect, it } from 'vitest'
import { listBoard } from '../processors/board.ts'
import { createSourceHttp, type SourceHttpHandle } from '../source-http.ts'
import { useLocalTestServer } from '../sources/shared/test-server.ts'
import { HostBudgetSpentError, HostDownError } from './host-unavailable.ts'

const AD_LINKS = 20

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (obj: object, msg?: string) =>
    lines.push(`${level} ${msg ?? ''} ${JSON.stringify(obj)}`)
  const logger = { warn: log('warn'), info: log('info'), error: log('error'), debug: log('debug') }
  return { ...logger, child: () => logger } as unknown as Logger
}

describe('a slow-drip host', () => {
  const drips: NodeJS.Timeout[] = []
  const server = useLocalTestServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(200).end('User-agent: *\nAllow: /\n')
    if (req.url === '/careers') {
      const links = Array.from({ length: AD_LINKS }, (_, i) => `<a href="/jobs/${i}">Job ${i}</a>`)
      return res.writeHead(200, { 'content-type': 'text/html' }).end(links.join(''))
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    const drip = setInterval(() => res.write(' '), 20)
    drips.push(drip)
    res.on('close', () => clearInterval(drip))
  })
  let handle: SourceHttpHandle | undefined
  afterEach(async () => {
    for (const d of drips.splice(0)) clearInterval(d)
    await handle?.close()
  })
  const adRequests = () => server.seen.filter((p) => p.startsWith('/jobs/')).length
  const entry = () =>
    sourceEntrySchema.parse({ id: 'drip', kind: 'jsonld', config: { url: `${server.url}/careers` } })
  const open = (env: Record<string, string>, lines: string[] = []) => {
    const cfg = parseConfig({ HOST_DELAY_MS: '0', HTTP_TIMEOUT_MS: '150', HTTP_RETRIES: '4', ...env })
    handle = createSourceHttp(cfg, ['127.0.0.1'], recordingLogger(lines))
    return handle
  }

  it('is treated as down after N consecutive timeouts: the run fails with the reason, the next asks nothing', async () => {
    server.seen.length = 0
    const lines: string[] = []
    const { http } = open({ HOST_BREAKER_FAILURES: '3', HOST_RUN_BUDGET_MS: '600000' }, lines)
    const run = listBoard({ sourceHttp: http }, entry())
    await expect(run).rejects.toBeInstanceOf(HostDownError)
    await expect(run).rejects.toThrow(
      /treated as down until .* after 6 consecutive failures \(last: .*\/jobs\/1: timed out after 150 ms\)/,
    )
    // Every attempt at the first ad (one URL failing could be that page's fault), one at the next: no more.
    expect(server.seen.filter((p) => p === '/jobs/0')).toHaveLength(5)
    expect(server.seen.filter((p) => p === '/jobs/1')).toHaveLength(1)
    expect(adRequests()).toBe(6)
    expect(lines.filter((l) => l.includes('circuit breaker open'))).toHaveLength(1)

    const before = server.seen.length
    await expect(listBoard({ sourceHttp: http }, entry())).rejects.toBeInstanceOf(HostDownError)
    expect(server.seen.length).toBe(before)
  })

  it('gets at most its time budget per run, then the listing fails saying so', async () => {
    server.seen.length = 0
    const { http } = open({ HOST_BREAKER_FAILURES: '1000', HOST_RUN_BUDGET_MS: '1200' })
    const run = listBoard({ sourceHttp: http }, entry())
    await expect(run).rejects.toBeInstanceOf(HostBudgetSpentError)
    await expect(run).rejects.toThrow(/time budget of 1200 ms for host 127\.0\.0\.1:\d+ in this run spent/)
    // Without the budget: 20 links × 5 attempts. With it: the few attempts that fit in 1.2 s.
    expect(adRequests()).toBeGreaterThan(0)
    expect(adRequests()).toBeLessThan(AD_LINKS)
    // The next run has a budget of its own.
    const seen = adRequests()
    await expect(listBoard({ sourceHttp: http }, entry())).rejects.toBeInstanceOf(HostBudgetSpentError)
    expect(adRequests()).toBeGreaterThan(seen)
  })
})
