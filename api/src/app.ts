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
import { analyticsHttp } from './analytics-http.ts'
import { breakdownRoutes } from './routes/breakdown.ts'
import { cooccurrenceRoutes } from './routes/cooccurrence.ts'
import { rankingsRoutes } from './routes/rankings.ts'
import { salariesRoutes } from './routes/salaries.ts'
import { healthRoutes } from './routes/health.ts'
import { skillProfileRoutes } from './routes/skill-profile.ts'

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono()
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }))
  app.onError(errorHandler(deps.log))
  app.get('/healthz', (c) => c.json({ ok: true }))
  for (const path of ['trends', 'rankings', 'rising', 'salaries', 'cooccurrence', 'breakdown', 'skills/*'])
    app.use(`/api/v1/${path}`, analyticsHttp())
  app.route('/api/v1/trends', trendsRoutes(deps))
  app.route('/api/v1/rankings', rankingsRoutes(deps, 'rank'))
  app.route('/api/v1/rising', rankingsRoutes(deps, 'change'))
  app.route('/api/v1/salaries', salariesRoutes(deps))
  app.route('/api/v1/cooccurrence', cooccurrenceRoutes(deps))
  app.route('/api/v1/breakdown', breakdownRoutes(deps))
  app.route('/api/v1/skills', skillProfileRoutes(deps))
  app.route('/api/v1/health', healthRoutes(deps))
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
