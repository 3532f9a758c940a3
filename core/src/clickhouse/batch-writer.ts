// One batched writer per process: rows for each table are buffered and inserted together,
// flushed when that table's buffer reaches `maxRows` (that table alone), every `flushMs`, and on
// close. Different tables' batches are inserted at the same time, each table's in arrival order.
// `insert()` resolves only once its rows are stored, so a job that awaits it is never acknowledged
// before its data is durable; a failed flush rejects the waiting callers (their jobs are retried).
// While ClickHouse is unreachable a flush keeps its rows and retries with backoff for up to
// `outageMs` (a server restart, a network blip) instead of failing every job at once.
import type { ClickHouseClient } from '@clickhouse/client'
import { ConnectionStateLog, isConnectionError } from '../dependency.ts'
import type { Logger } from '../logger.ts'
import type { RowOf, TableName } from '../tables/table-rows.ts'

/** What the table modules need to write: rows checked against their table's row type. */
export interface TableWriter {
  insert<T extends TableName>(table: T, rows: RowOf<T>[]): Promise<void>
}

interface Pending {
  rows: unknown[]
  waiters: { resolve: () => void; reject: (err: Error) => void }[]
}

export interface BatchWriterOptions {
  maxRows: number
  flushMs: number
  log?: Logger
  /** How long a flush keeps retrying while ClickHouse is unreachable (default 120 s). */
  outageMs?: number
}

export class BatchWriter implements TableWriter {
  private readonly buffers = new Map<TableName, Pending>()
  private timer: NodeJS.Timeout | undefined
  /** Per table, its last flush: a table's batches go in arrival order, other tables' alongside. */
  private readonly chains = new Map<TableName, Promise<void>>()
  private closed = false
  /** Rows stored so far, per table (for progress and benchmarks). */
  readonly written = new Map<string, number>()

  private readonly state: ConnectionStateLog

  constructor(
    private readonly client: ClickHouseClient,
    private readonly opts: BatchWriterOptions,
  ) {
    this.state = new ConnectionStateLog('clickhouse', opts.log)
  }

  insert<T extends TableName>(table: T, rows: RowOf<T>[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`BatchWriter is closed; cannot write to ${table}`))
    if (rows.length === 0) return Promise.resolve()
    let buf = this.buffers.get(table)
    if (!buf) this.buffers.set(table, (buf = { rows: [], waiters: [] }))
    for (const r of rows) buf.rows.push(r)
    const done = new Promise<void>((resolve, reject) => buf.waiters.push({ resolve, reject }))
    // A full buffer goes alone: the other tables keep filling theirs (fewer, larger parts to merge).
    if (buf.rows.length >= this.opts.maxRows) this.flushTable(table)
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs)
    return done
  }

  /**
   * Insert everything buffered now; resolves once every table's flushes so far have ended. A
   * table's batches are inserted one after another in arrival order (equal versions: the last
   * inserted row wins); different tables' at the same time, so one batch is encoded while another
   * is stored. Callers that need one table's rows before another's await their own inserts.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    for (const table of [...this.buffers.keys()]) this.flushTable(table)
    return Promise.all(this.chains.values()).then(() => undefined)
  }

  private flushTable(table: TableName): void {
    const batch = this.buffers.get(table)
    if (!batch) return
    this.buffers.delete(table)
    const previous = this.chains.get(table) ?? Promise.resolve()
    this.chains.set(
      table,
      previous.then(() => this.writeBatch(table, batch)),
    )
  }

  /** Never rejects: a failed batch rejects its callers (their jobs are retried). */
  private async writeBatch(table: TableName, { rows, waiters }: Pending): Promise<void> {
    try {
      await this.insertThroughOutage(table, rows)
      this.written.set(table, (this.written.get(table) ?? 0) + rows.length)
      for (const w of waiters) w.resolve()
    } catch (err) {
      this.opts.log?.error({ err, table, rows: rows.length }, 'batch insert failed; callers will retry')
      for (const w of waiters) w.reject(err as Error)
    }
  }

  private async insertThroughOutage(table: TableName, rows: unknown[]): Promise<void> {
    const giveUpAt = Date.now() + (this.opts.outageMs ?? 120_000)
    for (let attempt = 1; ; attempt++) {
      try {
        await insertRows(this.client, table, rows)
        this.state.markUp()
        return
      } catch (err) {
        if (!isConnectionError(err) || Date.now() >= giveUpAt) throw err
        this.state.markDown(err)
        const delay = Math.min(250 * 2 ** Math.min(attempt, 5), 5_000)
        await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, giveUpAt - Date.now()))))
      }
    }
  }

  /** Flush what is buffered and refuse further writes. */
  async close(): Promise<void> {
    this.closed = true
    await this.flush()
  }
}

/**
 * No replacing merge of each inserted block: every reader already copes with rows of one key from
 * different inserts (FINAL, argMax, distinct counts) until background merges collapse them, so
 * the insert-time pass only costs time (bench:api: 7–12% more ads/s at 300k).
 */
const INSERT_SETTINGS = { optimize_on_insert: 0 } as const

/**
 * Rows of one shape (the same keys) go as one JSONCompact document with the column list: the row
 * arrays under `data`, written by one JSON.stringify call (half the bytes to build and parse of
 * JSONEachRow, and bench:api ingests 10–30% more ads/s than with a JSONCompactEachRow line per
 * row, which the client encodes row by row). The column names in `meta` carry a placeholder type:
 * the engine parses each value as its column's type (input_format_json_validate_types_from_metadata
 * off). Rows whose keys differ (an optional column left out) go as JSONEachRow, so omitted columns
 * keep their DEFAULT expressions.
 */
async function insertRows(client: ClickHouseClient, table: TableName, rows: unknown[]): Promise<void> {
  const columns = sharedKeys(rows as Record<string, unknown>[])
  if (!columns) {
    await client.insert({ table, values: rows, format: 'JSONEachRow', clickhouse_settings: INSERT_SETTINGS })
    return
  }
  const data = rows.map(rowToArray(columns))
  await client.insert({
    table,
    values: { meta: columns.map((name) => ({ name, type: 'String' })), data },
    clickhouse_settings: { ...INSERT_SETTINGS, input_format_json_validate_types_from_metadata: 0 },
    columns: columns as [string, ...string[]],
    format: 'JSONCompact',
  })
}

const ROW_TO_ARRAY = new Map<string, (row: unknown) => unknown[]>()

/**
 * A function that lists a row's values in `columns`' order, made once per column list. Its
 * property reads are fixed names, which the engine inlines; a generic `columns.map((c) => r[c])`
 * is a lookup by a varying key per value: for 100k synthetic ads (their raw, ad and ~600k skill
 * rows) the generic mapping took ~350 ms of the writer's thread, this ~125 ms. The names are the
 * rows' own keys and are quoted by JSON.stringify, so no key can change the function's code.
 */
function rowToArray(columns: string[]): (row: unknown) => unknown[] {
  const key = columns.join('\0')
  let fn = ROW_TO_ARRAY.get(key)
  if (!fn) {
    const reads = columns.map((c) => `r[${JSON.stringify(c)}]`).join(', ')
    fn = new Function('r', `return [${reads}]`) as (row: unknown) => unknown[]
    ROW_TO_ARRAY.set(key, fn)
  }
  return fn
}

/**
 * The keys every row has, when all rows have exactly the same keys (undefined otherwise). Counted
 * with `for…in` rather than Object.keys, which would allocate an array per row.
 */
function sharedKeys(rows: Record<string, unknown>[]): string[] | undefined {
  const first = rows[0]
  if (!first) return undefined
  const keys = Object.keys(first)
  if (keys.length === 0) return undefined
  for (const r of rows) {
    let count = 0
    for (const k in r) {
      if (r[k] === undefined) return undefined
      count++
    }
    if (count !== keys.length) return undefined
    for (const k of keys) if (!(k in r)) return undefined
  }
  return keys
}
