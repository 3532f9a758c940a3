// The dashboard's SPA fallback serves index.html as it is on disk now: a rebuild while the server
// runs (new hashed chunks) is picked up without a restart, and a missing index.html mid-rebuild
// gets a clear 503 instead of a crash. API paths never fall back to it.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenAPIHono } from '@hono/zod-openapi'
import { afterEach, describe, expect, it } from 'vitest'
import { mountDashboard } from './static.ts'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

const page = (chunk: string) =>
  `<!doctype html><script type="module" src="/_app/immutable/${chunk}.js"></script>`

describe('mountDashboard', () => {
  it('serves the index.html on disk now to SPA routes, not the one it started with', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stackradar-static-'))
    const index = join(dir, 'index.html')
    writeFileSync(index, page('start-a1'))
    const app = new OpenAPIHono()
    expect(mountDashboard(app, dir)).toBe(true)

    const first = await app.request('/market?region=europe')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-cache')
    expect(await first.text()).toContain('start-a1')

    // A rebuild writes new chunk names (its mtime set apart, as file systems with coarse times may
    // give the same one twice).
    writeFileSync(index, page('start-b2'))
    utimesSync(index, new Date(), new Date(Date.now() + 5_000))
    expect(await (await app.request('/skills/python')).text()).toContain('start-b2')

    rmSync(index)
    const missing = await app.request('/trends')
    expect(missing.status).toBe(503)
    expect(await missing.text()).toMatch(/being rebuilt/)

    expect((await app.request('/api/v1/nope')).status).toBe(404)
  })

  it('does not mount a folder without index.html', () => {
    dir = mkdtempSync(join(tmpdir(), 'stackradar-static-'))
    expect(mountDashboard(new OpenAPIHono(), dir)).toBe(false)
  })
})
