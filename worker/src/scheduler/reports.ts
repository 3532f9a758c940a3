// The report part of the scheduler: each minute, every enabled report whose latest schedule slot
// has passed since its last scheduled run (or since it was created) gets one run queued for that
// slot's period. The slot memory is the runs table itself, so a restart or a second scheduler
// neither skips nor doubles a run, and downtime over several slots yields one catch-up run.
import { dueSlot, periodForSlot, queueRun } from '@stackradar/core/report-runs'
import { reportDefinitions, reportRuns } from '@stackradar/core/tables'
import type { WorkerDeps } from '../deps.ts'

export async function queueDueReports(
  deps: Pick<WorkerDeps, 'ch' | 'queue' | 'log'>,
  now: Date,
): Promise<string[]> {
  const [defs, lastSlots] = await Promise.all([
    reportDefinitions.list(deps.ch, deps.log),
    reportRuns.lastScheduledSlots(deps.ch),
  ])
  const queued: string[] = []
  for (const def of defs) {
    if (!def.enabled) continue
    const created = new Date(def.createdAt)
    const last = lastSlots.get(def.id)
    const since = last && last > created ? last : created
    const slot = dueSlot(def.cadence, since, now)
    if (!slot) continue
    const period = periodForSlot(def.cadence, slot)
    const run = await queueRun(deps, def, {
      period,
      trigger: 'schedule',
      deliver: true,
      scheduledFor: slot,
      now,
    })
    deps.log.info(
      { reportId: def.id, runId: run.id, period: period.label, slot: slot.toISOString() },
      'report run queued',
    )
    queued.push(run.id)
  }
  return queued
}
