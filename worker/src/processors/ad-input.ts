// Stored raw ad → the extractor's input, through the payload codec of core's contracts. HN ads are
// comment HTML; board ads are the source module's normalised ad (JSON) with its structured salary,
// title, company and location. A payload that does not decode is answered with its reason.
import { decodeStoredAd } from '@stackradar/core/contracts/payloads'
import type { AdInput } from '@stackradar/core/extract'
import { htmlToText } from '@stackradar/core/text'
import type { StoredRawAd } from './build-rows.ts'

export type AdInputResult = { ok: true; input: AdInput } | { ok: false; reason: string }

export function toAdInput(raw: StoredRawAd): AdInputResult {
  const decoded = decodeStoredAd(raw.payload_format, raw.payload)
  if (!decoded.ok) return decoded
  const stored = decoded.value
  const base = { id: raw.ad_id, source: raw.source }
  switch (stored.format) {
    case 'hn-html':
      return { ok: true, input: { ...base, text: htmlToText(stored.html) } }
    case 'text':
      return { ok: true, input: { ...base, text: stored.text } }
    case 'board-json': {
      const ad = stored.ad
      return {
        ok: true,
        input: {
          ...base,
          title: ad.title,
          company: ad.company ?? null,
          location: ad.location ?? null,
          text: [ad.title, ad.text].filter(Boolean).join('\n'),
          salary_text: ad.salaryText ?? null,
          salary_structured: ad.salary ?? null,
        },
      }
    }
  }
}
