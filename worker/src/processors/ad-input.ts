// Stored raw ad → the extractor's input. HN ads are comment HTML; board ads are the source
// module's normalised ad (JSON) with its structured salary, title, company and location.
import { adPlainText, parseBoardPayload } from '@stackradar/core/text/ad-text'
import type { AdInput } from '@stackradar/core/extract/types'
import type { StoredRawAd } from './build-rows.ts'

export function toAdInput(raw: StoredRawAd): AdInput {
  const text = adPlainText(raw.payload_format, raw.payload)
  if (raw.payload_format !== 'board-json') return { id: raw.ad_id, text, source: raw.source }
  const ad = parseBoardPayload(raw.payload).ad ?? {}
  return {
    id: raw.ad_id,
    source: raw.source,
    title: ad.title ?? null,
    company: ad.company ?? null,
    location: ad.location ?? null,
    text,
    salary_text: ad.salaryText ?? null,
    salary_structured: ad.salary ?? null,
  }
}
