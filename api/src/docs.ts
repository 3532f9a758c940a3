// The API reference: /api/openapi.json generated from the route contracts, and /api/docs, an
// interactive reference (Swagger UI) served from the swagger-ui-dist package itself so it works
// offline and loads nothing from a CDN.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'

export const OPENAPI_PATH = '/api/openapi.json'
const DOCS_PATH = '/api/docs'

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>StackRadar API</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body></html>`

const INIT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_PATH)}, dom_id: '#docs' })`

export function mountApiDocs(app: OpenAPIHono): void {
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'StackRadar API',
      version: '1',
      description: 'Skill demand, risers and salaries from backend-developer job ads.',
    },
  })
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, string>()
  app.get(DOCS_PATH, (c) => c.html(PAGE))
  app.get(`${DOCS_PATH}/init.js`, (c) =>
    c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  )
  app.get(`${DOCS_PATH}/:asset`, (c) => {
    const asset = c.req.param('asset')
    const type = ASSETS[asset]
    if (!type) return c.notFound()
    let body = cache.get(asset)
    if (body === undefined) cache.set(asset, (body = readFileSync(join(dist, asset), 'utf8')))
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
