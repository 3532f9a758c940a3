// The seam between a report run and what fills it: building the report's numbers (the document),
// rendering a format from them and delivering the files. The run service (runs.ts) stores and
// tracks; an implementation of this interface (the report builder, renderers and mail/webhook
// delivery) does the work. The document is JSON: stored as built, re-rendered from as stored.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Delivery, ReportFile, ReportFormat, ReportRun } from '../contracts/api/reports.ts'

export interface RenderedFile {
  name: string
  contentType: string
  body: Uint8Array
}

export interface StoredReportFile extends ReportFile {
  body: Uint8Array
}

export interface DeliveryInput {
  run: ReportRun
  document: unknown
  files: StoredReportFile[]
  /** A share link to the run that works without a key (null when share links are not set up). */
  link: string | null
}

export interface ReportContent {
  /** The report's numbers for the run's definition snapshot, period and comparison window. */
  build(ch: ClickHouseClient, run: ReportRun): Promise<unknown>
  render(document: unknown, format: ReportFormat, run: ReportRun): Promise<RenderedFile>
  /** Send to the run's recipients and webhook; one Delivery per channel tried, with its attempts. */
  deliver(input: DeliveryInput): Promise<Delivery[]>
}

/** A delivery that could not be tried at all, logged as one failed attempt saying why. */
export function notSent(channel: Delivery['channel'], target: string, error: string): Delivery {
  const attempt = { at: new Date().toISOString(), ok: false, code: null, error, durationMs: 0 }
  return { channel, target, ok: false, attempts: [attempt] }
}
