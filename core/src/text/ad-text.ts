// A stored raw ad's plain text, as the extractor reads it: HN comment HTML converted, a board ad's
// title and description from its normalised JSON, plain text as is. Shared by extraction and by
// the ad search snippets, so a snippet shows the words the extractor matched.
import { htmlToText } from './html-to-text.ts'

export interface BoardPayload {
  ad?: {
    title?: string
    company?: string | null
    location?: string | null
    text?: string
    salaryText?: string | null
    salary?: {
      min: number
      max: number
      currency: string
      period: 'year' | 'month' | 'week' | 'day' | 'hour'
    } | null
  }
}

/** The board payload parsed, or an empty one when corrupt (a bad row never stops a batch). */
export function parseBoardPayload(payload: string): BoardPayload {
  try {
    return JSON.parse(payload) as BoardPayload
  } catch {
    return {}
  }
}

export function adPlainText(format: string, payload: string): string {
  if (format === 'hn-html') return htmlToText(payload)
  if (format === 'board-json') {
    const ad = parseBoardPayload(payload).ad ?? {}
    return [ad.title, ad.text].filter(Boolean).join('\n')
  }
  return payload
}
