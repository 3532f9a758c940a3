// One batched writer per process: rows for each table are buffered (encoded as they arrive,
// encoded-rows.ts) and inserted together, flushed when that table's buffer reaches `maxRows`
// (that table alone), every `flushMs`, and on close. Different tables' batches are inserted at
// the same time, each table's in arrival order.
// `insert()` resolves only once its rows are stored, so a job that awaits it is never acknowledged
// before its data is durable; a failed flush rejects the waiting callers (their jobs are retried).
// While ClickHouse is unreachable a flush keeps its rows and retries with backoff for up to
// `outageMs` (a server restart, a network blip) instead of failing every job at once.
import type { ClickHouseClient } from '@clickhouse/client'
import { ConnectionStateLog, isConnectionError } from '../dependency.ts'
import type { Logger } from '../logger.ts'
import type { RowOf, TableName } from '../tables/table-rows.ts'
import { appendRows, insertGroup, type EncodedGroup } from './encoded-rows.ts'

/** What the table modules need to write: rows checked against their table's row type. */
export interface TableWriter {
  insert<T extends TableName>(table: T, rows: RowOf<T>[]): Promise<void>
}

interface Pending {
  /** The rows encoded on arrival (encoded-rows.ts), in arrival order. */
  groups: EncodedGroup[]
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
    if (!buf) this.buffers.set(table, (buf = { groups: [], waiters: [] }))
    try {
      appendRows(buf.groups, rows)
    } catch (err) {
      // A value JSON cannot hold (a BigInt, a cycle): this call's rows alone are refused.
      return Promise.reject(err as Error)
    }
    const done = new Promise<void>((resolve, reject) => buf.waiters.push({ resolve, reject }))
    // A full buffer goes alone: the other tables keep filling theirs (fewer, larger parts to merge).
    if (rowsIn(buf.groups) >= this.opts.maxRows) this.flushTable(table)
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
  private async writeBatch(table: TableName, { groups, waiters }: Pending): Promise<void> {
    const rows = rowsIn(groups)
    try {
      for (const group of groups) await this.insertThroughOutage(table, group)
      this.written.set(table, (this.written.get(table) ?? 0) + rows)
      for (const w of waiters) w.resolve()
    } catch (err) {
      this.opts.log?.error({ err, table, rows }, 'batch insert failed; callers will retry')
      for (const w of waiters) w.reject(err as Error)
    }
  }

  private async insertThroughOutage(table: TableName, group: EncodedGroup): Promise<void> {
    const giveUpAt = Date.now() + (this.opts.outageMs ?? 120_000)
    for (let attempt = 1; ; attempt++) {
      try {
        await insertGroup(this.client, table, group)
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

/** Rows held by a batch's groups. */
const rowsIn = (groups: readonly EncodedGroup[]): number => groups.reduce((n, g) => n + g.rows, 0)
