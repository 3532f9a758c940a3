// The worker package: the extract role (extract processor) and the scheduler role (scheduler/).
import type { WorkerDeps } from './deps.ts'
import { extractAds } from './processors/extract.ts'
import { processReportJob, type ReportJobDeps } from './processors/report.ts'

export type { WorkerDeps } from './deps.ts'
export { Scheduler } from './scheduler/index.ts'
export { extractAds } from './processors/extract.ts'
export { processReportJob, type ReportJobDeps } from './processors/report.ts'
export { queueDueReports } from './scheduler/reports.ts'

export function registerExtractProcessor(deps: WorkerDeps): void {
  deps.queue.work(
    'extract',
    async (payload) => {
      await extractAds(deps, payload)
    },
    { concurrency: deps.cfg.EXTRACT_CONCURRENCY },
  )
}

export function registerReportProcessor(deps: ReportJobDeps & { concurrency: number }): void {
  deps.queue.work('report', (payload, ctx) => processReportJob(deps, payload, ctx), {
    concurrency: deps.concurrency,
  })
}
