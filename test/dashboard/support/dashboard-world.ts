// The dashboard tests' "Who is hiring?" world: four monthly threads ending in the current month
// (so the last period is incomplete), ads that vary in title, place, salary, industry and stack so
// every page has something to draw, one hostile ad whose text carries markup, and one thread page
// that always fails (its source must say so, without turning red). Served by the HN fixture server.
import type { FixtureFaults, HnFixtureSite } from '../../support/hn-fixture-server.ts'
import {
  hiringTitle,
  renderAlgoliaItem,
  renderThreadPage,
  type RenderedComment,
} from '../../support/hn-render.ts'

const STACK = [
  { words: 'Python', every: 2 },
  { words: 'Golang', every: 3 },
  { words: 'PostgreSQL', every: 4 },
  { words: 'Kubernetes', every: 5 },
  { words: 'AWS', every: 3, offset: 1 },
  { words: 'Docker', every: 4, offset: 1 },
  { words: 'Rust', every: 7 },
]
const TITLES = [
  'Senior Backend Engineer',
  'Junior Backend Developer',
  'Lead Platform Engineer',
  'Backend Engineer',
  'Staff Data Engineer',
  'DevOps Engineer',
]
const PLACES = [
  'Remote (US)',
  'London, UK',
  'Berlin, Germany',
  'Onsite, Austin, TX',
  'Hybrid, New York',
  'Toronto, ON',
]
const SALARIES = [
  '$120k - $160k',
  '£60,000 - £80,000',
  '$140,000 - $180,000',
  '€70,000 - €90,000',
  '$100k-$130k',
  '',
]
const INDUSTRIES = [
  'A fintech startup building payments for banks.',
  'We build telehealth software for patients.',
  'An e-commerce platform for independent shops.',
  'We make developer tools.',
]

/** Text of the hostile ad: markup that must stay text on every page that shows it. */
export const HOSTILE_MARKUP = [`<script>window.__pwned=1</script>`, `<img src=x onerror="window.__pwned=2">`]

/** HN escapes comment text: the markup arrives as entities and is stored as these characters. */
const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

function adHtml(month: number, k: number): string {
  const stack = STACK.filter((s) => (k + (s.offset ?? 0)) % s.every === 0).map((s) => s.words)
  // Go ads pay more, so the salary chart has a difference to show.
  const listed = SALARIES[(k + month) % SALARIES.length]
  const salary = listed && k % 3 === 0 ? `$${140 + 5 * month}k - $${180 + 5 * month}k` : listed
  const header = [
    `Company${month}x${k}`,
    TITLES[k % TITLES.length],
    PLACES[(k * 5 + month) % PLACES.length],
    'Full-time',
  ]
  if (salary) header.push(salary)
  return (
    `${header.join(' | ')}<p>${INDUSTRIES[(k * (month + 1)) % INDUSTRIES.length]} ` +
    `${stack.length ? `Our stack: ${stack.join(', ')}.` : 'Stack details on request.'}</p>`
  )
}

function hostileHtml(): string {
  return (
    `Evilcorp | Senior Backend Engineer | Remote (US) | Full-time | $150k - $190k` +
    `<p>We use Python and ${escapeHtml(HOSTILE_MARKUP[0]!)} plus ${escapeHtml(HOSTILE_MARKUP[1]!)} daily.</p>`
  )
}

export interface DashboardWorld {
  site: HnFixtureSite
  faults: FixtureFaults
  /** First month of the threads (YYYY-MM), for HN_SINCE. */
  since: string
  months: string[]
  /** Ads the pipeline stores (the failing page's ads never arrive). */
  storedAds: number
  /** Company name of the hostile ad. */
  hostileCompany: string
}

const monthKey = (d: Date) => d.toISOString().slice(0, 7)

/** `adsPerMonth` ads in each of four months ending in the month of `now`. */
export function dashboardWorld(now = new Date(), adsPerMonth = 40): DashboardWorld {
  const months: string[] = []
  for (let back = 3; back >= 0; back--)
    months.push(monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))))
  const pages = new Map<string, string[]>()
  const items = new Map<string, unknown>()
  const stories: HnFixtureSite['stories'] = []
  let failingPath = ''
  let storedAds = 0
  months.forEach((month, m) => {
    const threadId = String(45_000_000 + m * 100_000)
    const createdAt = new Date(`${month}-01T15:00:00Z`)
    // The current month has only its first day or so of ads; keep them before `now`.
    const stepMs =
      m === months.length - 1
        ? Math.max(60_000, (now.getTime() - createdAt.getTime()) / (adsPerMonth + 2))
        : 3_600_000
    const comments: RenderedComment[] = []
    for (let k = 0; k < adsPerMonth; k++)
      comments.push({
        id: `${threadId.slice(0, 4)}${m}${String(k).padStart(4, '0')}`,
        author: `user${k}`,
        time: new Date(createdAt.getTime() + (k + 1) * stepMs),
        html: m === 1 && k === 3 ? hostileHtml() : adHtml(m, k),
      })
    // The second month's thread has a second page that always fails.
    const split = m === 2 ? adsPerMonth - 5 : adsPerMonth
    const first = comments.slice(0, split)
    const rest = comments.slice(split)
    const rendered = [
      renderThreadPage({
        threadId,
        month,
        createdAt,
        comments: first,
        nextPage: rest.length ? 2 : undefined,
      }),
    ]
    if (rest.length) {
      rendered.push(renderThreadPage({ threadId, month, createdAt, comments: rest }))
      failingPath = `/item?id=${threadId}&p=2`
    }
    storedAds += first.length
    pages.set(threadId, rendered)
    items.set(threadId, renderAlgoliaItem({ threadId, month, createdAt, comments }))
    stories.push({ id: threadId, title: hiringTitle(month), createdAt })
  })
  return {
    site: {
      stories,
      page: (id, page) => pages.get(id)?.[page - 1] ?? null,
      item: (id) => items.get(id),
    },
    faults: { failFirst: [{ pathPrefix: failingPath, status: 500, times: 1_000_000 }] },
    since: months[0]!,
    months,
    storedAds,
    hostileCompany: 'Evilcorp',
  }
}
