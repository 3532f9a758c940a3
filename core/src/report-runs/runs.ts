// Report definitions and runs as operations: create / update a definition, queue a run (scheduled
// or on demand), generate it (build → store the numbers → render → store each file) and deliver
// it. A run row is written before any work and after each step, so a crash or a failed delivery
// never loses a run: its files stay downloadable and a delivery can be tried again.
import { createHash, randomBytes } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import {
  ReportDefinitionInput,
  ReportDefinitionUpdate,
  type Delivery,
  type ReportDefinition,
  type ReportFile,
  type ReportPeriod,
  type ReportRun,
} from '../contracts/api/reports.ts'
import type { Logger } from '../logger.ts'
import { safeJobId } from '../queue/registry.ts'
import type { QueueBackend } from '../queue/types.ts'
import { reportDefinitions } from '../tables/report-definitions.ts'
import { reportRuns, type StoredRun } from '../tables/report-runs.ts'
import { UserError } from '../user-error.ts'
import { newShareNonce, signShareToken } from '../access/share-link.ts'
import { notSent, type ReportContent, type StoredReportFile } from './content.ts'
import { comparePeriodOf, periodOfLabel } from './schedule.ts'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const randomId = (n: number) => [...randomBytes(n)].map((b) => ALPHABET[b % ALPHABET.length]).join('')

export async function createReport(
  ch: ClickHouseClient,
  input: ReportDefinitionInput,
  now = new Date(),
): Promise<ReportDefinition> {
  const parsed = ReportDefinitionInput.parse(input)
  const at = now.toISOString()
  const def: ReportDefinition = { ...parsed, id: `rep_${randomId(12)}`, createdAt: at, updatedAt: at }
  await reportDefinitions.put(ch, def)
  return def
}

export async function updateReport(
  ch: ClickHouseClient,
  id: string,
  patch: ReportDefinitionUpdate,
  now = new Date(),
): Promise<ReportDefinition | null> {
  const current = await reportDefinitions.get(ch, id)
  if (!current) return null
  const def: ReportDefinition = {
    ...current,
    ...ReportDefinitionUpdate.parse(patch),
    updatedAt: now.toISOString(),
  }
  await reportDefinitions.put(ch, def)
  return def
}

/** A scheduled run's id is derived from its report and period: the same slot is one run, however often queued. */
export function scheduledRunId(reportId: string, period: ReportPeriod): string {
  return `run_${reportId.replace(/^rep_/, '')}_${period.label.toLowerCase()}`
}

export interface QueueRunOptions {
  /** A period label (2017-W10, 2017-03) or a period. */
  period: string | ReportPeriod
  trigger: ReportRun['trigger']
  deliver: boolean
  /** The schedule slot (scheduled runs only). */
  scheduledFor?: Date
  now?: Date
}

/** Store a queued run (the definition as it is now) and queue its generation. */
export async function queueRun(
  deps: { ch: ClickHouseClient; queue: Pick<QueueBackend, 'enqueue'> },
  def: ReportDefinition,
  opts: QueueRunOptions,
): Promise<ReportRun> {
  const period = typeof opts.period === 'string' ? periodOfLabel(opts.period) : opts.period
  if (!period)
    throw new UserError(`period: '${String(opts.period)}' is not a week 2017-W10 or a month 2017-03`)
  const kind = /W/.test(period.label) ? 'weekly' : 'monthly'
  const plain: ReportPeriod = { from: period.from, to: period.to, label: period.label }
  const id = opts.scheduledFor ? scheduledRunId(def.id, plain) : `run_${randomId(16)}`
  if (opts.scheduledFor) {
    const existing = await reportRuns.get(deps.ch, id)
    if (existing) return existing.run
  }
  const run: ReportRun = {
    id,
    reportId: def.id,
    definition: def,
    period: plain,
    comparePeriod: comparePeriodOf(plain, kind, def.comparison),
    trigger: opts.trigger,
    status: 'queued',
    error: null,
    files: [],
    deliveries: [],
    createdAt: (opts.now ?? new Date()).toISOString(),
    finishedAt: null,
    shared: false,
  }
  await reportRuns.put(deps.ch, { run, scheduledFor: opts.scheduledFor ?? null, shareNonce: '' })
  await deps.queue.enqueue(
    'report',
    { kind: 'generate', runId: id, deliver: opts.deliver },
    { jobId: safeJobId('report', id) },
  )
  return run
}

/**
 * Queue again the generation of runs left queued or half-generated (a crash of an embedded install
 * loses its in-memory queue). The job id is the run's, so a job still waiting is not doubled.
 * Scheduled runs are delivered once generated; a run on demand is generated and can be resent.
 */
export async function requeueUnfinishedRuns(deps: {
  ch: ClickHouseClient
  queue: Pick<QueueBackend, 'enqueue'>
}): Promise<string[]> {
  const runs = await reportRuns.unfinished(deps.ch)
  for (const { run } of runs)
    await deps.queue.enqueue(
      'report',
      { kind: 'generate', runId: run.id, deliver: run.trigger === 'schedule' },
      { jobId: safeJobId('report', run.id) },
    )
  return runs.map((r) => r.run.id)
}

export interface RunServiceDeps {
  ch: ClickHouseClient
  log: Logger
  content: ReportContent
  /** Share links in deliveries: the HMAC secret and the install's public base URL. */
  share?: { secret: Buffer; baseUrl: string }
}

export function shareUrl(share: { secret: Buffer; baseUrl: string }, runId: string, nonce: string): string {
  return `${share.baseUrl.replace(/\/$/, '')}/api/v1/shared/${signShareToken(share.secret, runId, nonce)}`
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Build, store and render a run; then deliver it when asked. Throws (for the queue's retry) on failure. */
export async function generateRun(
  deps: RunServiceDeps,
  runId: string,
  opts: { deliver: boolean; final?: boolean },
): Promise<ReportRun | null> {
  const stored = await reportRuns.get(deps.ch, runId, deps.log)
  if (!stored) {
    deps.log.warn({ runId }, 'report run not found; job dropped')
    return null
  }
  if (stored.run.files.length > 0 && stored.run.status !== 'failed') {
    // A retried job whose generation already finished: do not build again (same numbers).
    if (opts.deliver && stored.run.deliveries.length === 0) return deliverRun(deps, runId)
    return stored.run
  }
  const run: ReportRun = { ...stored.run, status: 'generating', error: null }
  await reportRuns.put(deps.ch, { ...stored, run })
  let files: ReportFile[]
  try {
    const document = await deps.content.build(deps.ch, run)
    await reportRuns.putFile(deps.ch, runId, 'document', Buffer.from(JSON.stringify(document)))
    files = []
    for (const format of run.definition.formats) {
      const r = await deps.content.render(document, format, run)
      await reportRuns.putFile(deps.ch, runId, format, Buffer.from(r.body))
      files.push({
        format,
        name: r.name,
        contentType: r.contentType,
        bytes: r.body.byteLength,
        sha256: sha256(r.body),
      })
    }
  } catch (err) {
    const permanent = err instanceof UserError || opts.final === true
    const failed: ReportRun = {
      ...run,
      status: 'failed',
      error: (err as Error).message.slice(0, 500),
      finishedAt: new Date().toISOString(),
    }
    await reportRuns.put(deps.ch, { ...stored, run: failed })
    deps.log.warn({ runId, err: (err as Error).message, permanent }, 'report run failed')
    if (permanent) return failed
    throw err
  }
  const generated: ReportRun = { ...run, status: 'generated', files, finishedAt: new Date().toISOString() }
  await reportRuns.put(deps.ch, { ...stored, run: generated })
  deps.log.info(
    { runId, reportId: run.reportId, period: run.period.label, files: files.length },
    'report generated',
  )
  return opts.deliver ? deliverRun(deps, runId) : generated
}

/** The stored files of a run with their bytes (what a delivery attaches or a download serves). */
export async function runFiles(ch: ClickHouseClient, run: ReportRun): Promise<StoredReportFile[]> {
  const out: StoredReportFile[] = []
  for (const f of run.files) {
    const body = await reportRuns.getFile(ch, run.id, f.format)
    if (body) out.push({ ...f, body })
  }
  return out
}

/**
 * Deliver a generated run to its recipients and webhook and append the attempts to its log. Never
 * throws for a failed delivery: the run keeps status delivery_failed and can be resent.
 */
export async function deliverRun(deps: RunServiceDeps, runId: string): Promise<ReportRun | null> {
  const stored = await reportRuns.get(deps.ch, runId, deps.log)
  if (!stored || stored.run.files.length === 0) {
    deps.log.warn({ runId }, 'report run has no files to deliver; skipped')
    return stored?.run ?? null
  }
  const def = stored.run.definition
  if (def.recipients.length === 0 && !def.webhookUrl) return stored.run
  let current: StoredRun = stored
  if (deps.share && !current.shareNonce) {
    current = { ...current, shareNonce: newShareNonce() }
    await reportRuns.put(deps.ch, current)
  }
  const link = deps.share ? shareUrl(deps.share, runId, current.shareNonce) : null
  const document = JSON.parse((await reportRuns.getFile(deps.ch, runId, 'document'))?.toString() ?? 'null')
  let deliveries: Delivery[]
  try {
    deliveries = await deps.content.deliver({
      run: current.run,
      document,
      files: await runFiles(deps.ch, current.run),
      link,
    })
  } catch (err) {
    const target = def.recipients.length ? def.recipients.join(', ') : (def.webhookUrl ?? '').split('?')[0]!
    deliveries = [
      notSent(def.recipients.length ? 'email' : 'webhook', target, (err as Error).message.slice(0, 500)),
    ]
  }
  const ok = deliveries.every((d) => d.ok)
  const run: ReportRun = {
    ...current.run,
    status: ok ? 'delivered' : 'delivery_failed',
    deliveries: [...current.run.deliveries, ...deliveries],
  }
  await reportRuns.put(deps.ch, { ...current, run })
  deps.log[ok ? 'info' : 'warn'](
    { runId, deliveries: deliveries.map((d) => `${d.channel}:${d.ok ? 'ok' : 'failed'}`) },
    'report delivered',
  )
  return run
}
