// createApp(): the Hono app used by the server and by tests (app.request()).
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { ApiError, errorHandler } from './errors.ts'
import type { ApiDeps } from './deps.ts'
import { skillsRoutes } from './routes/skills.ts'
import { adsRoutes } from './routes/ads.ts'
import { sourcesRoutes } from './routes/sources.ts'
import { statusRoutes } from './routes/status.ts'
import { trendsRoutes } from './routes/trends.ts'
import { mountDashboard } from './static.ts'
import { rateLimit } from './middleware/rate-limit.ts'
import { requestTimeout } from './middleware/request-timeout.ts'
import { answerCache } from './middleware/answer-cache.ts'
import { inFlightLimit } from './middleware/in-flight-limit.ts'
import { healthRoute } from './routes/health.ts'

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono()
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }))
  app.onError(errorHandler(deps.log))
  app.get('/healthz', healthRoute(deps))
  app.use('/api/*', rateLimit(deps))
  app.use('/api/*', requestTimeout(deps))
  app.use('/api/*', answerCache(deps))
  app.use('/api/*', inFlightLimit(deps))
  app.route('/api/v1/trends', trendsRoutes(deps))
  app.route('/api/v1/skills', skillsRoutes())
  app.route('/api/v1/status', statusRoutes(deps))
  app.route('/api/v1/sources', sourcesRoutes(deps))
  app.route('/api/v1/ads', adsRoutes(deps))
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'no such API route')
  })
  if (deps.dashboardDir && !mountDashboard(app, deps.dashboardDir)) {
    deps.log.warn({ dir: deps.dashboardDir }, 'dashboard not built; serving the API only (npm run build)')
  }
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'not found' } }, 404))
  return app
}
