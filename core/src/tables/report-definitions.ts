// Table report_definitions: agency report definitions as JSON, validated by the contract on the way
// in and out (a row that no longer parses is skipped with a logged reason, never served half-read).
// Written by the reports API and CLI, read by them and by the scheduler.
import type { ClickHouseClient } from '@clickhouse/client'
import { ReportDefinition } from '../contracts/api/reports.ts'
import { toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import type { Logger } from '../logger.ts'
import { rowVersion } from './row-version.ts'

export interface ReportDefinitionRow {
  id: string
  definition: string
  deleted: number
  created_at: string
  updated_at: string
  version: string
}

function parse(row: { id: string; definition: string }, log?: Logger): ReportDefinition | null {
  try {
    return ReportDefinition.parse(JSON.parse(row.definition))
  } catch (err) {
    log?.warn(
      { reportId: row.id, err: (err as Error).message },
      'stored report definition does not parse; skipped',
    )
    return null
  }
}

async function write(ch: ClickHouseClient, def: ReportDefinition, deleted: boolean): Promise<void> {
  const row: ReportDefinitionRow = {
    id: def.id,
    definition: JSON.stringify(ReportDefinition.parse(def)),
    deleted: deleted ? 1 : 0,
    created_at: toDateTime64(new Date(def.createdAt)),
    updated_at: toDateTime64(new Date(def.updatedAt)),
    version: rowVersion(),
  }
  await ch.insert({ table: 'report_definitions', values: [row], format: 'JSONEachRow' })
}

export const reportDefinitions = {
  /** Insert or replace (stored at once: the next read sees it). */
  put: (ch: ClickHouseClient, def: ReportDefinition) => write(ch, def, false),

  async get(ch: ClickHouseClient, id: string, log?: Logger): Promise<ReportDefinition | null> {
    const rows = await queryRows<{ id: string; definition: string }>(
      ch,
      'SELECT id, definition FROM report_definitions FINAL WHERE id = {id:String} AND deleted = 0 LIMIT 1',
      { id },
    )
    return rows[0] ? parse(rows[0], log) : null
  },

  async list(ch: ClickHouseClient, log?: Logger): Promise<ReportDefinition[]> {
    const rows = await queryRows<{ id: string; definition: string }>(
      ch,
      'SELECT id, definition FROM report_definitions FINAL WHERE deleted = 0 ORDER BY created_at, id',
    )
    return rows.map((r) => parse(r, log)).filter((d): d is ReportDefinition => d !== null)
  },

  /** Mark deleted (its runs stay readable by id); false when there is no such report. */
  async remove(ch: ClickHouseClient, id: string): Promise<boolean> {
    const def = await reportDefinitions.get(ch, id)
    if (!def) return false
    await write(ch, { ...def, updatedAt: new Date().toISOString() }, true)
    return true
  },
}
