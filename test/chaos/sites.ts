// The worlds the chaos scenarios crawl: a local HN stand-in with known answers (three monthly
// threads of four pages each, so a backfill has moments to break), a fault switch in front of its
// thread pages (500s, a slow-drip body), and a hostile page set (deep nesting, unclosed tags,
// 100k postings, a page over the size limit) as extra threads next to the normal ones.
import { createHiringSite, type HiringSite } from '../support/hiring-site.ts'
import {
  startHnFixtureServer,
  type HnFixtureSite,
  type RunningFixture,
} from '../support/hn-fixture-server.ts'
import { hiringTitle, renderThreadPage } from '../support/hn-render.ts'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const at = (month: string) => new Date(`${month}-01T15:00:00Z`)

/** 3 threads × 4 pages × 15 ads = 180 ads, read one page at a time. */
export function chaosSite(): HiringSite {
  return createHiringSite([
    { month: '2026-07', threadId: '45100000', createdAt: at('2026-07'), pages: [15, 15, 15, 15] },
    { month: '2026-08', threadId: '45200000', createdAt: at('2026-08'), pages: [15, 15, 15, 15] },
    { month: '2026-09', threadId: '45300000', createdAt: at('2026-09'), pages: [15, 15, 15, 15] },
  ])
}

/** What the thread pages (`/item`) answer right now; discovery (Algolia search) always passes. */
export type PageFault =
  | { kind: 'pass' }
  | { kind: 'status'; status: number }
  /** 200 and the real body, `bytes` every `everyMs` (a slow-loris body). */
  | { kind: 'drip'; bytes: number; everyMs: number }

export interface FaultySite {
  url: string
  fixture: RunningFixture
  setFault(f: PageFault): void
  /** Requests answered with a fault so far. */
  faulted(): number
  close(): Promise<void>
}

/** The fixture server behind a switchable fault proxy. */
export async function startFaultySite(site: HnFixtureSite, delayMs = 150): Promise<FaultySite> {
  const fixture = await startHnFixtureServer(site, { delayMs })
  const upstream = new URL(fixture.url)
  let fault: PageFault = { kind: 'pass' }
  let faulted = 0
  const open = new Set<ServerResponse>()
  const forward = (req: IncomingMessage, onUpstream: (up: IncomingMessage) => void, res: ServerResponse) => {
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      onUpstream,
    )
    up.on('error', () => res.destroy())
    req.pipe(up)
  }
  const server = createServer((req, res) => {
    open.add(res)
    res.on('close', () => open.delete(res))
    const f = req.url?.startsWith('/item') ? fault : { kind: 'pass' as const }
    if (f.kind === 'status') {
      faulted++
      req.resume()
      res.writeHead(f.status, { 'Content-Type': 'text/plain' }).end('injected failure')
      return
    }
    if (f.kind === 'drip') {
      faulted++
      forward(
        req,
        async (up) => {
          const chunks: Buffer[] = []
          for await (const c of up) chunks.push(c as Buffer)
          const body = Buffer.concat(chunks)
          res.writeHead(up.statusCode ?? 200, { 'Content-Type': String(up.headers['content-type'] ?? '') })
          for (let i = 0; i < body.length && !res.destroyed; i += f.bytes) {
            res.write(body.subarray(i, i + f.bytes))
            await new Promise((r) => setTimeout(r, f.everyMs))
          }
          if (!res.destroyed) res.end()
        },
        res,
      )
      return
    }
    forward(
      req,
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
      res,
    )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fixture,
    setFault: (f) => void (fault = f),
    faulted: () => faulted,
    async close() {
      for (const res of open) res.destroy()
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
      await fixture.close()
    },
  }
}

const HOSTILE_COMMENT_TIME = at('2026-04')

/** A thread page whose one comment carries `html` verbatim. */
function pageWith(threadId: string, month: string, html: string): string {
  return renderThreadPage({
    threadId,
    month,
    createdAt: at(month),
    comments: [{ id: `${threadId}0001`, author: 'hostile', time: HOSTILE_COMMENT_TIME, html }],
  })
}

/** 100k minimal top-level comment rows: the parts a thread-page parser reads, nothing else. */
function hundredThousandPostings(threadId: string, month: string): string {
  const ts = Math.floor(at(month).getTime() / 1000)
  const iso = at(month).toISOString().slice(0, 19)
  const rows: string[] = []
  for (let i = 0; i < 100_000; i++) {
    rows.push(
      `<tr class="athing comtr" id="${threadId}${i}"><td class="ind" indent="0"></td><td class="default"><a class="hnuser">u${i}</a><span class="age" title="${iso} ${ts}"></span><div class="commtext c00">Acme${i} | Backend | Remote | Go</div></td></tr>`,
    )
  }
  return renderThreadPage({ threadId, month, createdAt: at(month), comments: [] }).replace(
    '<table border="0" class="comment-tree">\n',
    `<table border="0" class="comment-tree">\n${rows.join('\n')}`,
  )
}

export interface HostilePage {
  month: string
  threadId: string
  what: string
}

/**
 * The normal chaos site plus four hostile threads (2026-03 … 2026-06). A hostile thread is expected
 * to be refused with a recorded reason (the bound on work per page); the normal ones must
 * all be stored and counted exactly.
 */
export function hostileSite(): { site: HnFixtureSite; normal: HiringSite; hostile: HostilePage[] } {
  const normal = chaosSite()
  const hostile: (HostilePage & { html: () => string })[] = [
    {
      month: '2026-03',
      threadId: '44610000',
      what: '1.1 MB of nested <div>',
      html: () => pageWith('44610000', '2026-03', '<div>'.repeat(100_000) + 'Go' + '</div>'.repeat(100_000)),
    },
    {
      month: '2026-04',
      threadId: '44620000',
      what: '1 MB of unclosed tags',
      html: () => pageWith('44620000', '2026-04', '<p><b><i><span><div>'.repeat(50_000)),
    },
    {
      month: '2026-05',
      threadId: '44630000',
      what: '100k postings on one page',
      html: () => hundredThousandPostings('44630000', '2026-05'),
    },
    {
      month: '2026-06',
      threadId: '44640000',
      what: '25 MB page (over HTTP_MAX_BYTES)',
      html: () => pageWith('44640000', '2026-06', `<p>${'Backend engineer, Go. '.repeat(1_200_000)}</p>`),
    },
  ]
  const cache = new Map<string, string>()
  const site: HnFixtureSite = {
    stories: [
      ...normal.stories,
      ...hostile.map((h) => ({ id: h.threadId, title: hiringTitle(h.month), createdAt: at(h.month) })),
    ],
    page(id, page) {
      const h = hostile.find((x) => x.threadId === id)
      if (!h) return normal.page(id, page)
      if (page !== 1) return null
      if (!cache.has(id)) cache.set(id, h.html())
      return cache.get(id)!
    },
  }
  return { site, normal, hostile: hostile.map(({ month, threadId, what }) => ({ month, threadId, what })) }
}
