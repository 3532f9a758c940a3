// Ad search: the ads that mention every skill asked, under the filter set, newest first, one per
// job (dedupe_key: its newest copy), paged by an opaque cursor. Each ad carries its evidence (the
// words that matched per skill) and a snippet of the surrounding text with the matches located.
import type { ClickHouseClient } from '@clickhouse/client'
import { SOURCE_ATTRIBUTION } from '../attribution.ts'
import { fromDateTime } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import { adPlainText } from '../text/ad-text.ts'
import type { AdHit } from '../contracts/api/ads.ts'
import { addDays, compileWhere, FilterError, type Filters } from './filters.ts'
import { newestAndHolding, newestDayUpTo } from './tally-kept.ts'

/** Before any ad: a window starting here is the whole table. */
const EARLIEST_DAY = '1970-01-01'
const LATEST_DAY = '2149-06-06'

export interface AdSearchQuery {
  filters: Filters
  skills: string[]
  limit: number
  cursor?: string | null
}

export type FoundAd = AdHit

export interface AdSearchPage {
  ads: FoundAd[]
  /** Pass as ?cursor= for the next page; null on the last page. */
  nextCursor: string | null
}

const encodeCursor = (postedAt: string, adId: string) =>
  Buffer.from(JSON.stringify([postedAt, adId])).toString('base64url')

function decodeCursor(raw: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(String(v[0])) &&
      typeof v[1] === 'string'
    )
      return [v[0] as string, v[1]]
  } catch {
    // fall through to the error below
  }
  throw new FilterError('cursor', 'not a cursor this API returned (pass nextCursor unchanged)')
}

type JobTuple = [string, string, string, string, number, string, string, string, string[], string]

/** Days in the first window searched back from the newest ad; each further window is 16× longer. */
export const FIRST_WINDOW_DAYS = 31

/** One window of a newest-first search: from `since` (null: from the floor), and whether it is small. */
export interface SearchWindow {
  since: string | null
  /** Small enough to read each ad's newest row by sorting (newestAdRows) rather than FINAL. */
  small: boolean
}

/**
 * Days back from the newest the tallies' estimate looks (the first two fixed windows): where a
 * month holds too few jobs, as on Hacker News between two monthly threads, the estimate still
 * finds the day that holds a page, rather than a 16× wider window being read.
 */
export const ESTIMATE_DAYS = FIRST_WINDOW_DAYS * 16

/**
 * The windows a newest-first search reads back from `top` until one holds a page: from `holding`
 * (the tallies' estimate, newestAndHolding) first, then the fixed windows FIRST_WINDOW_DAYS days
 * long and 16× longer each time that reach further back than it, until the window reaches `floor`.
 * A window within the first fixed one is small (read by sorting); a longer estimate streams.
 */
export function* searchWindows(
  top: string | null,
  floor: string,
  holding: string | null,
): Generator<SearchWindow> {
  if (!top) {
    yield { since: null, small: false }
    return
  }
  const fixed = addDays(top, -FIRST_WINDOW_DAYS)
  const estimate = holding && holding > floor && holding <= top ? holding : null
  if (estimate) yield { since: estimate, small: estimate > fixed }
  for (let days = FIRST_WINDOW_DAYS; ; days *= 16) {
    const since = addDays(top, -days)
    if (since <= floor) {
      yield { since: null, small: false }
      return
    }
    // A window that reaches no further back than the estimate's holds nothing more.
    if (estimate && since >= estimate) continue
    yield { since, small: days === FIRST_WINDOW_DAYS }
  }
}

/**
 * `ads` as `a` with each stored ad's newest row, among the rows whose days `days` selects (a
 * condition on posted_day, a key column: the same for every row of an ad). For a searched first
 * window (a month: tens of thousands of rows at 10M ads) sorting the rows is 2× faster than
 * FINAL's merge of every part; wider windows use FINAL, which streams.
 */
export function newestAdRows(days: string, columns = '*'): string {
  return `(SELECT ${columns} FROM ads WHERE ${days}
           ORDER BY extracted_at DESC LIMIT 1 BY source, posted_day, ad_id) AS a`
}

export async function searchAds(ch: ClickHouseClient, q: AdSearchQuery): Promise<AdSearchPage> {
  const w = compileWhere(q.filters)
  const [cTime, cId] = q.cursor ? decodeCursor(q.cursor) : ['2149-06-06 00:00:00', '']
  const params = { ...w.params, skills: q.skills, c_time: cTime, c_id: cId, n: q.limit + 1 }
  // One row per job (dedupe_key) from its newest copy. Newest first with a limit, so the search
  // reads the most recent days first and widens the window only while it has too few jobs: a
  // job's newest copy is in every window that holds any of its copies, and a job outside the
  // window is older than every job inside, so a full page from a window is the page.
  const newestRows = (since: string | null, first: boolean) =>
    first
      ? `${newestAdRows('posted_day >= {since:Date}')} WHERE ${w.sql} AND hasAll(skills, {skills:Array(String)})`
      : `ads AS a FINAL WHERE ${w.sql} AND hasAll(skills, {skills:Array(String)})
         ${since ? 'AND posted_day >= {since:Date}' : ''}`
  const jobsSince = (since: string | null, first: boolean) =>
    queryRows<{ ad_id: string; posted_at: string; job: JobTuple }>(
      ch,
      `SELECT id AS ad_id, newest AS posted_at, job FROM (
         SELECT argMax(a.ad_id, (a.posted_at, a.ad_id)) AS id, toString(max(a.posted_at)) AS newest,
                argMax(tuple(source, url, title, company, extractor_version, work_mode, country, seniority, skills, toString(posted_day)), (a.posted_at, a.ad_id)) AS job
         FROM ${newestRows(since, first && since !== null)} GROUP BY dedupe_key)
       WHERE (newest, id) < ({c_time:String}, {c_id:String})
       ORDER BY newest DESC, id DESC LIMIT {n:UInt32}`,
      { ...params, since },
    )
  // The first window ends on the newest stored day, or the filter's end or the cursor's day when
  // earlier (from the tallies or rollups when they can say: a day read there is never after the
  // ads' newest, and an earlier one only widens the window). With one skill (or none), the same
  // query estimates from which day about twice a page of jobs is on record (a day or two for a
  // common skill).
  const cap = [q.filters.to ?? LATEST_DAY, cTime.slice(0, 10)].sort()[0]!
  const { top, holding } =
    q.skills.length <= 1
      ? await newestAndHolding(ch, {
          filters: q.filters,
          skill: q.skills[0],
          cap,
          days: ESTIMATE_DAYS,
          need: (q.limit + 1) * 2,
        })
      : { top: await newestDayUpTo(ch, cap), holding: null }
  let rows: Awaited<ReturnType<typeof jobsSince>> = []
  for (const w of searchWindows(top, q.filters.from ?? EARLIEST_DAY, holding)) {
    rows = await jobsSince(w.since, w.small && w.since !== null)
    if (w.since === null || rows.length > q.limit) break
  }
  const page = rows.slice(0, q.limit)
  const ids = page.map((r) => r.ad_id)
  // The lookups name each ad's skills, days and sources too: ad_skills is ordered by skill and
  // day, raw_ads_v2 by source, so the ids alone would read the whole tables. Each keeps a key's
  // newest row by grouping on the table's key (what FINAL does, without FINAL's fixed cost of
  // merging every part's ranges: 3× faster on 1M ads).
  const skillsOf = [...new Set(page.flatMap((r) => r.job[8]))]
  const days = [...new Set(page.map((r) => r.job[9]))]
  const sources = [...new Set(page.map((r) => r.job[0]))]
  const [evidence, raws] = await Promise.all([
    queryRows<{
      ad_id: string
      skill: string
      evidence: string[]
      inferred: number
      extractor_version: number
    }>(
      ch,
      `SELECT ad_id, skill, argMax(evidence, extracted_at) AS evidence,
              argMax(inferred, extracted_at) AS inferred, extractor_version
       FROM ad_skills
       WHERE skill IN {sk:Array(String)} AND posted_day IN {days:Array(Date)} AND ad_id IN {ids:Array(String)}
       GROUP BY skill, posted_day, ad_id, extractor_version`,
      { ids, sk: skillsOf, days },
    ),
    queryRows<{ ad_id: string; payload_format: string; payload: string }>(
      ch,
      `SELECT ad_id, argMax(payload_format, fetched_at) AS payload_format,
              argMax(payload, fetched_at) AS payload
       FROM raw_ads_v2 WHERE source IN {sources:Array(String)} AND ad_id IN {ids:Array(String)}
       GROUP BY source, ad_id`,
      { ids, sources },
    ),
  ])
  const rawOf = new Map(raws.map((r) => [r.ad_id, r]))
  const ads = page.map((r): FoundAd => {
    const [source, url, title, company, version, workMode, country, seniority] = r.job
    const ev = evidence
      .filter((e) => e.ad_id === r.ad_id && Number(e.extractor_version) === Number(version))
      .map((e) => ({ skill: e.skill, words: e.evidence, inferred: Boolean(Number(e.inferred)) }))
      .sort(
        (a, b) =>
          Number(q.skills.includes(b.skill)) - Number(q.skills.includes(a.skill)) ||
          a.skill.localeCompare(b.skill),
      )
    const raw = rawOf.get(r.ad_id)
    const text = raw ? adPlainText(raw.payload_format, raw.payload) : ''
    const asked = ev.filter((e) => !q.skills.length || q.skills.includes(e.skill))
    const words = asked.flatMap((e) => e.words)
    const { snippet, highlights } = makeSnippet(text, words)
    return {
      adId: r.ad_id,
      source,
      url,
      title,
      company,
      postedAt: fromDateTime(r.posted_at).toISOString(),
      workMode,
      country,
      seniority,
      evidence: [...new Set(words)],
      inferred: q.skills.length > 0 && asked.length > 0 && asked.every((e) => e.inferred),
      matches: ev,
      snippet,
      highlights,
      attribution: SOURCE_ATTRIBUTION[source] ?? null,
    }
  })
  const last = page.at(-1)
  return { ads, nextCursor: rows.length > q.limit && last ? encodeCursor(last.posted_at, last.ad_id) : null }
}

const SNIPPET_RADIUS = 120
const ALNUM = /[\p{L}\p{N}]/u

/**
 * Where `word` occurs in `text` from `from` as a whole word: "go" in "Go, Rust" but not in
 * "MongoDB" or "Oregon" (a word edge that is a letter or digit must not touch another one).
 */
function wordIndex(text: string, word: string, from: number): number {
  if (!word) return -1
  const edgeStart = ALNUM.test(word[0]!)
  const edgeEnd = ALNUM.test(word[word.length - 1]!)
  for (let i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = i > 0 ? text[i - 1]! : ' '
    const after = text[i + word.length] ?? ' '
    if ((!edgeStart || !ALNUM.test(before)) && (!edgeEnd || !ALNUM.test(after))) return i
  }
  return -1
}

/**
 * About 2 × SNIPPET_RADIUS characters of `text` around the first matched word, cut at word
 * boundaries, whitespace collapsed, with the offsets of every matched word inside it.
 */
export function makeSnippet(
  text: string,
  words: string[],
): { snippet: string; highlights: [number, number][] } {
  const flat = text.replace(/\s+/g, ' ').trim()
  const lower = flat.toLowerCase()
  const first = words.map((w) => wordIndex(lower, w.toLowerCase(), 0)).filter((i) => i >= 0)
  const at = first.length ? Math.min(...first) : 0
  let start = Math.max(0, at - SNIPPET_RADIUS)
  let end = Math.min(flat.length, at + SNIPPET_RADIUS)
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > at ? flat.lastIndexOf(' ', end) : end
  const body = flat.slice(start, end)
  const prefix = start > 0 ? '… ' : ''
  const snippet = `${prefix}${body}${end < flat.length ? ' …' : ''}`
  const highlights: [number, number][] = []
  const bodyLower = body.toLowerCase()
  for (const w of new Set(words.map((x) => x.toLowerCase()).filter(Boolean))) {
    for (let i = wordIndex(bodyLower, w, 0); i >= 0; i = wordIndex(bodyLower, w, i + w.length))
      highlights.push([prefix.length + i, prefix.length + i + w.length])
  }
  return { snippet, highlights: highlights.sort((a, b) => a[0] - b[0]) }
}
