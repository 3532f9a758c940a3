import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdsResponse } from '@stackradar/core/contracts/api'
import { createTestApp, type TestApp } from '../test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('GET /api/v1/ads', () => {
  it('answers the contract shape', async () => {
    const { status, body } = await t.get('/api/v1/ads?skill=GO&limit=5')
    expect(status).toBe(200)
    expect(AdsResponse.parse(body)).toMatchObject({ skill: 'go', skills: ['go'], ads: [], nextCursor: null })
  })

  it('searches by filters alone when no skill is given', async () => {
    const { status, body } = await t.get('/api/v1/ads?work_mode=remote')
    expect(status).toBe(200)
    expect(AdsResponse.parse(body)).toMatchObject({ skill: null, skills: [], ads: [] })
  })

  it.each([
    ['skill=python&limit=1e2', 'limit'],
    ['skill=python&limit=0x10', 'limit'],
    ['skill=python&limit=%2B5', 'limit'],
    ['skill=python&limit=5.0', 'limit'],
    ['skill=python&limit=0', 'limit'],
    ['skill=python&limit=201', 'limit'],
    ['skill=nosuchskill', 'skill'],
    ['skills=go,nosuchskill', 'skills'],
    ['cursor=notacursor', 'cursor'],
    ['skill=python&from=yesterday', 'from'],
  ])('rejects ?%s with 400 naming %s', async (query, param) => {
    const { status, body } = await t.get(`/api/v1/ads?${query}`)
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { code: 'bad_request', param } })
  })
})
