import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SkillsResponse, SourcesResponse, StatusResponse } from '@stackradar/core/contracts/api'
import { createTestApp, type TestApp } from './test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('createApp', () => {
  it('answers skills, status and sources in their contract shapes', async () => {
    const skills = await t.get('/api/v1/skills')
    expect(SkillsResponse.parse(skills.body).skills.length).toBeGreaterThan(400)
    const status = await t.get('/api/v1/status')
    expect(StatusResponse.parse(status.body)).toMatchObject({
      mode: 'embedded',
      ads: { raw: 0, extracted: 0 },
    })
    const sources = await t.get('/api/v1/sources')
    expect(SourcesResponse.parse(sources.body).sources.map((s) => s.id)).toEqual(['hn'])
  })

  it.each([
    ['POST', '/api/v1/trends'],
    ['DELETE', '/api/v1/skills'],
    ['PUT', '/api/v1/status/'],
  ])('answers %s %s with 405, a JSON body and Allow', async (method, path) => {
    const { status, headers, body } = await t.get(path, { method })
    expect(status).toBe(405)
    expect(headers.get('allow')).toBe('GET, HEAD')
    expect(body).toMatchObject({ error: { code: 'method_not_allowed' } })
  })

  it('answers unknown API routes with a JSON 404, whatever the method', async () => {
    for (const method of ['GET', 'POST']) {
      const { status, body } = await t.get('/api/v1/nope', { method })
      expect(status).toBe(404)
      expect(body).toMatchObject({ error: { code: 'not_found' } })
    }
  })

  it('generates the OpenAPI document from the route contracts', async () => {
    const { status, body } = await t.get('/api/openapi.json')
    expect(status).toBe(200)
    const doc = body as {
      openapi: string
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[]; responses: object } }>
      components: { schemas: Record<string, unknown> }
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        ...['/api/v1/ads', '/api/v1/skills', '/api/v1/sources', '/api/v1/status', '/api/v1/trends'],
        ...['/api/v1/rankings', '/api/v1/rising', '/api/v1/salaries', '/api/v1/cooccurrence'],
        ...['/api/v1/breakdown', '/api/v1/skills/{id}', '/api/v1/health', '/api/v1/coverage'],
        ...[
          '/api/v1/reports',
          '/api/v1/reports/{id}',
          '/api/v1/reports/{id}/runs',
          '/api/v1/reports/{id}/run',
        ],
        ...['/api/v1/reports/{id}/runs/{runId}', '/api/v1/reports/{id}/runs/{runId}/files/{format}'],
        ...['/api/v1/reports/{id}/runs/{runId}/resend', '/api/v1/reports/{id}/runs/{runId}/share'],
        ...['/api/v1/shared/{token}', '/api/v1/shared/{token}/{format}'],
      ].sort(),
    )
    const trends = doc.paths['/api/v1/trends']!.get!
    expect(trends.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
      [
        ...['query:from', 'query:interval', 'query:skills', 'query:source', 'query:to', 'query:categories'],
        ...['query:rolling', 'query:format', 'query:category', 'query:country', 'query:region'],
        ...[
          'query:work_mode',
          'query:seniority',
          'query:industry',
          'query:role_family',
          'query:employment_type',
        ],
      ].sort(),
    )
    expect(Object.keys(trends.responses).sort()).toEqual(['200', '304', '400'])
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'TrendsResponse', 'SourceHealthRow', 'StatusResponse']),
    )
  })

  it('serves the interactive reference and its assets locally (no CDN)', async () => {
    const page = await t.get('/api/docs')
    expect(page.status).toBe(200)
    const html = page.body as string
    expect(html).not.toMatch(/https?:\/\//)
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBe(3)
    for (const asset of assets) {
      const res = await t.app.request(asset)
      expect(res.status, asset).toBe(200)
      expect((await res.text()).length, asset).toBeGreaterThan(20)
    }
    expect((await t.get('/api/docs/package.json')).status).toBe(404)
  })
})
