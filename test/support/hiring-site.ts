// A small "Who is hiring?" world with known answers: threads, pages and ads generated from a
// rule per ad (which skills it names), so a test knows exactly what the API must return.
import type { HnFixtureSite } from './hn-fixture-server.ts'
import { hiringTitle, renderAlgoliaItem, renderThreadPage, type RenderedComment } from './hn-render.ts'

const STACK: { skill: string; words: string; every: number }[] = [
  { skill: 'python', words: 'Python', every: 2 },
  { skill: 'go', words: 'Golang', every: 3 },
  { skill: 'postgresql', words: 'PostgreSQL', every: 4 },
  { skill: 'kubernetes', words: 'Kubernetes', every: 5 },
  { skill: 'rust', words: 'Rust', every: 7 },
]

export interface SiteMonth {
  month: string
  threadId: string
  createdAt: Date
  /** Ads per page of the thread (more than one entry → a "More" link). */
  pages: number[]
}

export interface HiringSite extends HnFixtureSite {
  months: SiteMonth[]
  /** Exactly what /api/v1/trends must say for these skills, per month. */
  expected(skills: string[]): { period: string; skill: string; ads: number; total: number }[]
  totalAds: number
}

export function skillsOfAd(k: number): string[] {
  return STACK.filter((s) => k % s.every === 0).map((s) => s.skill)
}

function adHtml(threadId: string, k: number): string {
  const words = STACK.filter((s) => k % s.every === 0).map((s) => s.words)
  const stack = words.length ? `Our stack: ${words.join(', ')}.` : 'Stack details on request.'
  // Traps a keyword counter falls for: go-to-market, an e-mail address with a skill name.
  return (
    `Company${threadId}x${k} | Senior Backend Engineer | Remote (US) | Full-time` +
    `<p>${stack} We are growing our go-to-market team as well.</p>` +
    `<p>Apply: <a href="mailto:rust-jobs@example.com">rust-jobs@example.com</a></p>`
  )
}

export function createHiringSite(months: SiteMonth[]): HiringSite {
  const pagesById = new Map<string, string[]>()
  const itemsById = new Map<string, unknown>()
  for (const m of months) {
    const all: RenderedComment[] = []
    let k = 0
    const rendered: string[] = []
    m.pages.forEach((count, p) => {
      const comments: RenderedComment[] = []
      for (let i = 0; i < count; i++, k++) {
        const time = new Date(m.createdAt.getTime() + (k + 1) * 3_600_000)
        comments.push({
          id: `${m.threadId}${String(k).padStart(4, '0')}`,
          author: `user${k}`,
          time,
          html: adHtml(m.threadId, k),
        })
        // A reply naming Python: replies are not ads.
        if (i === 0)
          comments.push({
            id: `${m.threadId}9${p}01`,
            author: 'replier',
            time,
            html: 'Is Python required?',
            indent: 1,
          })
      }
      if (p === 0) {
        comments.push({
          id: `${m.threadId}9${p}02`,
          author: 'gone',
          time: m.createdAt,
          html: '',
          deleted: true,
        })
        comments.push({
          id: `${m.threadId}9${p}03`,
          author: 'spam',
          time: m.createdAt,
          html: '',
          flagged: true,
        })
      }
      all.push(...comments)
      const nextPage = p + 1 < m.pages.length ? p + 2 : undefined
      rendered.push(
        renderThreadPage({
          threadId: m.threadId,
          month: m.month,
          createdAt: m.createdAt,
          comments,
          nextPage,
        }),
      )
    })
    pagesById.set(m.threadId, rendered)
    itemsById.set(
      m.threadId,
      renderAlgoliaItem({ threadId: m.threadId, month: m.month, createdAt: m.createdAt, comments: all }),
    )
  }

  return {
    months,
    stories: months.map((m) => ({ id: m.threadId, title: hiringTitle(m.month), createdAt: m.createdAt })),
    page: (id, page) => pagesById.get(id)?.[page - 1] ?? null,
    item: (id) => itemsById.get(id),
    totalAds: months.reduce((n, m) => n + m.pages.reduce((a, b) => a + b, 0), 0),
    expected(skills) {
      const out: { period: string; skill: string; ads: number; total: number }[] = []
      for (const m of [...months].sort((a, b) => a.month.localeCompare(b.month))) {
        const total = m.pages.reduce((a, b) => a + b, 0)
        for (const skill of [...skills].sort()) {
          let ads = 0
          for (let k = 0; k < total; k++) if (skillsOfAd(k).includes(skill)) ads++
          out.push({ period: `${m.month}-01`, skill, ads, total })
        }
      }
      return out
    },
  }
}

/** The default world: three months, the last one spread over two pages. */
export function defaultHiringSite(scale = 1): HiringSite {
  const at = (month: string) => new Date(`${month}-01T15:00:00Z`)
  return createHiringSite([
    { month: '2026-07', threadId: '44100000', createdAt: at('2026-07'), pages: [12 * scale] },
    { month: '2026-08', threadId: '44200000', createdAt: at('2026-08'), pages: [18 * scale] },
    { month: '2026-09', threadId: '44300000', createdAt: at('2026-09'), pages: [20 * scale, 10 * scale] },
  ])
}
