// `stackradar rollups rebuild` on a real chDB directory: refills emptied rollups from the raw
// tables with per-month progress on stderr, gives the same tables when run again, and exits
// non-zero with the reason when it cannot run.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '@stackradar/core/config'
import { createClickHouse } from '@stackradar/core/clickhouse'
import { createRootLogger } from '@stackradar/core/logger'
import { NO_FILTERS, querySkillCatalog, withAnalyticsPath } from '@stackradar/core/analytics'
import { fixtureSet, writeAds } from '@stackradar/core/analytics/testing'
import { ROLLUP_TABLES } from '@stackradar/core/tables'
import { rollupsCommand } from './rollups.ts'

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

const log = createRootLogger('silent', 'stderr')

describe('stackradar rollups', () => {
  it('rebuild refills the rollups month by month, idempotently', async () => {
    const cfg = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rollups-cli-')) })
    const ads = fixtureSet(4)
    // Opened through the command first, so the tables exist; then data and emptied rollups.
    expect(await rollupsCommand(cfg, ['status'], log, sink().stream)).toBe(0)
    let ch = await createClickHouse(cfg)
    await writeAds(ch, ads)
    for (const t of ROLLUP_TABLES) await ch.client.command({ query: `TRUNCATE TABLE ${t}` })
    await ch.close()

    const months = new Set(ads.map((a) => a.day.slice(0, 7))).size
    for (let run = 0; run < 2; run++) {
      const err = sink()
      expect(await rollupsCommand(cfg, ['rebuild'], log, err.stream)).toBe(0)
      expect(err.text()).toContain(`rollups rebuild: 100% ${months}/${months} month 2017-12`)
      // The tallies' build: per year its pairs and salaries, then the counts, each a step.
      expect(err.text()).toMatch(/tallies build: \d+% \d+\/\d+ 2016 skill pairs/)
      expect(err.text()).toMatch(/tallies build: 100% (\d+)\/\1 marked current/)
      expect(err.text()).toMatch(
        new RegExp(`rollups rebuilt: ${months} months in [\\d.]+ s; versions held: 1`),
      )
      ch = await createClickHouse(cfg)
      const [raw, rollup] = [
        await withAnalyticsPath('raw', () => querySkillCatalog(ch.client, NO_FILTERS)),
        await withAnalyticsPath('rollup', () => querySkillCatalog(ch.client, NO_FILTERS)),
      ]
      expect(rollup.total).toBe(raw.total)
      expect(rollup).toEqual(raw)
      await ch.close()
    }
    const status = sink()
    expect(await rollupsCommand(cfg, ['status'], log, status.stream)).toBe(0)
    expect(status.text()).toMatch(
      /rollups ready; versions held: 1; stale months: none; charts read the rollups/,
    )
  })

  it('exits non-zero with the reason: unknown subcommand, unreachable ClickHouse', async () => {
    const cfg = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rollups-cli-')) })
    const usage = sink()
    expect(await rollupsCommand(cfg, ['rebuilt'], log, usage.stream)).toBe(2)
    expect(usage.text()).toMatch(/usage: stackradar rollups rebuild \| status/)
    const down = sink()
    const bad = parseConfig({ CLICKHOUSE_URL: 'http://127.0.0.1:9' })
    expect(await rollupsCommand(bad, ['rebuild'], log, down.stream)).toBe(1)
    expect(down.text()).toMatch(/rollups rebuild failed: Cannot reach ClickHouse/)
  })
})
