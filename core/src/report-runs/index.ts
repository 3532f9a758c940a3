// Agency report runs: the schedule (pure), the run service (create, queue, generate, deliver)
// and the seam to the report builder, renderers and delivery (content.ts).
export * from './schedule.ts'
