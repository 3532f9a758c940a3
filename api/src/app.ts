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

export function createApp(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono()
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }))
  app.onError(errorHandler(deps.log))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/', trendsRoutes(deps))
  app.route('/', skillsRoutes())
  app.route('/', statusRoutes(deps))
  app.route('/', sourcesRoutes(deps))
  app.route('/', adsRoutes(deps))
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
