// /api/v1/shared/{token}: a report run reached by its signed share link, without an API key. The
// token is checked against the run's current nonce (middleware/api-key.ts leaves these paths
// open), so a revoked or replaced link answers 404 like a token that never existed.
import { createRoute, z } from '@hono/zod-openapi'
import { shareTokenRunId, verifyShareToken } from '@stackradar/core/access'
import { ErrorBody, REPORT_FORMATS, SharedRunResponse } from '@stackradar/core/contracts/api'
import { reportRuns, type StoredRun } from '@stackradar/core/tables'
import type { ApiDeps } from '../deps.ts'
import { ApiError } from '../errors.ts'
import { createRouter, ok } from '../router.ts'
import { fileAnswer } from './report-runs.ts'

const TokenParams = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
})
const gone = {
  404: { content: { 'application/json': { schema: ErrorBody } }, description: 'no such link, or revoked' },
}

const shared = createRoute({
  method: 'get',
  path: '/api/v1/shared/{token}',
  summary: 'A shared report run: its name, period and file links (no key needed)',
  request: { params: TokenParams },
  responses: { ...ok(SharedRunResponse, 'the run'), ...gone },
})
const sharedFile = createRoute({
  method: 'get',
  path: '/api/v1/shared/{token}/{format}',
  summary: "A shared run's file",
  request: {
    params: TokenParams.extend({
      format: z.enum(REPORT_FORMATS).openapi({ param: { name: 'format', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'the file',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...gone,
  },
})

const noLink = () => new ApiError(404, 'not_found', 'no such share link (it may have been revoked)')

export function sharedRoutes(deps: ApiDeps) {
  async function runOf(token: string): Promise<StoredRun> {
    const runId = shareTokenRunId(token)
    if (!runId || !deps.share) throw noLink()
    const stored = await reportRuns.get(deps.ch, runId, deps.log)
    if (!stored || !verifyShareToken(deps.share.secret, token, stored.shareNonce)) throw noLink()
    return stored
  }
  return createRouter()
    .openapi(shared, async (c) => {
      const { token } = c.req.valid('param')
      const { run } = await runOf(token)
      const body: SharedRunResponse = {
        name: run.definition.name,
        audience: run.definition.audience,
        period: run.period,
        comparePeriod: run.comparePeriod,
        createdAt: run.createdAt,
        files: run.files.map((f) => ({
          format: f.format,
          name: f.name,
          contentType: f.contentType,
          bytes: f.bytes,
          url: `/api/v1/shared/${token}/${f.format}`,
        })),
      }
      return c.json(body, 200)
    })
    .openapi(sharedFile, async (c) => {
      const { token, format } = c.req.valid('param')
      const { run } = await runOf(token)
      const meta = run.files.find((f) => f.format === format)
      const body = meta ? await reportRuns.getFile(deps.ch, run.id, format) : null
      if (!meta || !body) throw new ApiError(404, 'not_found', `this run has no ${format} file`)
      return fileAnswer(body, meta)
    })
}
