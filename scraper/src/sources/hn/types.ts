// Shapes produced by the Hacker News "Ask HN: Who is hiring?" parsers (HTML pages and the Algolia API).

/** Where an ad's `postedAt` came from: the page/API timestamp, thread date + relative ages, or the thread date alone. */
export type HnDateSource = 'absolute' | 'relative' | 'thread'

/** One job ad: a top-level comment of a "Who is hiring?" thread that has text. */
export interface HnAd {
  /** HN comment id. */
  sourceId: string
  author: string | null
  /** Inner HTML of the comment text, as HN serves it (reply link and markup around it removed). */
  html: string
  /** Plain text (see `htmlToText` in core). */
  text: string
  postedAt: Date
  dateSource: HnDateSource
}

/** An HN age label: "on Apr 3, 2017", "51 days ago", with the `title` timestamp of today's HN when present. */
export interface HnAge {
  text: string
  absolute: Date | null
  relativeSeconds: number | null
}

export interface ThreadPageStats {
  /** All comment rows on the page (ads, replies, deleted …). */
  commentRows: number
  /** Rows with indent 0. */
  topLevel: number
  skipped: { deleted: number; flagged: number; empty: number }
}

export interface ThreadPage {
  threadId: string
  title: string | null
  threadAge: HnAge | null
  ads: HnAd[]
  /** Absolute URL of the next page of the thread (HN's "More" link), or null on the last page. */
  nextPageUrl: string | null
  stats: ThreadPageStats
  /** Markup the parser did not expect; empty on a normal page. Meant for the caller's log. */
  warnings: string[]
  /** Why the page was not parsed at all (over a size, depth or element limit), else null. */
  refused: string | null
}

export interface ThreadPageContext {
  threadId: string
  /** Exact creation time of the thread when known (Algolia `created_at_i`); anchors relative comment ages. */
  threadCreatedAt?: Date
  /** URL the page was fetched from; the "More" link is resolved against it. */
  pageUrl: string
}

/** A "Who is hiring?" thread as listed by the Algolia story search. */
export interface HnThreadRef {
  id: string
  title: string
  createdAt: Date
  /** Month the thread is for, from its title: 'YYYY-MM'. */
  month: string
}
