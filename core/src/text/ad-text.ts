// A stored raw ad's plain text, as the extractor reads it (HN comment HTML converted; a board ad's
// title and description), for the ad search snippets. Empty when the payload does not decode.
import { decodeStoredAd } from '../contracts/payloads.ts'
import { htmlToText } from './html-to-text.ts'

export function adPlainText(format: string, payload: string): string {
  const decoded = decodeStoredAd(format, payload)
  if (!decoded.ok) return ''
  const stored = decoded.value
  switch (stored.format) {
    case 'hn-html':
      return htmlToText(stored.html)
    case 'text':
      return stored.text
    case 'board-json':
      return [stored.ad.title, stored.ad.text].filter(Boolean).join('\n')
  }
}
