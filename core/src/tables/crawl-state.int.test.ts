// crawl_state on a real embedded ClickHouse (chDB): threads recorded in crawl_tasks before the
// table existed are carried over by its migration, and `due` picks what the scheduler queues.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BatchWriter } from '../clickhouse/batch-writer.ts'
import { createClickHouse, type ClickHouseHandle } from '../clickhouse/client.ts'
import { loadMigrations, migrate } from '../clickhouse/migrate.ts'
import { crawlState, type UnitState } from './crawl-state.ts'

let ch: ClickHouseHandle

beforeAll(async () => {
  ch = await createClickHouse({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-crawl-state-')),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
})
afterAll(async () => ch?.close())

const day = 86_400_000

describe('crawl_state', () => {
  it('carries the threads of crawl_tasks over when it is created', async () => {
    const all = loadMigrations()
    await migrate(
      ch.client,
      undefined,
      all.filter((m) => m.version < 5),
    )
    const recent = new Date(Date.now() - 10 * day).toISOString().slice(0, 19).replace('T', ' ')
    const task = (ref: string, status: string, created: string, failures = 0) => ({
      task_id: `hn-thread-${ref}`,
      source: 'hn',
      ref,
      label: created.slice(0, 7),
      status,
      pages: 2,
      items: 40,
      error: status === 'failed' ? 'HTTP 404' : '',
      failures,
      ref_created_at: created,
      updated_at: '2026-01-01 00:00:00.000',
    })
    await ch.client.insert({
      table: 'crawl_tasks',
      format: 'JSONEachRow',
      values: [
        task('1', 'done', '2018-01-01 15:00:00'),
        task('2', 'done', recent),
        task('3', 'failed', '2018-02-01 15:00:00', 3),
        task('4', 'pending', '2018-03-01 15:00:00'),
      ],
    })
    expect(
      await migrate(
        ch.client,
        undefined,
        all.filter((m) => m.version <= 5),
      ),
    ).toEqual([5])
    const units = await crawlState.ofSource(ch.client, 'hn')
    expect(
      units.map((u) => [u.unit, u.status, u.pages, u.expected, u.stored, u.attempts, u.nextRunAt !== null]),
    ).toEqual([
      ['1', 'done', 2, 40, 40, 0, false], // an old finished thread is never read again
      ['3', 'failed', 2, 40, 40, 3, true],
      ['4', 'pending', 2, 40, 40, 0, true],
      ['2', 'done', 2, 40, 40, 0, true], // a young one is revisited
    ])
    expect(units.find((u) => u.unit === '3')!.error).toBe('HTTP 404')
  })

  it('is due when its next run has come, and unfinished units on a restart', async () => {
    const writer = new BatchWriter(ch.client, { maxRows: 100, flushMs: 10 })
    const now = new Date()
    const unit = (key: string, status: UnitState['status'], nextRunAt: Date | null): UnitState => ({
      source: 'board-x',
      kind: 'greenhouse',
      unit: key,
      label: key,
      unitCreatedAt: new Date('2026-01-01T00:00:00Z'),
      status,
      pages: 0,
      pagesFailed: 0,
      expected: 0,
      stored: 0,
      error: '',
      errorAt: null,
      attempts: 0,
      nextRunAt,
      lastSuccessAt: null,
    })
    await Promise.all([
      crawlState.write(writer, unit('past', 'done', new Date(now.getTime() - 1000))),
      crawlState.write(writer, unit('future', 'failed', new Date(now.getTime() + 60_000))),
      crawlState.write(writer, unit('leased', 'pending', new Date(now.getTime() + 60_000))),
      crawlState.write(writer, unit('never', 'done', null)),
    ])
    await writer.close()
    const due = async (unfinished: boolean) =>
      (await crawlState.due(ch.client, now, { unfinished }))
        .filter((u) => u.source === 'board-x')
        .map((u) => u.unit)
    expect(await due(false)).toEqual(['past'])
    expect((await due(true)).sort()).toEqual(['leased', 'past'])
    const health = (await crawlState.bySource(ch.client)).get('board-x')
    expect(health).toMatchObject({ total: 4, done: 2, failed: 1, pending: 1 })
    expect(health!.nextRetryAt).toBe(new Date(now.getTime() + 60_000).toISOString())
  })
})
