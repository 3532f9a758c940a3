// Pure: one raw ad + its extraction → the rows for `ads` and `ad_skills`.
import { fromDateTime, toDate, toDateTime64 } from '@stackradar/core/clickhouse'
import type { AdRow, AdSkillRow, StoredRawAd } from '@stackradar/core/tables'
import type { Extraction } from '@stackradar/core/extract'

export type { StoredRawAd }

export function buildRows(
  raw: StoredRawAd,
  ex: Extraction,
  version: number,
  now: Date,
): { ad: AdRow; skills: AdSkillRow[] } {
  const extractedAt = toDateTime64(now)
  const postedDay = toDate(fromDateTime(raw.posted_at))
  const s = ex.salary
  const ad: AdRow = {
    ad_id: raw.ad_id,
    source: raw.source,
    source_id: raw.source_id,
    thread_id: raw.thread_id,
    url: raw.url,
    posted_at: raw.posted_at,
    posted_day: postedDay,
    company: (ex.company ?? '').slice(0, 300),
    title: (ex.title ?? '').slice(0, 300),
    seniority: ex.seniority,
    work_mode: ex.work_mode,
    remote_region: ex.remote_region ?? '',
    country: ex.country ?? '',
    employment_type: ex.employment_type,
    role_family: ex.role_family,
    industries: ex.industries,
    visa_sponsorship: ex.visa_sponsorship === null ? null : Number(ex.visa_sponsorship),
    skills: ex.skills.map((k) => k.id),
    named_skills: ex.skills.filter((k) => !k.inferred).map((k) => k.id),
    salary_raw: s?.raw.slice(0, 500) ?? '',
    salary_min: s?.min ?? null,
    salary_max: s?.max ?? null,
    salary_currency: s?.currency ?? '',
    salary_period: s?.period ?? '',
    salary_kind: s?.kind ?? '',
    salary_source: s?.source ?? '',
    salary_annual_min_usd: s?.annual_min_usd ?? null,
    salary_annual_max_usd: s?.annual_max_usd ?? null,
    salary_confidence: s?.confidence ?? 0,
    extractor_version: version,
    extracted_at: extractedAt,
    dedupe_key: raw.dedupe_key || raw.ad_id,
  }
  const skills: AdSkillRow[] = ex.skills.map((k) => ({
    skill: k.id,
    posted_day: postedDay,
    ad_id: raw.ad_id,
    extractor_version: version,
    source: raw.source,
    category: k.category,
    inferred: k.inferred ? 1 : 0,
    evidence: k.evidence.slice(0, 5).map((e) => e.slice(0, 200)),
    extracted_at: extractedAt,
    dedupe_key: raw.dedupe_key || raw.ad_id,
  }))
  return { ad, skills }
}
