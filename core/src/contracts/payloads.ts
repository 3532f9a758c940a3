// The stored raw ad's payload, one codec per `payload_format`: the scraper encodes it when it
// stores a raw ad, the extract worker decodes it. A payload that does not decode is an error with
// its reason (never an empty ad). Browser-safe: imports zod only.
import { z } from 'zod'

export const PAYLOAD_FORMATS = ['hn-html', 'board-json', 'text'] as const
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number]

export const SALARY_PERIODS = ['year', 'month', 'week', 'day', 'hour'] as const

export const StructuredSalary = z.object({
  min: z.number(),
  max: z.number(),
  currency: z.string(),
  period: z.enum(SALARY_PERIODS),
})
export type StructuredSalary = z.infer<typeof StructuredSalary>

/**
 * A board's normalised ad as stored in `board-json` (the source module's NormalizedAd without
 * `raw`; dates as ISO strings). The fields the extractor reads are required; the rest are kept
 * for re-reading history and may be absent in payloads stored by older versions.
 */
export const BoardAd = z.looseObject({
  sourceId: z.string().optional(),
  url: z.string().optional(),
  title: z.string(),
  company: z.string().nullish(),
  location: z.string().nullish(),
  remote: z.boolean().nullable().optional(),
  postedAt: z.string().nullable().optional(),
  text: z.string(),
  salaryText: z.string().nullish(),
  salary: StructuredSalary.nullish(),
  employmentType: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
})
export type BoardAd = z.infer<typeof BoardAd>

const BoardPayload = z.object({ ad: BoardAd, raw: z.unknown() })

/** What a source module hands over to be stored (its NormalizedAd without `raw`). */
export interface BoardAdInput {
  /** The board's own id of the job (stable across fetches). */
  sourceId: string
  /** Public link to the ad on the board (shown as attribution on every ad). */
  url: string
  title: string
  company: string | null
  location: string | null
  /** True when the board marks the job remote, false when it says onsite/hybrid, else null. */
  remote: boolean | null
  postedAt: Date | null
  /** Plain text of the description: htmlToText(html, { blocks: true }) for HTML descriptions. */
  text: string
  /** A separate free-text salary field (Remotive `salary`), if any. */
  salaryText: string | null
  /** Structured salary (Lever salaryRange, Ashby compensation, RemoteOK salary_min/max...). */
  salary: StructuredSalary | null
  employmentType: string | null
  tags: string[]
}

export type StoredAd =
  | { format: 'hn-html'; html: string }
  | { format: 'board-json'; ad: BoardAd; raw: unknown }
  | { format: 'text'; text: string }

export type Decoded = { ok: true; value: StoredAd } | { ok: false; reason: string }

/** What the scraper writes: the format column and the payload string (hashed to detect changes). */
export function encodeStoredAd(
  ad:
    | { format: 'hn-html'; html: string }
    | { format: 'board-json'; ad: BoardAdInput; raw: unknown }
    | { format: 'text'; text: string },
): { payload_format: PayloadFormat; payload: string } {
  switch (ad.format) {
    case 'hn-html':
      return { payload_format: ad.format, payload: ad.html }
    case 'board-json':
      // Key order is part of the content hash: `{ ad, raw }` as every stored board ad has it.
      return { payload_format: ad.format, payload: JSON.stringify({ ad: ad.ad, raw: ad.raw }) }
    case 'text':
      return { payload_format: ad.format, payload: ad.text }
  }
}

/** What the extract worker reads back; `reason` says why a payload cannot be used. */
export function decodeStoredAd(format: string, payload: string): Decoded {
  switch (format) {
    case 'hn-html':
      return { ok: true, value: { format, html: payload } }
    case 'text':
      return { ok: true, value: { format, text: payload } }
    case 'board-json': {
      let json: unknown
      try {
        json = JSON.parse(payload)
      } catch (err) {
        return { ok: false, reason: `board-json payload is not JSON: ${(err as Error).message}` }
      }
      const parsed = BoardPayload.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        return {
          ok: false,
          reason: `board-json payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        }
      }
      return { ok: true, value: { format, ad: parsed.data.ad, raw: parsed.data.raw } }
    }
    default:
      return { ok: false, reason: `unknown payload format '${format.slice(0, 40)}'` }
  }
}
