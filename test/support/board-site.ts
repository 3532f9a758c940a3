// A local stand-in for job-board APIs (Greenhouse, Lever) and a careers site with schema.org
// JobPosting pages, generated from job specs, so tests and benchmarks know every answer.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'

export interface JobSpec {
  id: string
  title: string
  company: string
  location: string
  /** Description paragraphs (plain text; rendered as HTML per board). */
  paragraphs: string[]
  salary?: { min: number; max: number; currency: string }
  postedAt: Date
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function greenhouseBody(jobs: JobSpec[]): unknown {
  return {
    jobs: jobs.map((j) => ({
      id: Number(j.id),
      internal_job_id: Number(j.id) + 1,
      title: j.title,
      company_name: j.company,
      absolute_url: `https://job-boards.greenhouse.io/acme/jobs/${j.id}`,
      location: { name: j.location },
      updated_at: j.postedAt.toISOString(),
      first_published: j.postedAt.toISOString(),
      // Greenhouse sends the HTML entity-escaped.
      content: esc(j.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')),
      departments: [{ id: 1, name: 'Engineering', child_ids: [], parent_id: null }],
      offices: [],
      metadata: [],
    })),
    meta: { total: jobs.length },
  }
}

export function leverBody(jobs: JobSpec[]): unknown {
  return jobs.map((j) => ({
    id: `lever-${j.id}`,
    text: j.title,
    hostedUrl: `https://jobs.lever.co/acme/${j.id}`,
    applyUrl: `https://jobs.lever.co/acme/${j.id}/apply`,
    createdAt: j.postedAt.getTime(),
    categories: { commitment: 'Full-time', department: 'Engineering', location: j.location, team: 'Backend' },
    workplaceType: 'remote',
    descriptionPlain: j.paragraphs.join('\n'),
    description: j.paragraphs.map((p) => `<div>${esc(p)}</div>`).join(''),
    lists: [],
    additionalPlain: '',
    ...(j.salary && {
      salaryRange: {
        interval: 'per-year-salary',
        currency: j.salary.currency,
        min: j.salary.min,
        max: j.salary.max,
      },
    }),
  }))
}

export function jobPostingPage(j: JobSpec, scriptInjected = false): string {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', value: j.id },
    title: j.title,
    datePosted: j.postedAt.toISOString().slice(0, 10),
    hiringOrganization: { '@type': 'Organization', name: j.company },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: j.location } },
    description: j.paragraphs.map((p) => `<p>${esc(p)}</p>`).join(''),
  })
  const tag = `<script type="application/ld+json">${ld.replace(/</g, '\\u003c')}</script>`
  // Injected by JavaScript, as single-page careers sites do: invisible to plain HTTP + cheerio.
  const body = scriptInjected
    ? `<script>const s=document.createElement('script');s.type='application/ld+json';s.textContent=${JSON.stringify(ld)};document.head.appendChild(s)</script>`
    : tag
  return `<!doctype html><html><head><title>${esc(j.title)}</title>${scriptInjected ? '' : body}</head><body><h1>${esc(j.title)}</h1><img src="/logo.png">${scriptInjected ? body : ''}</body></html>`
}

export interface BoardSite {
  url: string
  requests: string[]
  /** Replace what a board lists from now on. */
  set(board: 'greenhouse' | 'lever' | 'careers', jobs: JobSpec[]): void
  /** The board answers 404 from now on (it vanished). */
  vanish(board: 'greenhouse' | 'lever' | 'careers'): void
  close(): Promise<void>
}

export async function startBoardSite(initial: {
  greenhouse?: JobSpec[]
  lever?: JobSpec[]
  careers?: JobSpec[]
  injected?: boolean
}): Promise<BoardSite> {
  const jobs = {
    greenhouse: initial.greenhouse ?? [],
    lever: initial.lever ?? [],
    careers: initial.careers ?? [],
  }
  const requests: string[] = []
  const gone = new Set<string>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site')
    requests.push(url.pathname + url.search)
    // Board APIs answer conditional requests: the same body again → 304 without a body.
    const json = (body: unknown) => {
      const text = JSON.stringify(body)
      const etag = `"${createHash('sha1').update(text).digest('hex').slice(0, 16)}"`
      if (req.headers['if-none-match'] === etag) {
        requests.push(`304 ${url.pathname}`)
        return res.writeHead(304, { ETag: etag }).end()
      }
      return res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag }).end(text)
    }
    const html = (body: string) =>
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body)
    if (url.pathname === '/robots.txt') return res.writeHead(200).end('User-agent: *\nDisallow: /private/\n')
    const board = url.pathname.startsWith('/v1/boards/')
      ? 'greenhouse'
      : url.pathname.startsWith('/v0/postings/')
        ? 'lever'
        : 'careers'
    if (gone.has(board) && url.pathname !== '/robots.txt') return res.writeHead(404).end('gone')
    if (url.pathname.startsWith('/v1/boards/')) return json(greenhouseBody(jobs.greenhouse))
    if (url.pathname.startsWith('/v0/postings/')) return json(leverBody(jobs.lever))
    if (url.pathname === '/careers') {
      return html(
        `<html><body><ul>${jobs.careers.map((j) => `<li><a href="/jobs/${j.id}">${esc(j.title)}</a></li>`).join('')}</ul></body></html>`,
      )
    }
    const m = /^\/jobs\/(.+)$/.exec(url.pathname)
    const job = m && jobs.careers.find((j) => j.id === m[1])
    if (job) return html(jobPostingPage(job, initial.injected))
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (board, list) => (jobs[board] = list),
    vanish: (board) => gone.add(board),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** A backend job whose description names the given skills. */
export function backendJob(
  id: string,
  company: string,
  title: string,
  skills: string[],
  extra: Partial<JobSpec> = {},
): JobSpec {
  return {
    id,
    title,
    company,
    location: 'Berlin, Germany',
    paragraphs: [
      `${company} builds payment infrastructure for small businesses across Europe, processing millions of transactions a day.`,
      `You will design and run backend services with ${skills.join(', ')}, own them in production, and mentor other engineers.`,
      'We offer a hybrid setup, a learning budget and thirty days of paid vacation every year.',
    ],
    postedAt: new Date('2026-10-05T09:00:00Z'),
    ...extra,
  }
}
