// Stored raw ad → the extractor's input. HN ads are comment HTML; board ads are the source
// module's normalised ad (JSON) with its structured salary, title, company and location.
import { htmlToText } from '@stackradar/core/text'
import type { AdInput } from '@stackradar/core/extract'
import type { StoredRawAd } from './build-rows.ts'

interface BoardPayload {
  ad?: {
    title?: string
    company?: string | null
    location?: string | null
    text?: string
    salaryText?: string | null
    salary?: AdInput['salary_structured']
  }
}

export function toAdInput(raw: StoredRawAd): AdInput {
  if (raw.payload_format === 'hn-html')
    return { id: raw.ad_id, text: htmlToText(raw.payload), source: raw.source }
  if (raw.payload_format === 'board-json') {
    let payload: BoardPayload = {}
    try {
      payload = JSON.parse(raw.payload) as BoardPayload
    } catch {
      // A corrupt payload still yields an (empty) extraction rather than a stuck job.
    }
    const ad = payload.ad ?? {}
    return {
      id: raw.ad_id,
      source: raw.source,
      title: ad.title ?? null,
      company: ad.company ?? null,
      location: ad.location ?? null,
      text: [ad.title, ad.text].filter(Boolean).join('\n'),
      salary_text: ad.salaryText ?? null,
      salary_structured: ad.salary ?? null,
    }
  }
  return { id: raw.ad_id, text: raw.payload, source: raw.source }
}
