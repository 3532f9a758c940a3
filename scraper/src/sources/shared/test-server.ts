// Test support only (imported by the sources' *.test.ts, never by source code): a local HTTP server to
// run a source's `list()` against, and a minimal real SourceHttp on Node's fetch (the pipeline's adds
// politeness and retries; `rendered` is plain text here, as the fixtures are already "rendered").
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import type { SourceHttp } from '../types.ts'

export const fetchHttp: SourceHttp = {
  async text(url) {
    const res = await fetch(url)
    return { status: res.status, body: await res.text(), url: res.url }
  },
  async json(url) {
    const res = await fetch(url)
    const body = await res.text()
    return { status: res.status, data: res.ok ? JSON.parse(body) : body, url: res.url }
  },
  async rendered(url) {
    return this.text(url)
  },
}

export interface LocalTestServer {
  /** `http://127.0.0.1:<port>`; set once the server listens (in beforeAll). */
  readonly url: string
  /** Request paths (with query) in the order they arrived. */
  readonly seen: string[]
}

/**
 * Starts a server on a free local port before the tests of the enclosing describe block and stops it
 * after them. Call it inside `describe`.
 */
export function useLocalTestServer(handler: RequestListener): LocalTestServer {
  let server: Server | undefined
  let url = ''
  const seen: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '')
      handler(req, res)
    })
    const listening = server
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))
  return {
    get url() {
      return url
    },
    seen,
  }
}
