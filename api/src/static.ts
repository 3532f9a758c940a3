// Serves the built dashboard; unknown non-API paths fall back to index.html (SPA routing).
// Hashed assets under /_app/immutable are cached for a year, index.html never.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { serveStatic } from '@hono/node-server/serve-static'

export function mountDashboard(app: OpenAPIHono, dir: string): boolean {
  const index = join(dir, 'index.html')
  if (!existsSync(index)) return false
  const html = readFileSync(index, 'utf8')
  app.use('/_app/immutable/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('/*', serveStatic({ root: dir }))
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  })
  return true
}
