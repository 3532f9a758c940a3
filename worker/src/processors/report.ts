// Report job (both queue backends): `generate` builds, stores and renders a run, then delivers it
// when asked; `deliver` sends a generated run again. Thin: the run service (core/src/report-runs)
// does the work and records every step on the run, so a failed delivery never loses the run.
import type { JobContext, PayloadOf, QueueBackend } from '@stackradar/core/queue'
import { deliverRun, generateRun, type RunServiceDeps } from '@stackradar/core/report-runs'

export type ReportJobDeps = RunServiceDeps & { queue: QueueBackend }

export async function processReportJob(
  deps: ReportJobDeps,
  job: PayloadOf<'report'>,
  ctx: Pick<JobContext, 'final'>,
): Promise<void> {
  if (job.kind === 'generate') await generateRun(deps, job.runId, { deliver: job.deliver, final: ctx.final })
  else await deliverRun(deps, job.runId)
}
