// `stackradar report …`: agency reports from the command line.
//   report --week 2017-W10 --format pdf --out r.pdf [filters]   one report now, written to a file
//   report create|list|show|run                                   stored definitions and their runs
// Embedded mode works on DATA_DIR's chDB in this process (stop `npm start` first: one process per
// data directory); with REDIS_URL, `report run` queues the run for the workers instead.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadShareSecret } from '@stackradar/core/access'
import { createClickHouse, migrate, type ClickHouseHandle } from '@stackradar/core/clickhouse'
import type { Config } from '@stackradar/core/config'
import { REPORT_FORMATS, type ReportFormat, type ReportRun } from '@stackradar/core/contracts/api'
import type { Logger } from '@stackradar/core/logger'
import { BullmqQueue, InProcessQueue, type QueueBackend } from '@stackradar/core/queue'
import { reportContent, reportContentOptions } from '@stackradar/core/report-content'
import {
  comparePeriodOf,
  createReport,
  generateRun,
  lastCompletePeriod,
  nextSlot,
  periodOfLabel,
  queueRun,
} from '@stackradar/core/report-runs'
import { reportDefinitions, reportRuns } from '@stackradar/core/tables'
import { UserError } from '@stackradar/core/user-error'
import { webhookGuard } from '../runtime.ts'
import { DEFINITION_FLAGS, DEFINITION_OPTIONS, definitionFromFlags } from './report-args.ts'

export const REPORT_USAGE = `usage:
  stackradar report --week 2017-W10 | --month 2017-03 --format pdf|html|csv|json --out FILE [definition flags]
  stackradar report create ${DEFINITION_FLAGS}
  stackradar report list
  stackradar report show <report id>
  stackradar report run <report id> [--week 2017-W10 | --month 2017-03] [--no-deliver]`

const OPTIONS = {
  ...DEFINITION_OPTIONS,
  week: { type: 'string' },
  month: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'no-deliver': { type: 'boolean' },
} as const

function periodFlag(values: { week?: string; month?: string }): string | undefined {
  if (values.week && values.month) throw new UserError('give --week or --month, not both')
  const label = values.week ?? values.month
  if (label !== undefined && !periodOfLabel(label))
    throw new UserError(
      `--${values.week ? 'week' : 'month'}: '${label}' is not a week such as 2017-W10 or a month such as 2017-03`,
    )
  return label
}

export async function reportCommand(cfg: Config, args: string[], log: Logger): Promise<number> {
  const sub = ['create', 'list', 'show', 'run'].includes(args[0] ?? '') ? args[0] : undefined
  const { values, positionals } = parseArgs({
    args: sub ? args.slice(1) : args,
    allowPositionals: true,
    options: OPTIONS,
  })
  if (!sub && !values.week && !values.month) {
    console.error(REPORT_USAGE)
    return 2
  }
  // Flags are checked before the data directory is opened (which takes a while): a typo fails fast.
  if (!sub) checkOneReportFlags(values)
  else if (sub === 'run') periodFlag(values)
  const ch = await createClickHouse(cfg)
  try {
    await migrate(ch.client, log)
    if (!sub) return await writeOneReport(cfg, ch, values)
    if (sub === 'create') {
      const def = await createReport(ch.client, definitionFromFlags(values))
      console.error(`created report ${def.id}; next run ${nextSlot(def.cadence, new Date()).toISOString()}`)
      console.log(JSON.stringify(def, null, 2))
      return 0
    }
    if (sub === 'list') {
      const defs = await reportDefinitions.list(ch.client, log)
      if (defs.length === 0) console.error('no reports (stackradar report create --name …)')
      for (const d of defs) {
        const c = d.cadence
        const when =
          c.kind === 'weekly' ? `weekly day ${c.weekday} ${c.hour}h` : `monthly day ${c.day} ${c.hour}h`
        console.log([d.id, d.name, `${when} ${c.timeZone}`, d.enabled ? 'enabled' : 'paused'].join('\t'))
      }
      return 0
    }
    const id = positionals[0]
    const def = id ? await reportDefinitions.get(ch.client, id, log) : null
    if (!def) throw new UserError(`report ${sub}: no report ${id ?? '(give its id)'}`)
    if (sub === 'show') {
      const runs = (await reportRuns.list(ch.client, def.id, 10, log)).map((r) => r.run)
      console.log(JSON.stringify({ ...def, runs: runs.map(runLine) }, null, 2))
      return 0
    }
    const period =
      periodFlag(values) ?? lastCompletePeriod(def.cadence.kind, new Date(), def.cadence.timeZone)
    const deliver = !values['no-deliver']
    const queue: QueueBackend = cfg.REDIS_URL
      ? new BullmqQueue({ redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, lockMs: cfg.QUEUE_LOCK_MS, log })
      : new InProcessQueue()
    try {
      const queued = await queueRun({ ch: ch.client, queue }, def, { period, trigger: 'manual', deliver })
      if (cfg.REDIS_URL) {
        console.error(`queued run ${queued.id}; the workers generate it (GET /api/v1/reports/${def.id}/runs)`)
        return 0
      }
      // Embedded: generate here (the in-process queue has no worker in this command).
      const share = {
        secret: loadShareSecret(cfg),
        baseUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`,
      }
      const content = reportContent({
        ...reportContentOptions(cfg),
        checkWebhookUrl: webhookGuard(cfg.ALLOW_PRIVATE_HOSTS),
      })
      const run = await generateRun({ ch: ch.client, log, content, share }, queued.id, { deliver })
      if (!run) throw new Error(`run ${queued.id} vanished`)
      console.log(JSON.stringify(runLine(run), null, 2))
      return run.status === 'generated' || run.status === 'delivered' ? 0 : 1
    } finally {
      await queue.close(1000)
    }
  } finally {
    await ch.close()
  }
}

function runLine(r: ReportRun) {
  return {
    id: r.id,
    period: r.period.label,
    status: r.status,
    error: r.error,
    files: r.files.map((f) => `${f.format} ${f.bytes} B`),
    deliveries: r.deliveries.map(
      (d) => `${d.channel} ${d.target}: ${d.ok ? 'ok' : 'failed'} after ${d.attempts.length} attempt(s)`,
    ),
  }
}

function checkOneReportFlags(values: Record<string, string | boolean | undefined>) {
  const format = (values.format ?? 'pdf') as ReportFormat
  if (!REPORT_FORMATS.includes(format))
    throw new UserError(`--format: expected one of ${REPORT_FORMATS.join(', ')}`)
  const out = values.out as string | undefined
  if (!out && format === 'pdf') throw new UserError('--out FILE is required for a PDF')
  const label = periodFlag(values as { week?: string; month?: string })!
  definitionFromFlags({ ...(values as Record<string, string>), formats: format }, 'Backend market report')
  return { format, out, label }
}

/** `report --week … --format … --out …`: build and render one report now; stores nothing. */
async function writeOneReport(
  cfg: Config,
  ch: ClickHouseHandle,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const { format, out, label } = checkOneReportFlags(values)
  const period = periodOfLabel(label)!
  const input = definitionFromFlags(
    { ...(values as Record<string, string>), formats: format },
    'Backend market report',
  )
  const now = new Date().toISOString()
  const def = { ...input, id: 'rep_commandline', createdAt: now, updatedAt: now }
  const plain = { from: period.from, to: period.to, label: period.label }
  const run: ReportRun = {
    ...{ id: 'run_commandline', reportId: def.id, definition: def as ReportRun['definition'] },
    ...{
      period: plain,
      comparePeriod: comparePeriodOf(
        plain,
        period.kind,
        def.comparison as ReportRun['definition']['comparison'],
      ),
    },
    ...{ trigger: 'manual', status: 'generating', error: null, files: [], deliveries: [] },
    ...{ createdAt: now, finishedAt: null, shared: false },
  }
  const content = reportContent(reportContentOptions(cfg))
  const t0 = performance.now()
  const doc = await content.build(ch.client, run)
  const t1 = performance.now()
  const file = await content.render(doc, format, run)
  const t2 = performance.now()
  if (out) writeFileSync(out, file.body)
  else process.stdout.write(file.body)
  console.error(
    `report ${period.label} (${period.from} to ${period.to}) vs ${run.comparePeriod!.label}: ${format}, ${file.body.byteLength} bytes` +
      `${out ? ` → ${out}` : ''}; built in ${((t1 - t0) / 1000).toFixed(2)} s, rendered in ${((t2 - t1) / 1000).toFixed(2)} s`,
  )
  return 0
}
