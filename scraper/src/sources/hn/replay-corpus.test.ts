// Parses the real 2012–2018 "Who is hiring?" pages (shared/data, never committed) when they are present
// and checks each page against the corpus manifest. Skipped on machines without the data.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parseThreadPage } from './parse-thread-page.ts'
import type { ThreadPage } from './types.ts'

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..')
const CORPUS_DIR = join(REPO_ROOT, '../shared/data/hn-html-2012-2018')
const MANIFEST = join(CORPUS_DIR, 'manifest.json')
const DEV_SET = join(REPO_ROOT, '../shared/eval/dev.jsonl')
const DAY_MS = 86_400_000

interface ManifestEntry {
  month: string
  file: string
  thread_id: number
  top_level: number
  ads: number
}

// The story's own "on Apr 3, 2017" when the page has it; pages saved with relative ages fall back to
// the first day of the thread's month (what the eval set did too).
function threadCreatedAt(html: string, month: string): Date {
  const story = /class=["']age["']><a[^>]*>on ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})</.exec(html.slice(0, 50_000))
  if (story) return new Date(`${story[1]} ${story[2]}, ${story[3]} UTC`)
  return new Date(`${month}-01T00:00:00Z`)
}

describe.skipIf(!existsSync(MANIFEST))('replay corpus: HN pages 2012–2018', () => {
  const manifest = existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]) : []
  const pages = new Map<string, ThreadPage>()

  it(`parses all ${manifest.length} pages and matches the manifest`, () => {
    const failures: string[] = []
    let parseMs = 0
    for (const entry of manifest) {
      const html = gunzipSync(readFileSync(join(CORPUS_DIR, entry.file))).toString('utf8')
      const threadId = String(entry.thread_id)
      const started = performance.now()
      const page = parseThreadPage(html, {
        threadId,
        threadCreatedAt: threadCreatedAt(html, entry.month),
        pageUrl: `https://news.ycombinator.com/item?id=${threadId}`,
      })
      parseMs += performance.now() - started
      pages.set(entry.month, page)
      failures.push(...checkPage(entry, page))
    }
    const matching = manifest.filter((entry) => !failures.some((f) => f.startsWith(entry.month))).length
    console.log(
      `replay corpus: ${matching}/${manifest.length} pages match, parsing took ${Math.round(parseMs)} ms`,
    )
    expect(failures).toEqual([])
  }, 300_000) // 78 pages, ~40k ads: a minute on a quiet machine, more on a busy CI one

  it.skipIf(!existsSync(DEV_SET))('gives the same ad text as the dev set', () => {
    const adsById = new Map(
      [...pages.values()].flatMap((page) => page.ads.map((ad) => [`hn:${ad.sourceId}`, ad])),
    )
    const devAds = readFileSync(DEV_SET, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"hn-html-2012-2018"'))
      .map((line) => JSON.parse(line) as { id: string; text: string; posted_at: string | null })
    expect(devAds.length).toBeGreaterThan(0)
    const mismatched = devAds.filter((dev) => adsById.get(dev.id)?.text !== dev.text).map((dev) => dev.id)
    expect(mismatched).toEqual([])
  })
})

function checkPage(entry: ManifestEntry, page: ThreadPage): string[] {
  const problems: string[] = []
  const where = `${entry.month} (${entry.file})`
  if (page.ads.length !== entry.ads)
    problems.push(`${where}: ${page.ads.length} ads, manifest says ${entry.ads}`)
  if (page.stats.topLevel !== entry.top_level) {
    problems.push(`${where}: ${page.stats.topLevel} top-level rows, manifest says ${entry.top_level}`)
  }
  const monthStart = Date.parse(`${entry.month}-01T00:00:00Z`)
  const [year, month] = entry.month.split('-').map(Number) as [number, number]
  const monthEnd = Date.UTC(year, month, 1)
  const misdated = page.ads.filter((ad) => {
    const t = ad.postedAt.getTime()
    return !(t >= monthStart - 45 * DAY_MS && t < monthEnd + 45 * DAY_MS)
  })
  if (misdated.length > 0) {
    const first = misdated[0] as (typeof misdated)[number]
    problems.push(
      `${where}: ${misdated.length} ads dated outside the month ± 45 days, e.g. ${first.sourceId} ${first.postedAt.toISOString()}`,
    )
  }
  const ids = new Set(page.ads.map((ad) => ad.sourceId))
  if (ids.size !== page.ads.length)
    problems.push(`${where}: ${page.ads.length - ids.size} duplicate sourceIds`)
  // Warnings are reported, not failed on: one saved page (2014-02) is cut off inside its last row.
  if (page.warnings.length > 0) console.warn(`${where}: ${page.warnings.join(' | ')}`)
  return problems
}
