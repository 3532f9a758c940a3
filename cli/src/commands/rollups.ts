// `stackradar rollups rebuild`: empty the daily rollups and refill them from the raw tables, month
// by month with progress on stderr, then build the tallies from them; idempotent (run it any time,
// twice gives the same tables).
// `stackradar rollups status`: whether the charts read them, the versions and stale months held,
// whether the tallies are current.
// Embedded mode: stop `npm start` first (chDB allows one process per data directory).
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import { createClickHouse, loadMigrations, migrate } from '@stackradar/core/clickhouse'
import { rollupUsable } from '@stackradar/core/analytics'
import {
  currentTallyMark,
  rollups,
  ROLLUP_STATE_TTL_MS,
  tallies,
  tallyUsable,
  type RollupState,
} from '@stackradar/core/tables'
import { ProgressBar } from './progress.ts'

export const ROLLUPS_USAGE = 'usage: stackradar rollups rebuild | status'

export async function rollupsCommand(
  cfg: Config,
  args: string[],
  log: Logger,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const sub = args[0]
  if ((sub !== 'rebuild' && sub !== 'status') || args.length > 1) {
    err.write(`${ROLLUPS_USAGE}\n`)
    return 2
  }
  let ch: Awaited<ReturnType<typeof createClickHouse>> | undefined
  try {
    ch = await createClickHouse(cfg)
    await migrate(ch.client, log)
    if (sub === 'status') {
      const s = await rollups.state(ch.client)
      err.write(
        `rollups ${s.status}; versions held: ${s.versions.join(', ') || 'none'}; stale months: ${
          s.stale.join(', ') || 'none'
        }; charts read ${rollupUsable(s) ? 'the rollups' : 'raw rows'}\n` + `tallies ${tallyNote(s)}\n`,
      )
      return 0
    }
    const t0 = Date.now()
    // Re-applies 006's idempotent statements first, so a store that applied an early 006 (before
    // the rollups became narrow rows) gets today's tables and views.
    for (const statement of loadMigrations().find((m) => m.version === 6)?.statements ?? [])
      await ch.client.command({ query: statement })
    const bar = new ProgressBar('rollups rebuild', err as NodeJS.WriteStream)
    // A server may have API processes caching the state: give them time to see 'building'.
    const settleMs = ch.mode === 'server' ? 2 * ROLLUP_STATE_TTL_MS : 0
    const { months } = await rollups.rebuild(
      ch.client,
      (p) => bar.update(p.done, p.total, `month ${p.month}`),
      { settleMs },
    )
    // The tallies' build (pairs and salaries per year, then the counts): one bar of statements.
    const tallyBar = new ProgressBar('tallies build', err as NodeJS.WriteStream)
    const tally = await tallies.refresh(ch.client, {
      settleMs,
      onProgress: (p) => tallyBar.update(p.done, p.total, p.step),
    })
    const s = await rollups.state(ch.client)
    bar.done(
      `rollups rebuilt: ${months} months${months ? '' : ' (no ads stored)'} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `versions held: ${s.versions.join(', ') || 'none'}; tallies ${tally.done === 'skipped' ? `not built (${tally.reason})` : 'built'}`,
    )
    return 0
  } catch (e) {
    log.error({ err: (e as Error).message }, 'rollups rebuild failed')
    err.write(
      `rollups ${sub} failed: ${(e as Error).message}\n` +
        'The charts read raw rows until a rebuild completes; run it again.\n',
    )
    return 1
  } finally {
    await ch?.close()
  }
}

/** What the tallies' state means for the charts, for `rollups status`. */
function tallyNote(s: RollupState): string {
  if (tallyUsable(s))
    return 'current: charts filtered by dates and boards only, or by one work mode, country, seniority or industry, or by one country with one work mode, read them'
  if (!s.tally) return 'not built'
  // Built from another rollup version, by other code (an upgrade), or a full build cut short.
  if (rollupUsable(s) && !currentTallyMark(s)) return 'to be rebuilt whole (the idle upkeep rebuilds them)'
  return 'behind the latest writes (the idle upkeep refreshes them)'
}
