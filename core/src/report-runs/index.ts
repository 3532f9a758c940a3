// Agency report runs: the schedule (pure), the run service (create, queue, generate, deliver)
// and the seam to the report builder, renderers and delivery (content.ts; the real one, which
// loads the browser and mail libraries, is '@stackradar/core/report-content').
export * from './schedule.ts'
export * from './content.ts'
export * from './runs.ts'
