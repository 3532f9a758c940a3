// Rows encoded for an insert as they arrive at the batched writer, not when their batch is
// flushed. A batch then holds flat JSON text instead of the rows' object graphs: the objects die
// young (a batch waited seconds, so every row outlived two young-generation collections and was
// copied into the old generation, whose collections were a sixth to a quarter of the writer's
// thread in bench:api), and the encoding is spread over the batch's arrivals instead of
// stalling the thread at each flush.
//
// Rows of one shape (the same keys, no value undefined) are listed as arrays in one JSONCompact
// document with the column list (half the bytes of JSONEachRow); a call whose rows differ in
// shape (an optional column left out) goes as JSONEachRow lines, so omitted columns keep their
// DEFAULT expressions. Consecutive calls of the same shape share one group; a batch's groups are
// inserted in arrival order (ReplacingMergeTree keeps the last inserted of equal versions).
import { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ClickHouseClient } from '@clickhouse/client'

export interface EncodedGroup {
  /** The column list of a JSONCompact group; undefined for JSONEachRow. */
  columns: string[] | undefined
  /** Rows as JSON text: array rows joined by ',' (JSONCompact) or object lines ending '\n'. */
  pieces: string[]
  rows: number
}

/** Encoded rows of one call, ready to append to a batch. */
interface Encoded {
  columns: string[] | undefined
  text: string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Encodes `rows` and appends them to `groups` (the last group when it has the same shape). */
export function appendRows(groups: EncodedGroup[], rows: readonly unknown[]): void {
  const { columns, text } = encode(rows as Record<string, unknown>[])
  const last = groups.at(-1)
  if (last && sameColumns(last.columns, columns)) {
    last.pieces.push(text)
    last.rows += rows.length
  } else groups.push({ columns, pieces: [text], rows: rows.length })
}

function encode(rows: Record<string, unknown>[]): Encoded {
  const columns = sharedKeys(rows)
  if (!columns) return { columns, text: rows.map((r) => `${JSON.stringify(r)}\n`).join('') }
  // '[[…],[…]]' without its outer brackets: the rows of a `data` array.
  return { columns, text: JSON.stringify(rows.map(rowToArray(columns))).slice(1, -1) }
}

function sameColumns(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.length === b.length && a.every((c, i) => c === b[i])
}

/** Text handed to the engine at a time: pieces are joined up to about this many characters. */
const CHUNK_CHARS = 1 << 20

/** The group's insert body in chunks of about a megabyte (one write each, however small the calls). */
export function groupBody(group: EncodedGroup): string[] {
  const chunks: string[] = []
  let open: string[] = []
  let openChars = 0
  const separator = group.columns ? ',' : ''
  const push = (text: string) => {
    open.push(text)
    openChars += text.length
    if (openChars >= CHUNK_CHARS) {
      chunks.push(open.join(separator))
      open = []
      openChars = 0
    }
  }
  for (const piece of group.pieces) push(piece)
  if (open.length) chunks.push(open.join(separator))
  if (!group.columns) return chunks
  // The column names in `meta` carry a placeholder type: the engine parses each value as its
  // column's type (input_format_json_validate_types_from_metadata off).
  const meta = JSON.stringify(group.columns.map((name) => ({ name, type: 'String' })))
  // Chunks of one data array are separated by ',' (each holds whole rows), written on its own
  // rather than copying a chunk to prefix it.
  const body = [`{"meta":${meta},"data":[`]
  chunks.forEach((c, i) => (i ? body.push(',', c) : body.push(c)))
  body.push(']}')
  return body
}

/**
 * No replacing merge of each inserted block: every reader already copes with rows of one key from
 * different inserts (FINAL, argMax, distinct counts) until background merges collapse them, so
 * the insert-time pass only costs time (bench:api: 7–12% more ads/s at 300k).
 */
const INSERT_SETTINGS = { optimize_on_insert: 0 } as const

/**
 * Inserts one encoded group: the statement with its rows as the body (`exec` with values; the
 * embedded pool hands them to chDB as a file, a server reads the request body).
 */
export async function insertGroup(
  client: ClickHouseClient,
  table: string,
  group: EncodedGroup,
): Promise<void> {
  const cols = group.columns
  if (cols && !cols.every((c) => IDENTIFIER.test(c)))
    throw new Error(`insert into ${table}: column names must be plain identifiers`)
  const format = cols ? 'JSONCompact' : 'JSONEachRow'
  const result = await client.exec({
    query: `INSERT INTO ${table}${cols ? ` (${cols.join(', ')})` : ''} FORMAT ${format}`,
    values: Readable.from(groupBody(group)),
    clickhouse_settings: cols
      ? { ...INSERT_SETTINGS, input_format_json_validate_types_from_metadata: 0 }
      : INSERT_SETTINGS,
  })
  // An insert answers with an empty body; read it to the end so the connection is released.
  result.stream.resume()
  await finished(result.stream)
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
 * with `for…in` rather than Object.keys, which would allocate an array per row; rows made by one
 * piece of code list their keys in the same order, so each key is compared with the first row's
 * at its place, and only a row in another order has its keys looked up one by one.
 */
function sharedKeys(rows: Record<string, unknown>[]): string[] | undefined {
  const first = rows[0]
  if (!first) return undefined
  const keys = Object.keys(first)
  if (keys.length === 0) return undefined
  for (const r of rows) {
    let count = 0
    let inOrder = true
    for (const k in r) {
      if (r[k] === undefined) return undefined
      if (k !== keys[count]) inOrder = false
      count++
    }
    if (count !== keys.length) return undefined
    if (!inOrder) for (const k of keys) if (!(k in r)) return undefined
  }
  return keys
}
