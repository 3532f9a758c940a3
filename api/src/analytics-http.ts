// Shared plumbing of the analytics routes: the query checked against its zod contract and the
// filter set against the allowed values (a 400 naming the parameter), the answer as JSON or as
// the same rows in CSV (`format=csv` or `Accept: text/csv`), and the HTTP caching layer (ETag,
// Cache-Control, 304 on If-None-Match, brotli / gzip).
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'
import { stringify } from 'csv-stringify/sync'
import type { z } from 'zod'
import { allowedValues, FilterError, parseFilters, parseList, type Filters } from '@stackradar/core/analytics'
import { ErrorBody } from '@stackradar/core/contracts/api'
import { FX_TABLE, getSkill } from '@stackradar/core/extract'
import { badParam } from './errors.ts'
import type { ApiDeps } from './deps.ts'

/** The filter set of the request, validated against the values the data and the extractor allow. */
export async function readFilters(c: Context, deps: ApiDeps): Promise<Filters> {
  const allowed = await allowedValues(
    deps.ch,
    deps.sources.map((s) => s.id),
  )
  return asBadParam(() => parseFilters(c.req.query(), allowed))
}

/** A comma-separated list parameter whose values must each be one of `allowed`. */
export function listParam(param: string, raw: string | undefined, allowed: readonly string[]): string[] {
  return asBadParam(() => parseList(param, raw, allowed))
}

/** Runs a core parser or query; its FilterError becomes the API's 400 naming the parameter. */
export function asBadParam<T>(fn: () => T): T {
  const translate = (err: unknown): never => {
    if (err instanceof FilterError) throw badParam(err.param, err.message.slice(err.param.length + 2))
    throw err
  }
  try {
    const out = fn()
    return (out instanceof Promise ? out.catch(translate) : out) as T
  } catch (err) {
    return translate(err)
  }
}

/** Every skill id must be in the taxonomy. */
export function checkSkills(param: string, ids: string[]): void {
  const bad = ids.find((id) => !getSkill(id))
  if (bad !== undefined) throw badParam(param, `unknown skill id '${bad.slice(0, 40)}' (see /api/v1/skills)`)
}

/** A currency of the dated rates table (upper-cased), default USD. */
export function checkCurrency(raw: string | undefined): string {
  const currency = (raw ?? 'USD').toUpperCase()
  if (!FX_TABLE.perUsd[currency])
    throw badParam('currency', `unknown currency; allowed: ${Object.keys(FX_TABLE.perUsd).join(', ')}`)
  return currency
}

/** The 200 answer of an analytics route: JSON by default, the same rows as CSV on request. */
export function okAnalytics<S extends z.ZodType>(schema: S, description: string) {
  return {
    200: {
      content: {
        'application/json': { schema },
        'text/csv': {
          schema: { type: 'string' as const, description: 'the rows as CSV with a header line' },
        },
      },
      description: `${description}. ETag + Cache-Control; If-None-Match → 304; br/gzip by Accept-Encoding.`,
    },
    304: { description: 'not modified (If-None-Match matched the ETag)' },
    400: {
      content: { 'application/json': { schema: ErrorBody } },
      description:
        'a parameter is missing, invalid or over a limit; `param` names it and the message lists what is allowed',
    },
  }
}

export function wantsCsv(c: Context): boolean {
  const format = c.req.query('format')
  if (format === 'csv') return true
  if (format === 'json') return false
  return /\btext\/csv\b/.test(c.req.header('Accept') ?? '')
}

type Cell = string | number | boolean | null | undefined | readonly unknown[] | object
/** A row of the CSV form: nested values are flattened to text (lists joined by "; "). */
function flat(row: Record<string, Cell>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join('; ') : v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null),
    ]),
  ) as Record<string, string | number | boolean | null>
}

/**
 * JSON `body`, or `rows` (the endpoint's table) as CSV with a header line. `columns` names the
 * header when there are no rows.
 */
export function answer(
  c: Context,
  body: unknown,
  rows: readonly object[],
  columns: readonly string[],
  name: string,
): Response {
  if (!wantsCsv(c)) return c.json(body as object)
  const csv = stringify((rows as readonly Record<string, Cell>[]).map(flat), {
    header: true,
    columns: [...columns],
  })
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`)
  return c.body(csv || `${columns.join(',')}\n`)
}

/** Column names of a zod object schema (the CSV header follows the contract). */
export const columnsOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape)

const MIN_COMPRESS_BYTES = 1024

/** The strong ETag of an answer's bytes (SHA-1). */
export function contentTag(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

/**
 * ETag (SHA-1 of the body), Cache-Control and 304 on a matching If-None-Match, then brotli or gzip
 * by Accept-Encoding. Analytics answers are small and whole, so the body is buffered. An answer
 * replayed by the answer cache carries its ETag already: then the body is read only when it is
 * sent as is or compressed for the first time (under 50 clients, reading and hashing the 1.7 MB
 * weekly trends answer on every request cost more than the rest of the request).
 */
const APPLIED = 'analyticsHttpApplied' as never

export function analyticsHttp(maxAgeSeconds = 60): MiddlewareHandler {
  return async (c, next) => {
    // One pass per response: a path can match two mounts (`/skills` and `/skills/*`), and a body
    // compressed twice is unreadable.
    if (c.get(APPLIED)) return next()
    c.set(APPLIED, true)
    await next()
    if (c.req.method !== 'GET' || c.res.status !== 200) return
    const res = c.res
    const given = res.headers.get('ETag')
    let read: Promise<Buffer> | undefined
    const body = () => (read ??= res.arrayBuffer().then((b) => Buffer.from(b)))
    const tag = given ?? contentTag(await body())
    const headers = new Headers(res.headers)
    headers.set('ETag', tag)
    headers.set('Cache-Control', `public, max-age=${maxAgeSeconds}`)
    headers.append('Vary', 'Accept, Accept-Encoding')
    const inm = c.req.header('If-None-Match')
    if (inm && (inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag))) {
      headers.delete('Content-Type')
      headers.delete('Content-Length')
      replace(c, new Response(null, { status: 304, headers }))
      return
    }
    const accepted = c.req.header('Accept-Encoding') ?? ''
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null
    let out = encoding ? await compressedOnce(tag, encoding, body) : null
    if (out) headers.set('Content-Encoding', encoding!)
    else out = await body()
    headers.set('Content-Length', String(out.length))
    replace(c, new Response(new Uint8Array(out), { status: 200, headers }))
  }
}

// Compressed bodies by content hash, so an answer that many dashboards fetch (served from the
// answer cache) is compressed once, not once per request: under 50 clients on the HN replay,
// compressing the same cached answers again took a fifth of the server's CPU. Content-addressed,
// hence shared by every route and app in the process; bounded in bytes, oldest dropped first.
const COMPRESSED_BUDGET_BYTES = 32 * 1024 * 1024
const compressed = new Map<string, Buffer>()
let compressedBytes = 0

/** The body compressed, from the cache by its tag or compressed now; null when it is too small. */
async function compressedOnce(
  tag: string,
  encoding: 'br' | 'gzip',
  read: () => Promise<Buffer>,
): Promise<Buffer | null> {
  const key = `${encoding} ${tag}`
  const had = compressed.get(key)
  if (had) {
    compressed.delete(key)
    compressed.set(key, had)
    return had
  }
  const body = await read()
  if (body.length < MIN_COMPRESS_BYTES) return null
  const out =
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(body)
  if (out.length > COMPRESSED_BUDGET_BYTES / 4) return out
  compressed.set(key, out)
  compressedBytes += out.length
  for (const [k, v] of compressed) {
    if (compressedBytes <= COMPRESSED_BUDGET_BYTES) break
    compressed.delete(k)
    compressedBytes -= v.length
  }
  return out
}

/** Swaps the response whole (assigning c.res would merge the old headers back in). */
function replace(c: Context, res: Response): void {
  c.res = undefined as unknown as Response
  c.res = res
}
