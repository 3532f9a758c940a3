// The contracts of source modules. Every source is crawled the same way (CrawlSource, below):
// discover its units, read each unit page by page, and say how many ads each page holds. A job
// board implements the simpler SourceModule (its whole listing as normalised ads) and is read as
// a one-unit, one-page crawl source (listing-source.ts); the pipeline stores the ads as raw ads,
// extracts and counts them.
import type { z } from 'zod'
import type { BoardAdInput, StructuredSalary } from '@stackradar/core/contracts/payloads'

export type SalaryPeriod = StructuredSalary['period']

/**
 * A job as a board module hands it over: the stored-ad contract's fields (the board's own id, the
 * public link, plain-text description, structured salary…) plus the job exactly as the board
 * returned it, kept so history can be re-read.
 */
export type NormalizedAd = BoardAdInput & { raw: unknown }

/** HTTP as a source sees it: polite, retried, size-limited fetches provided by the pipeline. */
export interface SourceHttp {
  text(
    url: string,
    opts?: { headers?: Record<string, string> },
  ): Promise<{ status: number; body: string; url: string }>
  json(
    url: string,
    opts?: { headers?: Record<string, string> },
  ): Promise<{ status: number; data: unknown; url: string }>
  /** HTML after JavaScript ran (Playwright browser pool), for boards rendered client-side. */
  rendered(url: string): Promise<{ status: number; body: string; url: string }>
  /** The same HTTP for one run (one listing) with a time budget per host; absent: no budget. */
  forRun?(): SourceHttp
}

/**
 * The host is held as down or this run's time for it is spent: a listing must stop (fail) on this
 * error rather than skip the ad, since a skipped ad would count as gone from the board.
 */
export function isHostUnavailable(error: unknown): boolean {
  return error instanceof Error && (error as { hostUnavailable?: unknown }).hostUnavailable === true
}

export interface SourceListing {
  ads: NormalizedAd[]
  /** Requests made (pages of a listing, ad pages of a crawl). */
  requests: number
  /** Problems that did not stop the listing (an ad that failed to parse), for the log. */
  warnings: string[]
}

export interface SourceModule<C extends Record<string, unknown> = Record<string, unknown>> {
  /** e.g. 'greenhouse'; also the `source` column of stored ads. */
  kind: string
  /** Per-board settings in the sources config file, e.g. { board: 'gitlab' }. */
  configSchema: z.ZodType<C>
  /** Default API / site base URL; the config may override it (tests point it at a local server). */
  defaultBaseUrl: string
  /** Every ad currently on one configured board. */
  list(config: C, ctx: { baseUrl: string; http: SourceHttp }): Promise<SourceListing>
}

// ---- The crawl contract every source implements (Hacker News and the boards alike) ----

/** What a source is read in: a monthly thread, a board's listing. */
export interface CrawlUnit {
  /** Stable key within its source (a thread id; a board's own id). */
  key: string
  /** Human label, e.g. the month '2026-07'. */
  label: string
  /** When the unit began (a thread's creation); anchors relative dates. */
  createdAt: Date
}

/** One ad as a crawl page yields it: a comment of HTML (threads) or a normalised board posting. */
export type CrawledAd =
  | {
      format: 'html'
      sourceId: string
      url: string
      html: string
      postedAt: Date
      dateSource: 'absolute' | 'relative' | 'thread'
    }
  | { format: 'posting'; ad: NormalizedAd }

export interface UnitPage {
  ads: CrawledAd[]
  /** The next page of the unit, or null when this was its last. */
  nextPage: number | null
  /** How many ads the source says this page holds (its own count; summed over a unit's pages). */
  expected: number
  /** Markup or records that did not parse but did not stop the page, for the log. */
  warnings: string[]
}

export interface CrawlContext {
  /** The configured source's key ('hn', a board id). */
  target: string
  baseUrl: string
  http: SourceHttp
  now: Date
}

export interface CrawlSource<C extends Record<string, unknown> = Record<string, unknown>> {
  /** e.g. 'hn', 'greenhouse'; also the `source` column of stored ads. */
  kind: string
  configSchema: z.ZodType<C>
  defaultBaseUrl: string
  /**
   * True when a unit read in full is the complete set of the source's open ads (a board
   * listing): ads missing from it are closed, and postings are deduplicated across boards.
   */
  listing: boolean
  /** The units that exist now (new ones become pending; known ones keep their state). */
  discover(config: C, ctx: CrawlContext): Promise<CrawlUnit[]>
  /** One page of one unit. Throws on a page that cannot be read (a FetchError says whether to retry). */
  readPage(config: C, unit: CrawlUnit, page: number, ctx: CrawlContext): Promise<UnitPage>
  /** When a unit finished at `ctx.now` is due again; null: never. */
  revisitAt(config: C, unit: CrawlUnit, ctx: { now: Date; everyMinutes: number }): Date | null
}
