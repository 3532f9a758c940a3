// /api/v1/reports/{id}/runs…: a report's runs (listed with status), generating one now, downloading
// a run's files again (the bytes stored when it ran, so the same numbers), resending a delivery and
// a run's share link (created, revoked). Same access as the definitions (a `reports` key).
import { createRoute, z } from '@hono/zod-openapi'
import { newShareNonce } from '@stackradar/core/access'
import { lastCompletePeriod, periodOfLabel, queueRun, shareUrl } from '@stackradar/core/report-runs'
import {
  REPORT_FORMATS,
  ReportRun,
  ReportRunListResponse,
  RunNowInput,
  ShareLinkResponse,
} from '@stackradar/core/contracts/api'
import { reportDefinitions, reportRuns, type StoredRun } from '@stackradar/core/tables'
import type { ApiDeps } from '../deps.ts'
import { ApiError, badParam } from '../errors.ts'
import { createRouter, ok } from '../router.ts'
import { noSuchReport, notFound, ReportIdParams, reportErrors as errors } from './reports.ts'

const RunParams = ReportIdParams.extend({
  runId: z
    .string()
    .regex(/^run_[a-z0-9_-]{4,80}$/, 'a run id such as run_1a2b3c4d')
    .openapi({ param: { name: 'runId', in: 'path' } }),
})
const FileParams = RunParams.extend({
  format: z.enum(REPORT_FORMATS).openapi({ param: { name: 'format', in: 'path' } }),
})
const accepted = (description: string) => ({
  202: { content: { 'application/json': { schema: ReportRun } }, description },
})
const fileResponse = {
  200: {
    description: 'the file as stored when the run was generated',
    content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
  },
}

const runs = createRoute({
  method: 'get',
  path: '/api/v1/reports/{id}/runs',
  summary: "A report's runs, newest first, with status, files and delivery log",
  request: { params: ReportIdParams },
  responses: { ...ok(ReportRunListResponse, 'the runs'), ...errors, ...notFound },
})
const runNow = createRoute({
  method: 'post',
  path: '/api/v1/reports/{id}/run',
  summary: 'Generate a run now (default: the last complete period), and deliver it unless deliver is false',
  request: { params: ReportIdParams, body: { content: { 'application/json': { schema: RunNowInput } } } },
  responses: { ...accepted('the run, queued'), ...errors, ...notFound },
})
const oneRun = createRoute({
  method: 'get',
  path: '/api/v1/reports/{id}/runs/{runId}',
  summary: 'One run',
  request: { params: RunParams },
  responses: { ...ok(ReportRun, 'the run'), ...errors, ...notFound },
})
const file = createRoute({
  method: 'get',
  path: '/api/v1/reports/{id}/runs/{runId}/files/{format}',
  summary: "Download a run's file (html, pdf, csv, json) as generated",
  request: { params: FileParams },
  responses: { ...fileResponse, ...errors, ...notFound },
})
const resend = createRoute({
  method: 'post',
  path: '/api/v1/reports/{id}/runs/{runId}/resend',
  summary: "Deliver a generated run again to the report's recipients and webhook",
  request: { params: RunParams },
  responses: { ...accepted('the run; the delivery is queued'), ...errors, ...notFound },
})
const share = createRoute({
  method: 'post',
  path: '/api/v1/reports/{id}/runs/{runId}/share',
  summary: 'A link to the run that works without a key (voids the earlier link of the run)',
  request: { params: RunParams },
  responses: { ...ok(ShareLinkResponse, 'the link'), ...errors, ...notFound },
})
const unshare = createRoute({
  method: 'delete',
  path: '/api/v1/reports/{id}/runs/{runId}/share',
  summary: "Revoke the run's share link",
  request: { params: RunParams },
  responses: { 204: { description: 'revoked' }, ...errors, ...notFound },
})

/** A downloadable file response with its stored bytes. */
export function fileAnswer(
  body: Buffer,
  meta: { name: string; contentType: string; sha256: string },
): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': meta.contentType,
      'Content-Disposition': `attachment; filename="${meta.name.replace(/[^\w.-]/g, '_')}"`,
      ETag: `"${meta.sha256}"`,
      'Cache-Control': 'private, max-age=0',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

export function reportRunsRoutes(deps: ApiDeps) {
  async function runOf(id: string, runId: string): Promise<StoredRun> {
    const stored = await reportRuns.get(deps.ch, runId, deps.log)
    if (!stored || stored.run.reportId !== id)
      throw new ApiError(404, 'not_found', `no run ${runId} of report ${id}`)
    return stored
  }
  function shareConfig() {
    if (!deps.share) throw new ApiError(503, 'unavailable', 'share links are not set up on this server')
    return deps.share
  }

  return createRouter()
    .openapi(runs, async (c) => {
      const { id } = c.req.valid('param')
      const list = await reportRuns.list(deps.ch, id, 100, deps.log)
      if (list.length === 0 && !(await reportDefinitions.get(deps.ch, id))) throw noSuchReport(id)
      return c.json({ runs: list.map((s) => s.run) }, 200)
    })
    .openapi(runNow, async (c) => {
      const { id } = c.req.valid('param')
      // The body is optional: without one, the last complete period, delivered.
      const input = RunNowInput.parse(c.req.valid('json') ?? {})
      if (input.period && !periodOfLabel(input.period))
        throw badParam('period', `${input.period} is not a week or month of the calendar`)
      const def = await reportDefinitions.get(deps.ch, id, deps.log)
      if (!def) throw noSuchReport(id)
      const period = input.period ?? lastCompletePeriod(def.cadence.kind, new Date(), def.cadence.timeZone)
      const run = await queueRun(deps, def, { period, trigger: 'manual', deliver: input.deliver })
      return c.json(run, 202)
    })
    .openapi(oneRun, async (c) => {
      const { id, runId } = c.req.valid('param')
      return c.json((await runOf(id, runId)).run, 200)
    })
    .openapi(file, async (c) => {
      const { id, runId, format } = c.req.valid('param')
      const { run } = await runOf(id, runId)
      const meta = run.files.find((f) => f.format === format)
      const body = meta ? await reportRuns.getFile(deps.ch, runId, format) : null
      if (!meta || !body)
        throw new ApiError(404, 'not_found', `run ${runId} has no ${format} file (status ${run.status})`)
      return fileAnswer(body, meta)
    })
    .openapi(resend, async (c) => {
      const { id, runId } = c.req.valid('param')
      const { run } = await runOf(id, runId)
      if (run.files.length === 0)
        throw new ApiError(409, 'conflict', `run ${runId} has no files to deliver (status ${run.status})`)
      await deps.queue.enqueue(
        'report',
        { kind: 'deliver', runId },
        { jobId: `deliver-${runId}-${Date.now()}` },
      )
      return c.json(run, 202)
    })
    .openapi(share, async (c) => {
      const { id, runId } = c.req.valid('param')
      const cfg = shareConfig()
      const stored = await runOf(id, runId)
      const shareNonce = newShareNonce()
      await reportRuns.put(deps.ch, { ...stored, shareNonce })
      const url = shareUrl(cfg, runId, shareNonce)
      return c.json({ url, token: url.slice(url.lastIndexOf('/') + 1) }, 200)
    })
    .openapi(unshare, async (c) => {
      const { id, runId } = c.req.valid('param')
      const stored = await runOf(id, runId)
      await reportRuns.put(deps.ch, { ...stored, shareNonce: '' })
      return c.body(null, 204)
    })
}
