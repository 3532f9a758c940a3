// Serves the built dashboard; unknown non-API paths fall back to index.html (SPA routing).
// Hashed assets under /_app/immutable are cached for a year, index.html never: not by browsers,
// and not by this process either, which reads it again when the file changes. A dashboard rebuilt
// while the server runs (`npm run build -w @stackradar/dashboard`) replaces the hashed chunks, and
// an index.html kept from startup named chunks that were gone: every page but / went blank.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { serveStatic } from '@hono/node-server/serve-static'

export function mountDashboard(app: OpenAPIHono, dir: string): boolean {
  const index = join(dir, 'index.html')
  if (!existsSync(index)) return false
  let kept = { mtimeMs: -1, html: '' }
  /** index.html as it is on disk now (read again when its mtime changes); null while it is missing. */
  const currentIndex = (): string | null => {
    try {
      const { mtimeMs } = statSync(index)
      if (mtimeMs !== kept.mtimeMs) kept = { mtimeMs, html: readFileSync(index, 'utf8') }
      return kept.html
    } catch {
      return null
    }
  }
  app.use('/_app/immutable/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('/*', serveStatic({ root: dir }))
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    c.header('Cache-Control', 'no-cache')
    const html = currentIndex()
    // Mid-rebuild (the build empties the folder first): a clear answer, not a crash or a blank page.
    if (html === null) return c.text('The dashboard is being rebuilt; reload in a moment.', 503)
    return c.html(html)
  })
  return true
}
