/**
 * Test fixture: serves the subset of ClickHouse's HTTP interface that `@clickhouse/client` (node) uses,
 * backed by chDB at a data directory. Lets the distributed-mode code path (`createClient({ url })`) be
 * tested where no ClickHouse server can be installed.
 *
 * What the client sends (client 1.23): POST `/?query_id=..&param_x=..&<setting>=..&database=..` with the
 * SQL as body (query/command/exec), or with `query=INSERT .. FORMAT X` in the URL and the rows as body
 * (insert, exec with values); query params may instead come as a multipart/form-data body
 * (`use_multipart_params`). `GET /ping` for ping. Compression is off by default in 1.23
 * (`compression.request`/`response` default false); gzip/deflate/br are supported both ways anyway.
 *
 * Run standalone: node --import tsx test/support/clickhouse-http-fixture.ts --path <dir> [--port 0] [--host 127.0.0.1]
 */
import http from 'node:http'
import zlib from 'node:zlib'
import path from 'node:path'
import { once } from 'node:events'
import { randomBytes, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import type { Session as ChdbSession } from 'chdb'
import { startDeadline } from './wait.ts'

export interface ClickHouseHttpFixtureOptions {
  /** chDB data directory (created if missing). One process may bind only one directory. */
  path: string
  port?: number
  host?: string
  /** When set, requests must authenticate as this user (Basic, X-ClickHouse-User/Key or user/password params). */
  auth?: { username: string; password: string }
  /** Where request errors are logged; defaults to stderr. */
  log?: (line: string) => void
}

export interface ClickHouseHttpFixture {
  url: string
  close(): Promise<void>
}

// The native addon, reached through chdb's own loader: its JS `queryBind` re-escapes string values, but the
// HTTP `param_*` values are already in ClickHouse's text form and must reach the engine verbatim.
interface NativeResult {
  bytes: Uint8Array
  elapsed: number
  rowsRead: number
  bytesRead: number
}
interface NativeChunk {
  done: boolean
  bytes: Uint8Array
  numRows: number
}
interface ChdbNative {
  CreateConnection(dir: string): unknown
  CloseConnection(conn: unknown): void
  QueryAsyncConnection(
    conn: unknown,
    sql: string,
    format: string,
    params?: Record<string, string>,
  ): Promise<NativeResult>
  InsertRawAsyncConnection(
    conn: unknown,
    prefix: string,
    body: Buffer,
    countLines: boolean,
  ): Promise<{ rowsWritten: number; bytesWritten: number; elapsed: number }>
  StreamQuery(conn: unknown, sql: string, format: string): unknown
  StreamFetch(handle: unknown): Promise<NativeChunk>
  StreamCancel(handle: unknown): void
}
let native: ChdbNative
// Loaded lazily so a process that only spawns the fixture never loads the engine.
function loadChdb(): typeof ChdbSession {
  const require = createRequire(import.meta.url)
  const chdbMain = require.resolve('chdb')
  native ??= require(path.join(path.dirname(chdbMain), 'dist/loader.js')).loadNative() as ChdbNative
  return (require(chdbMain) as { Session: typeof ChdbSession }).Session
}

/** URL params that belong to the HTTP layer, not to the engine's settings. */
const HTTP_PARAMS = new Set(
  (
    'query query_id database default_format session_id session_timeout session_check role user password ' +
    'quota_key compress decompress buffer_size wait_end_of_query send_progress_in_http_headers ' +
    'http_headers_progress_interval_ms enable_http_compression http_zlib_compression_level ' +
    'http_response_buffer_size cancel_http_readonly_queries_on_client_close'
  ).split(' '),
)
// ClickHouse's exceptionCodeToHTTPStatus, abridged to the codes chDB produces for client mistakes.
const CODES_BY_STATUS: Record<number, number[]> = {
  404: [60, 81, 46, 73, 50],
  403: [516, 497, 164],
  400: [62, 27, 6, 26, 36, 38, 41, 43, 47, 53, 115, 354, 456, 457],
}
const STATUS_BY_CODE = new Map(
  Object.entries(CODES_BY_STATUS).flatMap(([status, codes]) =>
    codes.map((c) => [c, Number(status)] as const),
  ),
)
const ERROR_RE = /Code: (\d+)\./
/**
 * A ClickHouse server's request limits (its defaults, as `system.settings` reports them), enforced
 * here so that a query the real server would refuse fails in tests too: `http_max_uri_size`,
 * `http_max_field_value_size` (each URL or form parameter) and `http_max_fields`.
 */
export const SERVER_LIMITS = { maxUriBytes: 1024 * 1024, maxFieldValueBytes: 128 * 1024, maxFields: 1000 }

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    message: string,
  ) {
    super(`Code: ${code}. DB::Exception: ${message}. (${type})`)
  }
}

/** Param queries must not overlap: chDB's parameter state is process-global (see chdb index.js). */
let paramChain: Promise<unknown> = Promise.resolve()
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = paramChain.then(fn)
  paramChain = run.catch(() => undefined)
  return run
}

interface ParsedRequest {
  sql: string
  /** `INSERT .. FORMAT X` from the URL when the body holds the rows. */
  insertPrefix?: string
  body: Buffer
  params: Record<string, string>
  settings: Record<string, string>
  database?: string
  queryId: string
  waitEndOfQuery: boolean
  /** Response codec, when the client set enable_http_compression=1 and accepts one we speak. */
  responseCodec?: 'gzip' | 'br' | 'deflate'
}

export async function startClickHouseHttpFixture(
  opts: ClickHouseHttpFixtureOptions,
): Promise<ClickHouseHttpFixture> {
  const dataPath = path.resolve(opts.path)
  // Holding one session for the fixture's life binds the data directory; each request opens its own
  // connection on it so SET/USE never leak between requests and non-param queries run in parallel.
  const Session = loadChdb()
  const anchor = new Session(dataPath)
  const log = opts.log ?? ((line: string) => process.stderr.write(`[clickhouse-http-fixture] ${line}\n`))
  const inflight = new Set<Promise<void>>()

  // Node's own header limit (16 KB) would cut long URLs with a bare 431 before ClickHouse's limits
  // apply; raise it past them so the fixture answers as the server does.
  const server = http.createServer({ maxHeaderSize: 2 * SERVER_LIMITS.maxUriBytes }, (req, res) => {
    const p = handle(req, res).catch((err: unknown) => {
      log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      if (!res.headersSent) sendError(res, new HttpError(1001, 'STD_EXCEPTION', String(err)), '')
      else res.destroy()
    })
    inflight.add(p)
    void p.finally(() => inflight.delete(p))
  })
  server.keepAliveTimeout = 10_000

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture')
    if (
      url.pathname === '/ping' ||
      url.pathname === '/replicas_status' ||
      (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))
    ) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n')
      return
    }
    const queryId = url.searchParams.get('query_id') || randomUUID()
    let parsed: ParsedRequest
    try {
      if (url.pathname !== '/')
        throw new HttpError(1001, 'STD_EXCEPTION', `There is no handle ${url.pathname}`)
      if (req.method !== 'GET' && req.method !== 'POST')
        throw new HttpError(1001, 'STD_EXCEPTION', `Method ${req.method} is not supported`)
      checkAuth(req, url, opts.auth)
      parsed = await parseRequest(req, url, queryId)
    } catch (err) {
      drain(req)
      return sendError(res, err, queryId, url.pathname === '/' ? 400 : 404, log)
    }
    const conn = native.CreateConnection(dataPath)
    try {
      await execute(parsed, conn, req, res)
    } catch (err) {
      if (!res.headersSent) sendError(res, err, queryId, 500, log)
      else writeStreamError(res, err, log, queryId)
    } finally {
      native.CloseConnection(conn)
    }
  }

  server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1')
  try {
    await once(server, 'listening')
  } catch (err) {
    anchor.close()
    throw err
  }
  const { port } = server.address() as { port: number }
  let closing: Promise<void> | undefined
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise((resolve) => server.close(resolve))
        server.closeIdleConnections()
        // Let running requests finish (a native op must never lose its connection mid-flight), then cut stragglers.
        await Promise.race([
          Promise.allSettled([...inflight]),
          new Promise((r) => setTimeout(r, 5000).unref()),
        ])
        server.closeAllConnections()
        await Promise.allSettled([...inflight])
        await stopped
        anchor.close()
      })()),
  }
}

function checkAuth(req: http.IncomingMessage, url: URL, auth: ClickHouseHttpFixtureOptions['auth']): void {
  if (!auth) return
  let user =
    (req.headers['x-clickhouse-user'] as string | undefined) ?? url.searchParams.get('user') ?? undefined
  let password =
    (req.headers['x-clickhouse-key'] as string | undefined) ?? url.searchParams.get('password') ?? undefined
  const header = req.headers.authorization
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    user = decoded.slice(0, i < 0 ? undefined : i)
    password = i < 0 ? '' : decoded.slice(i + 1)
  }
  if ((user ?? 'default') !== auth.username || (password ?? '') !== auth.password) {
    throw new HttpError(
      516,
      'AUTHENTICATION_FAILED',
      `${user ?? 'default'}: Authentication failed: password is incorrect, or there is no user with such name`,
    )
  }
}

async function parseRequest(req: http.IncomingMessage, url: URL, queryId: string): Promise<ParsedRequest> {
  if ((req.url ?? '').length > SERVER_LIMITS.maxUriBytes) {
    throw new HttpError(
      1001,
      'STD_EXCEPTION',
      `URI too long (over http_max_uri_size ${SERVER_LIMITS.maxUriBytes})`,
    )
  }
  const params: Record<string, string> = {}
  const settings: Record<string, string> = {}
  checkFields([...url.searchParams])
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice(6)] = value
    else if (!HTTP_PARAMS.has(key)) settings[key] = value
  }
  let body = await readBody(req)
  let urlQuery = url.searchParams.get('query') ?? undefined
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(
    req.headers['content-type'] ?? '',
  )
  if (boundary) {
    // use_multipart_params: the query and param_* travel as form parts instead of URL params.
    const parts = parseMultipart(body, boundary[1] ?? boundary[2]!)
    checkFields(parts)
    for (const [name, value] of parts) {
      if (name === 'query') urlQuery = (urlQuery ? urlQuery + '\n' : '') + value
      else if (name.startsWith('param_')) params[name.slice(6)] = value
    }
    body = Buffer.alloc(0)
  }
  const insertPrefix =
    urlQuery !== undefined && body.length > 0 && /^\s*INSERT\b[\s\S]*\bFORMAT\s+\w+\s*$/i.test(urlQuery)
      ? urlQuery
      : undefined
  // As in ClickHouse, the URL `query` is the statement head and the body its continuation (the data).
  const sql =
    urlQuery !== undefined
      ? body.length > 0
        ? `${urlQuery}\n${body.toString('utf8')}`
        : urlQuery
      : body.toString('utf8')
  if (!sql.trim()) throw new HttpError(62, 'SYNTAX_ERROR', 'Empty query')
  const accept = String(req.headers['accept-encoding'] ?? '')
  const responseCodec =
    url.searchParams.get('enable_http_compression') === '1'
      ? (['gzip', 'br', 'deflate'] as const).find((c) => accept.includes(c))
      : undefined
  const database = url.searchParams.get('database') ?? undefined
  const waitEndOfQuery = url.searchParams.get('wait_end_of_query') === '1'
  return { sql, insertPrefix, body, params, settings, database, queryId, waitEndOfQuery, responseCodec }
}

/** As ClickHouse's HTMLForm: too many fields, or one value too long, refuses the request. */
function checkFields(fields: Array<[string, string]>): void {
  if (fields.length > SERVER_LIMITS.maxFields) {
    throw new HttpError(1001, 'STD_EXCEPTION', `HTML Form Exception: Too many form fields (${fields.length})`)
  }
  for (const [name, value] of fields) {
    if (Buffer.byteLength(value) > SERVER_LIMITS.maxFieldValueBytes) {
      throw new HttpError(1001, 'STD_EXCEPTION', `HTML Form Exception: Field value too long (${name})`)
    }
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks)
  const encoding = req.headers['content-encoding']
  if (!encoding || encoding === 'identity') return raw
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(raw)
    if (encoding === 'deflate') return zlib.inflateSync(raw)
    if (encoding === 'br') return zlib.brotliDecompressSync(raw)
  } catch (err) {
    throw new HttpError(
      354,
      'CANNOT_DECOMPRESS',
      `Cannot decompress ${encoding} body: ${(err as Error).message}`,
    )
  }
  throw new HttpError(1001, 'STD_EXCEPTION', `Unsupported Content-Encoding: ${encoding}`)
}

function parseMultipart(body: Buffer, boundary: string): Array<[string, string]> {
  const parts: Array<[string, string]> = []
  for (const part of body.toString('utf8').split(`--${boundary}`)) {
    const m =
      /^\r\nContent-Disposition: form-data; name="([^"]+)"[^\r]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/i.exec(
        part,
      )
    if (m) parts.push([m[1]!, m[2]!])
  }
  return parts
}

async function execute(
  p: ParsedRequest,
  conn: unknown,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const run = (sql: string) => native.QueryAsyncConnection(conn, sql, 'TabSeparated')
  if (p.database !== undefined) await run(`USE \`${p.database.replace(/[`\\]/g, '\\$&')}\``)
  for (const [name, value] of Object.entries(p.settings)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new HttpError(115, 'UNKNOWN_SETTING', `Unknown setting '${name}'`)
    await run(`SET ${name} = '${value.replace(/[\\']/g, '\\$&')}'`)
  }
  const format = outputFormat(p)
  const hasParams = Object.keys(p.params).length > 0
  const started = process.hrtime.bigint()
  const summary = (
    s: Partial<
      Record<
        'read_rows' | 'read_bytes' | 'written_rows' | 'written_bytes' | 'result_rows' | 'result_bytes',
        number
      >
    >,
  ) =>
    JSON.stringify({
      read_rows: '0',
      read_bytes: '0',
      written_rows: '0',
      written_bytes: '0',
      total_rows_to_read: '0',
      result_rows: '0',
      result_bytes: '0',
      ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])),
      elapsed_ns: String(process.hrtime.bigint() - started),
    })
  const headers = (extra: Record<string, string>) => ({
    'X-ClickHouse-Query-Id': p.queryId,
    'X-ClickHouse-Format': format,
    'X-ClickHouse-Timezone': 'UTC',
    'X-ClickHouse-Server-Display-Name': 'chdb-http-fixture',
    'Content-Type': contentType(format),
    ...extra,
  })

  if (p.insertPrefix !== undefined && !hasParams) {
    // Raw insert: the rows go to the engine's parser as bytes, never through a JS string.
    const r = await native.InsertRawAsyncConnection(conn, p.insertPrefix, p.body, true)
    res
      .writeHead(
        200,
        headers({
          'X-ClickHouse-Summary': summary({ written_rows: r.rowsWritten, written_bytes: r.bytesWritten }),
        }),
      )
      .end()
    return
  }
  let handle: unknown
  if (!hasParams) {
    try {
      handle = native.StreamQuery(conn, p.sql, format)
    } catch (err) {
      // DDL, SET, INSERT etc. cannot stream: run them as one-shot queries below.
      if (!/Streaming query is not supported/.test(String((err as Error).message))) throw err
    }
  }
  if (handle === undefined) {
    const r = hasParams
      ? await exclusive(() => native.QueryAsyncConnection(conn, p.sql, format, p.params))
      : await native.QueryAsyncConnection(conn, p.sql, format)
    const stats = { read_rows: r.rowsRead, read_bytes: r.bytesRead, result_bytes: r.bytes.length }
    openBody(res, p, headers({ 'X-ClickHouse-Summary': summary(stats) })).end(toBuffer(r.bytes))
    return
  }
  // Streaming SELECT. The first chunk is fetched before the headers go out so most errors still get a
  // status code; wait_end_of_query=1 buffers everything first, as ClickHouse does.
  try {
    const pending: Buffer[] = []
    let rows = 0
    let bytes = 0
    let chunk = await native.StreamFetch(handle)
    while (p.waitEndOfQuery && !chunk.done) {
      pending.push(toBuffer(chunk.bytes))
      rows += chunk.numRows
      bytes += chunk.bytes.byteLength
      chunk = await native.StreamFetch(handle)
    }
    const stats = { read_rows: rows, result_rows: rows, result_bytes: bytes }
    const tag = randomBytes(12).toString('hex')
    const out = openBody(
      res,
      p,
      headers({ 'X-ClickHouse-Summary': summary(stats), 'X-ClickHouse-Exception-Tag': tag }),
    )
    for (const b of pending) out.write(b)
    while (!chunk.done) {
      if (!out.write(toBuffer(chunk.bytes))) await drained(out, res)
      if (res.destroyed) return // the client went away; the finally releases the engine-side cursor
      chunk = await native.StreamFetch(handle)
    }
    out.end()
  } finally {
    try {
      native.StreamCancel(handle)
    } catch {
      /* already released */
    }
  }
}

/** Waits for backpressure to clear or the client to go away, without leaving listeners behind. */
function drained(out: NodeJS.WritableStream, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      res.off('close', done)
      resolve()
    }
    out.once('drain', done)
    res.once('close', done)
  })
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function outputFormat(p: ParsedRequest): string {
  if (p.insertPrefix !== undefined) return p.settings.default_format ?? 'TabSeparated'
  const m = /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(p.sql)
  return m?.[1] ?? p.settings.default_format ?? 'TabSeparated'
}

function contentType(format: string): string {
  if (/^JSON(Compact)?(Strings)?$/i.test(format)) return 'application/json; charset=UTF-8'
  if (/EachRow/i.test(format)) return 'application/x-ndjson; charset=UTF-8'
  return 'text/plain; charset=UTF-8'
}

/** Sends the success headers and returns the body stream, compressed when the client asked for it. */
function openBody(
  res: http.ServerResponse,
  p: ParsedRequest,
  headers: Record<string, string>,
): NodeJS.WritableStream {
  const codec = p.responseCodec
  // setHeader (not writeHead's object) so writeStreamError can read the exception tag back.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (codec) res.setHeader('Content-Encoding', codec)
  res.writeHead(200)
  if (!codec) return res
  const z =
    codec === 'gzip' ? zlib.createGzip() : codec === 'br' ? zlib.createBrotliCompress() : zlib.createDeflate()
  z.pipe(res)
  return z
}

function errorText(err: unknown): { code: number; text: string } {
  const message = err instanceof Error ? err.message : String(err)
  const m = ERROR_RE.exec(message)
  if (m) return { code: Number(m[1]), text: message.slice(m.index) }
  const wrapped = new HttpError(1001, 'STD_EXCEPTION', message.replace(/\.$/, ''))
  return { code: 1001, text: wrapped.message }
}

function sendError(
  res: http.ServerResponse,
  err: unknown,
  queryId: string,
  fallbackStatus = 500,
  log?: (l: string) => void,
): void {
  const { code, text } = errorText(err)
  log?.(`query_id=${queryId} ${text.split('\n')[0]}`)
  const status = STATUS_BY_CODE.get(code) ?? (code === 1001 ? fallbackStatus : 500)
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
    'X-ClickHouse-Query-Id': queryId,
  })
  res.end(`${text} (version chdb)\n`)
}

/** Mid-stream failure, framed as ClickHouse >= 25.11 does so the client can raise it from the row stream. */
function writeStreamError(
  res: http.ServerResponse,
  err: unknown,
  log: (l: string) => void,
  queryId: string,
): void {
  const { text } = errorText(err)
  log(`query_id=${queryId} (mid-stream) ${text.split('\n')[0]}`)
  const tag = res.getHeader('X-ClickHouse-Exception-Tag')
  // A compressed body cannot take raw bytes; cutting the connection is the only honest signal left.
  if (typeof tag !== 'string' || res.destroyed || res.getHeader('Content-Encoding')) return void res.destroy()
  res.end(
    `\r\n__exception__\r\n${tag}\r\n${text}\n${Buffer.byteLength(text) + 1} ${tag}\r\n__exception__\r\n`,
  )
}

function drain(req: http.IncomingMessage): void {
  if (!req.readableEnded) req.resume()
}

export interface SpawnedClickHouseHttpFixture {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * Starts the fixture as a child process, so the calling process stays free to bind its own chDB
 * data directory (chDB allows one per process). Resolves once the child prints `LISTENING <port>`.
 */
export function spawnClickHouseHttpFixture(opts: {
  path: string
  host?: string
  /** A fixed port (a restart of the same server); default: a free one. */
  port?: number
  auth?: { username: string; password: string }
  startTimeoutMs?: number
}): Promise<SpawnedClickHouseHttpFixture> {
  const host = opts.host ?? '127.0.0.1'
  const self = fileURLToPath(import.meta.url)
  const args = [
    '--import',
    'tsx',
    self,
    '--path',
    path.resolve(opts.path),
    '--port',
    String(opts.port ?? 0),
    '--host',
    host,
  ]
  args.push('--parent-pid', String(process.pid))
  if (opts.auth) args.push('--user', opts.auth.username, '--password', opts.auth.password)
  // cwd = repo root so `--import tsx` resolves from the workspace's node_modules.
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(path.dirname(self), '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderrTail = ''
  child.stderr.on('data', (d: Buffer) => {
    stderrTail = (stderrTail + d.toString('utf8')).slice(-4000)
    process.stderr.write(d)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    let stdout = ''
    // 0: wait until it listens or exits (no clock).
    const limit = opts.startTimeoutMs ?? 60_000
    const timer = startDeadline(limit, () => {
      fail(new Error(`clickhouse-http-fixture did not start within ${limit} ms`))
      void stop()
    })
    const onExit = (code: number | null, signal: string | null) =>
      fail(
        new Error(
          `clickhouse-http-fixture exited before listening (code ${code}, signal ${signal}):\n${stderrTail}`,
        ),
      )
    const fail = (err: Error) => {
      clearTimeout(timer)
      child.off('exit', onExit)
      reject(err)
    }
    child.once('exit', onExit)
    child.once('error', fail)
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8')
      const m = /^LISTENING (\d+)$/m.exec(stdout)
      if (!m) return
      clearTimeout(timer)
      child.off('exit', onExit)
      child.stdout.removeAllListeners('data').resume()
      resolve({ url: `http://${host}:${m[1]}`, pid: child.pid!, stop })
    })
  })
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)$/.exec(argv[i]!)
    if (m && argv[i + 1] !== undefined) out[m[1]!] = argv[++i]!
  }
  return out
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (!args.path) {
    process.stderr.write(
      'usage: clickhouse-http-fixture.ts --path <dir> [--port 0] [--host 127.0.0.1] [--user u --password p]\n',
    )
    process.exit(2)
  }
  const fixture = await startClickHouseHttpFixture({
    path: args.path,
    port: args.port ? Number(args.port) : 0,
    host: args.host,
    auth: args.user ? { username: args.user, password: args.password ?? '' } : undefined,
  })
  const stop = () =>
    void fixture.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  // A spawned fixture must not outlive the test process that started it (e.g. after a crash or SIGKILL).
  const parent = Number(args['parent-pid'])
  if (parent) {
    setInterval(() => {
      try {
        process.kill(parent, 0)
      } catch {
        stop()
      }
    }, 1000).unref()
  }
  process.stdout.write(`LISTENING ${new URL(fixture.url).port}\n`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `[clickhouse-http-fixture] failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    )
    process.exit(1)
  })
}
