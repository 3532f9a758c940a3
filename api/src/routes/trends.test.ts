import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TrendsResponse } from '@stackradar/core/contracts/api'
import { createTestApp, type TestApp } from '../test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('GET /api/v1/trends', () => {
  it('answers the contract shape with the parsed selection', async () => {
    const { status, body } = await t.get('/api/v1/trends?skills=Go,%20python,go&from=2024-02&to=2024-03')
    expect(status).toBe(200)
    const parsed = TrendsResponse.parse(body)
    expect(parsed).toMatchObject({ interval: 'month', from: '2024-02-01', to: '2024-03-31' })
    expect(parsed.skills).toEqual(['go', 'python'])
  })

  it.each([
    ['skills=python&interval=fortnight', 'interval', /expected one of week, month, quarter, year/],
    ['skills=nosuchskill', 'skills', /unknown skill id 'nosuchskill'/],
    ['interval=month', 'skills', /required/],
    ['skills=', 'skills', /required/],
    ['skills=,,,', 'skills', /required/],
    ['skills=python&from=2026-13', 'from', /expected a month YYYY-MM/],
    ['skills=python&to=2026-02-30', 'to', /expected a month YYYY-MM/],
    ['skills=python&from=2024-05&to=2024-04', 'from', /must not be after to/],
    ["skills=python&source=x'%20OR%201=1", 'source', /unknown value 'x' OR 1=1'; allowed/],
    ['skills=python&categories=planets', 'categories', /unknown value 'planets'; allowed: language, runtime/],
    ['skills=python&rolling=0', 'rolling', /an integer from 1 to 24/],
    ['skills=python&skills=go', 'skills', /./],
  ])('rejects %s with 400 naming %s', async (query, param, message) => {
    const { status, body } = await t.get(`/api/v1/trends?${query}`)
    expect(status).toBe(400)
    expect(body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message), param } })
    expect((body as { error: { message: string } }).error.message.startsWith(`${param}: `)).toBe(true)
  })
})
