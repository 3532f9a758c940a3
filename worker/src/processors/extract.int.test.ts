// Re-extraction on a real embedded ClickHouse: raising the extractor version re-extracts stored
// raw ads, and the charts switch to the new version's skills without counting any ad twice.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryTrends } from '@stackradar/core/analytics'
import { BatchWriter, createClickHouse, type ClickHouseHandle, migrate } from '@stackradar/core/clickhouse'
import { parseConfig } from '@stackradar/core/config'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { extractAds } from './extract.ts'

let ch: ClickHouseHandle
let writer: BatchWriter
const cfg = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-reextract-')) })

function rawAd(id: string, html: string, fetchedAt: string) {
  return {
    ad_id: id,
    source: 'hn',
    source_id: id,
    thread_id: 't1',
    url: '',
    posted_at: '2026-03-02 10:00:00',
    date_source: 'absolute',
    payload_format: 'hn-html',
    payload: html,
    content_hash: '1',
    fetched_at: fetchedAt,
  }
}

beforeAll(async () => {
  ch = await createClickHouse(cfg)
  await migrate(ch.client)
  writer = new BatchWriter(ch.client, { maxRows: 1000, flushMs: 10 })
})
afterAll(async () => {
  await writer.close()
  await ch.close()
})

describe('re-extraction', () => {
  it('switches every ad to the new version without double counting', async () => {
    await ch.client.insert({
      table: 'raw_ads_v2',
      values: [
        rawAd('hn:1', 'Acme | Backend | Python and Go', '2026-03-02 10:00:00.000'),
        rawAd('hn:2', 'Beta | Python', '2026-03-02 10:00:00.000'),
      ],
      format: 'JSONEachRow',
    })
    const deps = {
      cfg,
      ch: ch.client,
      queue: new InProcessQueue(),
      writer,
      log: logger('test'),
      sources: { allowPrivate: [], sources: [] },
    }
    await extractAds(deps, { adIds: ['hn:1', 'hn:2'] }, 1)
    const v1 = await queryTrends(ch.client, { skills: ['python', 'go'], interval: 'month' })
    expect(v1.map((p) => [p.skill, p.ads, p.total])).toEqual([
      ['go', 1, 2],
      ['python', 2, 2],
    ])

    // The stored ad's text changes (a corrected record), and a new extractor version runs.
    await ch.client.insert({
      table: 'raw_ads_v2',
      values: [rawAd('hn:2', 'Beta | Rust only', '2026-03-03 10:00:00.000')],
      format: 'JSONEachRow',
    })
    await extractAds(deps, { adIds: ['hn:1', 'hn:2'] }, 2)
    const v2 = await queryTrends(ch.client, { skills: ['python', 'go', 'rust'], interval: 'month' })
    expect(v2.map((p) => [p.skill, p.ads, p.total])).toEqual([
      ['go', 1, 2],
      ['python', 1, 2],
      ['rust', 1, 2],
    ])

    // Running the same version again changes nothing.
    await extractAds(deps, { adIds: ['hn:1', 'hn:2'] }, 2)
    expect(await queryTrends(ch.client, { skills: ['python', 'go', 'rust'], interval: 'month' })).toEqual(v2)
  })

  it('records a payload that does not decode as an error with its reason, never an empty ad', async () => {
    const board = (id: string, payload: string) => ({
      ...rawAd(id, '', '2026-03-02 10:00:00.000'),
      source: 'acme',
      payload_format: 'board-json',
      payload,
    })
    const good = JSON.stringify({
      ad: {
        title: 'Go developer',
        company: 'Acme',
        location: null,
        text: 'Go and Kafka',
        salaryText: null,
        salary: null,
      },
      raw: {},
    })
    await ch.client.insert({
      table: 'raw_ads_v2',
      values: [
        board('acme:good', good),
        board('acme:not-json', '{"ad": {"title": '),
        board('acme:no-text', JSON.stringify({ ad: { title: 'x' }, raw: {} })),
      ],
      format: 'JSONEachRow',
    })
    const deps = {
      cfg,
      ch: ch.client,
      queue: new InProcessQueue(),
      writer,
      log: logger('test'),
      sources: { allowPrivate: [], sources: [] },
    }
    const run = await extractAds(deps, { adIds: ['acme:good', 'acme:not-json', 'acme:no-text'] }, 1)
    expect(run.extracted).toBe(1)
    expect(run.failed.map((f) => f.adId)).toEqual(['acme:no-text', 'acme:not-json'].sort())
    const reasons = Object.fromEntries(run.failed.map((f) => [f.adId, f.reason]))
    expect(reasons['acme:not-json']).toMatch(/^board-json payload is not JSON: /)
    expect(reasons['acme:no-text']).toMatch(/^board-json payload: ad\.text: /)
    const stored = await ch.client.query({
      query: "SELECT ad_id FROM ads FINAL WHERE source = 'acme' ORDER BY ad_id",
      format: 'JSONEachRow',
    })
    expect((await stored.json<{ ad_id: string }>()).map((r) => r.ad_id)).toEqual(['acme:good'])
  })
})
