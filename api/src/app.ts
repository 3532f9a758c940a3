// createApp(): the Hono app used by the server and by tests (app.request()). Each resource is a
// module under routes/ built from its core contract; this file only mounts them, in one place
// with the error path, the generated OpenAPI document and the fallbacks (405, 404).
import { OpenAPIHono } from '@hono/zod-openapi'
import { secureHeaders } from 'hono/secure-headers'
import { ApiError, errorHandler } from './errors.ts'
import type { ApiDeps } from './deps.ts'
import { mountApiDocs } from './docs.ts'
import { allowedMethods } from './methods.ts'
import { skillsRoutes } from './routes/skills.ts'
import { adsRoutes } from './routes/ads.ts'
import { sourcesRoutes } from './routes/sources.ts'
import { statusRoutes } from './routes/status.ts'
import { trendsRoutes } from './routes/trends.ts'
import { mountDashboard } from './static.ts'
import { keyRateLimit, rateLimit } from './middleware/rate-limit.ts'
import { apiKeyAccess } from './middleware/api-key.ts'
import { reportsRoutes } from './routes/reports.ts'
import { reportRunsRoutes } from './routes/report-runs.ts'
import { sharedRoutes } from './routes/shared.ts'
import { requestTimeout } from './middleware/request-timeout.ts'
import { answerCache } from './middleware/answer-cache.ts'
import { inFlightLimit } from './middleware/in-flight-limit.ts'
import { healthRoute } from './routes/healthz.ts'
import { analyticsHttp } from './analytics-http.ts'
import { breakdownRoutes } from './routes/breakdown.ts'
import { cooccurrenceRoutes } from './routes/cooccurrence.ts'
import { healthRoutes } from './routes/health.ts'
import { coverageRoutes } from './routes/coverage.ts'
import { rankingsRoutes } from './routes/rankings.ts'
import { salariesRoutes } from './routes/salaries.ts'
import { skillProfileRoutes } from './routes/skill-profile.ts'

const ANALYTICS_PATHS = [
  '/api/v1/trends',
  '/api/v1/rankings',
  '/api/v1/rising',
  '/api/v1/salaries',
  '/api/v1/cooccurrence',
  '/api/v1/breakdown',
  '/api/v1/skills',
  '/api/v1/skills/*',
  '/api/v1/ads',
  '/api/v1/coverage',
]

export function createApp(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono()
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }))
  app.onError(errorHandler(deps.log))
  app.get('/healthz', healthRoute(deps))
  app.use('/api/*', rateLimit(deps))
  app.use('/api/*', keyRateLimit(deps))
  // Before the answer cache: a cached answer is served only to a request allowed to see it.
  app.use('/api/*', apiKeyAccess(deps))
  app.use('/api/*', requestTimeout(deps))
  // Analytics answers: ETag / Cache-Control / 304 and br/gzip (health and status stay uncached).
  // Outside the answer cache, so a cached answer is compressed per client's Accept-Encoding.
  for (const path of ANALYTICS_PATHS) app.use(path, analyticsHttp())
  app.use('/api/*', answerCache(deps))
  app.use('/api/*', inFlightLimit(deps))
  app.route('/', trendsRoutes(deps))
  app.route('/', skillsRoutes(deps))
  app.route('/', statusRoutes(deps))
  app.route('/', sourcesRoutes(deps))
  app.route('/', adsRoutes(deps))
  app.route('/', rankingsRoutes(deps))
  app.route('/', salariesRoutes(deps))
  app.route('/', cooccurrenceRoutes(deps))
  app.route('/', breakdownRoutes(deps))
  app.route('/', skillProfileRoutes(deps))
  app.route('/', healthRoutes(deps))
  app.route('/', coverageRoutes(deps))
  app.route('/', reportsRoutes(deps))
  app.route('/', reportRunsRoutes(deps))
  app.route('/', sharedRoutes(deps))
  mountApiDocs(app)
  app.all('/api/*', (c) => {
    const allow = allowedMethods(app.routes, c.req.path)
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '))
      throw new ApiError(
        405,
        'method_not_allowed',
        `${c.req.method} is not allowed here; use ${allow.join(' or ')}`,
      )
    }
    throw new ApiError(404, 'not_found', 'no such API route')
  })
  if (deps.dashboardDir && !mountDashboard(app, deps.dashboardDir)) {
    deps.log.warn({ dir: deps.dashboardDir }, 'dashboard not built; serving the API only (npm run build)')
  }
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'not found' } }, 404))
  return app
}
