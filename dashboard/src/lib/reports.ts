// The Reports page's API access and wording (no components). /api/v1/reports needs an API key with
// the `reports` scope (unless the install opens it): the key is typed once per tab and kept in
// sessionStorage — never in the URL, where it would land in history and logs — and sent as
// X-Api-Key. Files download through the same header (a blob, saved under the API's file name).
import {
  ReportListResponse,
  ReportRunListResponse,
  type ReportCadence,
  type ReportFile,
  type RunStatus,
} from '@stackradar/core/contracts/api'
import type { z } from 'zod'
import { ApiError, getValid } from './api'

export type ReportList = z.infer<typeof ReportListResponse>
export type ReportRuns = z.infer<typeof ReportRunListResponse>
export type ReportRun = ReportRuns['runs'][number]

const KEY = 'stackradar-api-key'

export function savedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function saveKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY, key)
    else sessionStorage.removeItem(KEY)
  } catch {
    // Private mode without storage: the key lasts until the page is left.
  }
}

/** fetch with the saved key (when there is one) on every request. */
export function keyedFetch(fetchFn: typeof fetch, key: string | null): typeof fetch {
  if (!key) return fetchFn
  return (input, init) => {
    const headers = new Headers(init?.headers)
    headers.set('x-api-key', key)
    return fetchFn(input, { ...init, headers })
  }
}

/** True when the answer means "a key (with the reports scope) is needed". */
export function needsKey(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 401 || err.status === 403)
}

export const fetchReportList = (f: typeof fetch) => getValid(f, '/api/v1/reports', ReportListResponse)
export const fetchRuns = (f: typeof fetch, id: string) =>
  getValid(f, `/api/v1/reports/${encodeURIComponent(id)}/runs`, ReportRunListResponse)

export function filePath(run: Pick<ReportRun, 'id' | 'reportId'>, format: string): string {
  return `/api/v1/reports/${encodeURIComponent(run.reportId)}/runs/${encodeURIComponent(run.id)}/files/${format}`
}

async function fileResponse(path: string, key: string | null): Promise<Response> {
  const res = await keyedFetch(fetch, key)(path)
  if (!res.ok) throw new ApiError(`The API answered ${path} with HTTP ${res.status}.`, res.status)
  return res
}

/** Downloads a run's file with the key and saves it under its stored name. */
export async function downloadRunFile(run: ReportRun, file: ReportFile, key: string | null): Promise<void> {
  const blob = await (await fileResponse(filePath(run, file.format), key)).blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The run's HTML report, for a sandboxed preview (no scripts, no same-origin access). */
export async function runHtml(run: ReportRun, key: string | null): Promise<string> {
  return (await fileResponse(filePath(run, 'html'), key)).text()
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export function cadenceText(c: ReportCadence): string {
  const at = `${String(c.hour).padStart(2, '0')}:00 ${c.timeZone}`
  return c.kind === 'weekly'
    ? `Weekly, ${WEEKDAY_NAMES[c.weekday - 1] ?? `day ${c.weekday}`} ${at}`
    : `Monthly, day ${c.day} ${at}`
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  generating: 'Generating',
  generated: 'Ready',
  delivered: 'Delivered',
  delivery_failed: 'Delivery failed',
  failed: 'Failed',
}

export function statusTone(s: RunStatus): 'ok' | 'busy' | 'warn' | 'bad' {
  if (s === 'generated' || s === 'delivered') return 'ok'
  if (s === 'queued' || s === 'generating') return 'busy'
  return s === 'delivery_failed' ? 'warn' : 'bad'
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
