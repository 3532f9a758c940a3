// Starting a run of a crawl unit: queue its first page and hold it (next_run_at pushed ahead by a
// lease) so the scheduler does not queue it again while it is being read. The run's end sets the
// real next time (a revisit, a retry with backoff, or never); a run lost in a crash is picked up
// again once its lease has passed, or at once by a restarted scheduler.
import type { TableWriter } from './clickhouse/batch-writer.ts'
import { enqueueUnitPage } from './queue/registry.ts'
import type { QueueBackend } from './queue/types.ts'
import { crawlState, type UnitState } from './tables/crawl-state.ts'

export const UNIT_RUN_LEASE_MS = 60 * 60_000

export async function startUnitRun(
  deps: { queue: QueueBackend; writer: TableWriter },
  unit: UnitState,
  now = new Date(),
): Promise<void> {
  await crawlState.write(deps.writer, { ...unit, nextRunAt: new Date(now.getTime() + UNIT_RUN_LEASE_MS) })
  await enqueueUnitPage(deps.queue, unit, 1)
}
