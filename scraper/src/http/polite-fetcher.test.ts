import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RobotsDisallowedError } from '../politeness/robots.ts'
import { BlockedUrlError } from '../politeness/url-guard.ts'
import { MemoryConditionalCache } from './conditional-cache.ts'
import { fetchText } from './fetch-text.ts'
import { PoliteFetcher, type PoliteFetcherOptions } from './polite-fetcher.ts'
import { expectFetchError } from './expect-fetch-error.ts'

const UA = 'StackRadarBot/1.0 (+https://stackradar.example/bot)'
const MB = 1024 * 1024
const requests: string[] = []
const seenHeaders = new Map<string, IncomingMessage['headers']>()
let server: Server
let base: string
let slowHeaders: TcpServer
let slowHeadersUrl: string

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/'
  requests.push(path)
  seenHeaders.set(path, req.headers)
  const redirect = (location: string): void => void res.writeHead(302, { location }).end()
  const chain = /^\/chain\/(\d+)$/.exec(path)
  if (chain) return redirect(`/chain/${Number(chain[1]) + 1}`)
  switch (path) {
    case '/robots.txt':
      res.writeHead(200).end('User-agent: *\nDisallow: /private\n\nUser-agent: SlowBot\nCrawl-delay: 0.3\n')
      return
    case '/ok':
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>')
      return
    case '/private/page':
      res.writeHead(200).end('secret')
      return
    case '/moved':
      return redirect('/ok#fragment')
    case '/to-private':
      return redirect('/private/page')
    case '/to-metadata':
      return redirect('http://169.254.169.254/latest/meta-data/')
    case '/echo-auth':
      res.writeHead(200).end(req.headers.authorization ?? 'no credentials')
      return
    case '/to-echo-same-origin':
      return redirect('/echo-auth')
    case '/to-echo-other-origin': // localhost is another origin than 127.0.0.1
      return redirect(`http://localhost:${(server.address() as AddressInfo).port}/echo-auth`)
    case '/loop-a':
      return redirect('/loop-b')
    case '/loop-b':
      return redirect('/loop-a')
    case '/etag':
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end()
      else res.writeHead(200, { etag: '"v1"', 'content-type': 'text/html' }).end('<p>board v1</p>')
      return
    case '/last-modified': {
      const stamp = 'Mon, 02 Jun 2025 15:00:00 GMT'
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end()
      else res.writeHead(200, { 'last-modified': stamp }).end('dated')
      return
    }
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"jobs":[{"id":1}]}')
      return
    case '/truncated-json': // a complete HTTP response whose JSON stops half way
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"jobs":[{"id":1},{"id":')
      return
    case '/cut-mid-body': // the connection dies before the declared length arrived
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"jobs":[')
      setTimeout(() => res.socket?.destroy(), 20)
      return
    case '/huge': // 10 MB, streamed without a Content-Length
      res.writeHead(200, { 'content-type': 'text/html' })
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(MB, 'x'))
      res.end()
      return
    case '/trickle': {
      // Slow-loris: headers at once, then one byte every 50 ms for 10 s.
      res.writeHead(200, { 'content-length': '200' })
      const timer = setInterval(() => res.write('x'), 50)
      res.on('close', () => clearInterval(timer))
      return
    }
    default:
      res.writeHead(404).end()
  }
}

const options = (extra: Partial<PoliteFetcherOptions> = {}): PoliteFetcherOptions => ({
  userAgent: UA,
  timeoutMs: 2000,
  maxBytes: MB,
  retries: 1,
  minBackoffMs: 5,
  hostDelayMs: 0,
  allowPrivate: ['127.0.0.1'],
  robots: true,
  ...extra,
})

const failure = expectFetchError

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Slow-loris on the headers: a raw socket that dribbles a status line and never finishes the head.
  slowHeaders = createTcpServer((socket) => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: ' + 'y'.repeat(500)
    let i = 0
    const timer = setInterval(() => socket.write(head[i++] ?? 'y'), 50)
    socket.on('close', () => clearInterval(timer))
    socket.on('error', () => clearInterval(timer))
  })
  await new Promise<void>((resolve) => slowHeaders.listen(0, '127.0.0.1', resolve))
  slowHeadersUrl = `http://127.0.0.1:${(slowHeaders.address() as AddressInfo).port}/`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await new Promise((resolve) => slowHeaders.close(resolve))
})

beforeEach(() => {
  requests.length = 0
})

describe('PoliteFetcher', () => {
  it('fetches text and JSON, sending the user agent, after reading robots.txt once', async () => {
    const fetcher = new PoliteFetcher(options())
    expect(await fetcher.text(`${base}/ok`)).toMatchObject({
      status: 200,
      body: '<p>ok</p>',
      url: `${base}/ok`,
      notModified: false,
    })
    expect(await fetcher.json(`${base}/json`)).toMatchObject({ status: 200, data: { jobs: [{ id: 1 }] } })
    expect(requests).toEqual(['/robots.txt', '/ok', '/json'])
    expect(seenHeaders.get('/ok')?.['user-agent']).toBe(UA)
    expect(seenHeaders.get('/json')?.accept).toBe('application/json')
  })

  it('refuses a robots-disallowed URL without requesting it, as a final error', async () => {
    const error = await failure(new PoliteFetcher(options()).text(`${base}/private/page`))
    expect(error).toBeInstanceOf(RobotsDisallowedError)
    expect(error).toMatchObject({ retryable: false })
    expect(error.message).toMatch(
      /robots\.txt of 127\.0\.0\.1:\d+ disallows \/private\/page for StackRadarBot/,
    )
    expect(requests).not.toContain('/private/page')
    // With robots off the same URL is fetched.
    expect((await new PoliteFetcher(options({ robots: false })).text(`${base}/private/page`)).body).toBe(
      'secret',
    )
  })

  it('refuses a private address unless allowPrivate lists it, before sending anything', async () => {
    const error = await failure(new PoliteFetcher(options({ allowPrivate: [] })).text(`${base}/ok`))
    expect(error).toBeInstanceOf(BlockedUrlError)
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/)
    expect(requests).toEqual([])
  })

  it('follows a redirect and reports the final URL', async () => {
    const result = await new PoliteFetcher(options()).text(`${base}/moved`)
    expect(result).toMatchObject({ status: 200, body: '<p>ok</p>', url: `${base}/ok` })
  })

  it('vets every redirect hop: robots.txt and the private-address guard', async () => {
    const fetcher = new PoliteFetcher(options())
    const robots = await failure(fetcher.text(`${base}/to-private`))
    expect(robots).toBeInstanceOf(RobotsDisallowedError)
    expect(requests).not.toContain('/private/page')
    const metadata = await failure(fetcher.text(`${base}/to-metadata`))
    expect(metadata).toBeInstanceOf(BlockedUrlError)
    expect(metadata.message).toMatch(/169\.254\.169\.254.*link-local \/ cloud metadata/)
    expect(requests.filter((p) => p === '/to-metadata')).toHaveLength(1) // a refusal is not retried
  })

  it('fails a redirect loop and a too-long chain without retrying', async () => {
    const fetcher = new PoliteFetcher(options({ maxRedirects: 5 }))
    const loop = await failure(fetcher.text(`${base}/loop-a`))
    expect(loop).toMatchObject({ retryable: false, attempts: 1 })
    expect(loop.message).toMatch(/redirect loop \(.*\/loop-a -> .*\/loop-b -> .*\/loop-a\)/)
    const chain = await failure(fetcher.text(`${base}/chain/0`))
    expect(chain).toMatchObject({ retryable: false, attempts: 1 })
    expect(chain.message).toMatch(/too many redirects \(more than 5\)/)
    expect(requests.filter((p) => p.startsWith('/chain/'))).toHaveLength(6)
  })

  it('makes conditional requests and answers a 304 with the cached body', async () => {
    const cache = new MemoryConditionalCache()
    const fetcher = new PoliteFetcher(options({ cache }))
    const first = await fetcher.text(`${base}/etag`)
    expect(first).toMatchObject({ status: 200, body: '<p>board v1</p>', notModified: false })
    const second = await fetcher.text(`${base}/etag`)
    expect(second).toMatchObject({ status: 304, body: '<p>board v1</p>', notModified: true })
    expect(seenHeaders.get('/etag')?.['if-none-match']).toBe('"v1"')
    await fetcher.text(`${base}/last-modified`)
    expect(await fetcher.text(`${base}/last-modified`)).toMatchObject({ body: 'dated', notModified: true })
  })

  it('stops reading a 10 MB page at a 1 MB limit', async () => {
    const error = await failure(new PoliteFetcher(options()).text(`${base}/huge`))
    expect(error).toMatchObject({ retryable: false, status: 200, attempts: 1 })
    expect(error.message).toMatch(/body exceeds maxBytes 1048576/)
  })

  it('times out a server trickling the body one byte at a time (deadline covers the body)', async () => {
    const fetcher = new PoliteFetcher(options({ timeoutMs: 300, retries: 0 }))
    const error = await failure(fetcher.text(`${base}/trickle`))
    expect(error).toMatchObject({ retryable: true, attempts: 1 })
    expect(error.message).toMatch(/timed out after 300 ms/)
  })

  it('times out a server trickling its headers', async () => {
    const error = await failure(
      fetchText(slowHeadersUrl, { userAgent: UA, timeoutMs: 300, maxBytes: MB, retries: 0 }),
    )
    expect(error.message).toMatch(/timed out after 300 ms/)
  })

  it('keeps credentials on same-origin redirect hops and drops them on cross-origin ones', async () => {
    const opts = {
      userAgent: UA,
      timeoutMs: 2000,
      maxBytes: MB,
      retries: 0,
      headers: { authorization: 'Bearer t' },
    }
    expect((await fetchText(`${base}/to-echo-same-origin`, opts)).body).toBe('Bearer t')
    expect((await fetchText(`${base}/to-echo-other-origin`, opts)).body).toBe('no credentials')
  })

  it('fails clearly and finally on a truncated JSON document', async () => {
    const error = await failure(new PoliteFetcher(options()).json(`${base}/truncated-json`))
    expect(error).toMatchObject({ retryable: false, status: 200, attempts: 1 })
    expect(error.message).toMatch(
      /invalid JSON from .*\/truncated-json \(status 200, 24 chars, looks truncated: /,
    )
    expect(requests.filter((p) => p === '/truncated-json')).toHaveLength(1)
  })

  it('retries a body cut off mid-transfer (a network failure, not a bad document)', async () => {
    const error = await failure(new PoliteFetcher(options({ retries: 1 })).json(`${base}/cut-mid-body`))
    expect(error).toMatchObject({ retryable: true, attempts: 2 })
    expect(error.message).toMatch(/network error/)
  })

  it('stretches the gap between requests to the host to its Crawl-delay', async () => {
    const fetcher = new PoliteFetcher(options({ userAgent: 'SlowBot/1.0', hostDelayMs: 10 }))
    const started = Date.now()
    await Promise.all([fetcher.text(`${base}/ok`), fetcher.text(`${base}/json`), fetcher.text(`${base}/ok`)])
    expect(Date.now() - started).toBeGreaterThanOrEqual(590) // three starts, 300 ms apart
  })
})
