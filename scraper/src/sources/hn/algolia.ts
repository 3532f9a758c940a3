// HN Algolia API (hn.algolia.com/api/v1): the thread index (story search) and whole threads (items).
// Bodies are validated with zod: a changed API must fail loudly, not yield empty months.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { trimSlash } from './hn-urls.ts'
import { whoIsHiringMonth } from './thread-title.ts'
import type { HnAd, HnThreadRef } from './types.ts'

const WHOISHIRING_STORIES_PER_PAGE = 100

const timestamps = {
  created_at: z.string().nullish(),
  created_at_i: z.number().int().nullish(),
}

const storySearchSchema = z.object({
  hits: z.array(
    z.object({
      objectID: z.union([z.string().min(1), z.number().int()]),
      title: z.string().nullish(),
      ...timestamps,
    }),
  ),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
})

const itemCommentSchema = z.object({
  id: z.number().int(),
  author: z.string().nullish(),
  text: z.string().nullish(),
  type: z.string().nullish(),
  ...timestamps,
  // Replies are not ads; they are not validated or read.
  children: z.array(z.unknown()).nullish(),
})

const itemStorySchema = z.object({
  id: z.number().int(),
  type: z.string().nullish(),
  title: z.string().nullish(),
  ...timestamps,
  children: z.array(itemCommentSchema),
})

export interface StorySearchPage {
  /** Only "Ask HN: Who is hiring? (Month YYYY)" threads, in the API's order. */
  threads: HnThreadRef[]
  page: number
  nbPages: number
}

export interface AlgoliaThread {
  thread: { id: string; title: string | null; createdAt: Date; month: string | null }
  ads: HnAd[]
  stats: { topLevel: number; skipped: { deleted: number; flagged: number; empty: number } }
}

/** URL of one page of the whoishiring account's stories created at or after `sinceUnix`, newest first. */
export function buildAlgoliaStorySearchUrl(base: string, opts: { sinceUnix: number; page: number }): string {
  const params = new URLSearchParams({
    tags: 'story,author_whoishiring',
    numericFilters: `created_at_i>=${Math.floor(opts.sinceUnix)}`,
    hitsPerPage: String(WHOISHIRING_STORIES_PER_PAGE),
    page: String(Math.max(0, Math.floor(opts.page))),
  })
  return `${trimSlash(base)}/api/v1/search_by_date?${params.toString()}`
}

/** Body of `GET /api/v1/search_by_date?tags=story,author_whoishiring…` → the "Who is hiring?" threads on it. */
export function parseAlgoliaStorySearch(json: unknown): StorySearchPage {
  const body = validate(storySearchSchema, json, 'Algolia story search response')
  const threads: HnThreadRef[] = []
  for (const hit of body.hits) {
    const title = hit.title?.trim() ?? ''
    const month = whoIsHiringMonth(title)
    if (month === null) continue // "Who wants to be hired?", "Freelancer?", announcements
    const id = String(hit.objectID)
    threads.push({ id, title, createdAt: createdAtOf(hit, `story ${id}`), month })
  }
  return { threads, page: body.page, nbPages: body.nbPages }
}

/** Body of `GET /api/v1/items/<threadId>` → the thread and its top-level comments that have text. */
export function parseAlgoliaItem(json: unknown): AlgoliaThread {
  const story = validate(itemStorySchema, json, 'Algolia item response')
  if (story.type != null && story.type !== 'story') {
    throw new Error(`Algolia item ${story.id} is a ${story.type}, not a story (a thread id was expected)`)
  }
  const title = story.title?.trim() || null
  const result: AlgoliaThread = {
    thread: {
      id: String(story.id),
      title,
      createdAt: createdAtOf(story, `item ${story.id}`),
      month: title === null ? null : whoIsHiringMonth(title),
    },
    ads: [],
    stats: { topLevel: story.children.length, skipped: { deleted: 0, flagged: 0, empty: 0 } },
  }
  for (const comment of story.children) {
    const html = comment.text ?? ''
    const text = htmlToText(html)
    // Algolia keeps deleted comments as author: null, text: null.
    if (comment.text == null && comment.author == null) result.stats.skipped.deleted++
    else if (text === '[deleted]') result.stats.skipped.deleted++
    else if (text === '[flagged]' || text === '[dead]') result.stats.skipped.flagged++
    else if (text === '') result.stats.skipped.empty++
    else {
      result.ads.push({
        sourceId: String(comment.id),
        author: comment.author ?? null,
        html,
        text,
        postedAt: createdAtOf(comment, `comment ${comment.id}`),
        dateSource: 'absolute',
      })
    }
  }
  return result
}

function createdAtOf(
  record: { created_at?: string | null; created_at_i?: number | null },
  what: string,
): Date {
  if (record.created_at_i != null) return new Date(record.created_at_i * 1000)
  const parsed = record.created_at == null ? NaN : Date.parse(record.created_at)
  if (Number.isNaN(parsed)) throw new Error(`Algolia ${what} has no usable created_at_i / created_at`)
  return new Date(parsed)
}

function validate<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json)
  if (result.success) return result.data
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
  throw new Error(`invalid ${what}: ${problems.join('; ')}`)
}
