// /api/v1/reports: agency report definitions, create / list / read / update / delete (a `reports`
// key unless API_REPORTS_PUBLIC; see middleware/api-key.ts). Runs are in report-runs.ts.
import { createRoute, z } from '@hono/zod-openapi'
import { nextSlot, createReport, updateReport } from '@stackradar/core/report-runs'
import {
  ErrorBody,
  ReportDefinition,
  ReportDefinitionInput,
  ReportDefinitionUpdate,
  ReportListResponse,
} from '@stackradar/core/contracts/api'
import { reportDefinitions, reportRuns } from '@stackradar/core/tables'
import type { ApiDeps } from '../deps.ts'
import { ApiError } from '../errors.ts'
import { badRequest, createRouter, ok } from '../router.ts'

export const ReportIdParams = z.object({
  id: z
    .string()
    .regex(/^rep_[a-z0-9]{8,40}$/, 'a report id such as rep_1a2b3c4d5e6f')
    .openapi({ param: { name: 'id', in: 'path' } }),
})

const errors = {
  ...badRequest,
  401: {
    content: { 'application/json': { schema: ErrorBody } },
    description: 'no API key, or an unknown or revoked one',
  },
  403: {
    content: { 'application/json': { schema: ErrorBody } },
    description: 'the API key lacks the reports scope',
  },
}
export const notFound = {
  404: { content: { 'application/json': { schema: ErrorBody } }, description: 'no such report' },
}
export const reportErrors = errors

const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

const list = createRoute({
  method: 'get',
  path: '/api/v1/reports',
  summary: 'Report definitions, each with its last run and next scheduled generation',
  responses: { ...ok(ReportListResponse, 'every report, oldest first'), ...errors },
})
const create = createRoute({
  method: 'post',
  path: '/api/v1/reports',
  summary: 'Define a report',
  request: jsonBody(ReportDefinitionInput),
  responses: {
    201: {
      content: { 'application/json': { schema: ReportDefinition } },
      description: 'the report as stored',
    },
    ...errors,
  },
})
const read = createRoute({
  method: 'get',
  path: '/api/v1/reports/{id}',
  summary: 'One report definition',
  request: { params: ReportIdParams },
  responses: { ...ok(ReportDefinition, 'the report'), ...errors, ...notFound },
})
const update = createRoute({
  method: 'patch',
  path: '/api/v1/reports/{id}',
  summary: 'Change fields of a report (absent fields keep their value)',
  request: { params: ReportIdParams, ...jsonBody(ReportDefinitionUpdate) },
  responses: { ...ok(ReportDefinition, 'the report as stored'), ...errors, ...notFound },
})
const remove = createRoute({
  method: 'delete',
  path: '/api/v1/reports/{id}',
  summary: 'Delete a report (its runs stay readable by id; it is no longer scheduled)',
  request: { params: ReportIdParams },
  responses: { 204: { description: 'deleted' }, ...errors, ...notFound },
})

export const noSuchReport = (id: string) => new ApiError(404, 'not_found', `no report ${id}`)

export function reportsRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const now = new Date()
      const defs = await reportDefinitions.list(deps.ch, deps.log)
      const reports = await Promise.all(
        defs.map(async (def) => {
          const [last] = await reportRuns.list(deps.ch, def.id, 1, deps.log)
          return {
            ...def,
            lastRun: last
              ? {
                  id: last.run.id,
                  status: last.run.status,
                  period: last.run.period,
                  createdAt: last.run.createdAt,
                }
              : null,
            nextRunAt: def.enabled ? nextSlot(def.cadence, now).toISOString() : null,
          }
        }),
      )
      return c.json({ reports }, 200)
    })
    .openapi(create, async (c) => c.json(await createReport(deps.ch, c.req.valid('json')), 201))
    .openapi(read, async (c) => {
      const { id } = c.req.valid('param')
      const def = await reportDefinitions.get(deps.ch, id, deps.log)
      if (!def) throw noSuchReport(id)
      return c.json(def, 200)
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param')
      const def = await updateReport(deps.ch, id, c.req.valid('json'))
      if (!def) throw noSuchReport(id)
      return c.json(def, 200)
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await reportDefinitions.remove(deps.ch, id))) throw noSuchReport(id)
      return c.body(null, 204)
    })
}
