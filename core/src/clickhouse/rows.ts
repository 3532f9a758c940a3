// Row types of the ClickHouse tables (see migrations/). Writers build these; readers get them.
// DateTime columns travel as UTC strings (see datetime.ts); UInt64 as decimal strings.

export interface RawAdRow {
  ad_id: string
  source: string
  source_id: string
  thread_id: string
  url: string
  posted_at: string
  date_source: 'absolute' | 'relative' | 'thread' | 'source'
  payload_format: 'hn-html' | 'board-json' | 'text'
  payload: string
  content_hash: string
  fetched_at: string
  dedupe_key?: string
}

export interface AdRow {
  ad_id: string
  source: string
  source_id: string
  thread_id: string
  url: string
  posted_at: string
  posted_day: string
  company: string
  title: string
  seniority: string
  work_mode: string
  remote_region: string
  country: string
  employment_type: string
  role_family: string
  industries: string[]
  visa_sponsorship: number | null
  skills: string[]
  salary_raw: string
  salary_min: number | null
  salary_max: number | null
  salary_currency: string
  salary_period: string
  salary_kind: string
  salary_source: string
  salary_annual_min_usd: number | null
  salary_annual_max_usd: number | null
  salary_confidence: number
  extractor_version: number
  extracted_at: string
  dedupe_key: string
}

export interface AdSkillRow {
  skill: string
  posted_day: string
  ad_id: string
  extractor_version: number
  source: string
  category: string
  inferred: number
  evidence: string[]
  extracted_at: string
  dedupe_key: string
}

export type CrawlStatus = 'pending' | 'done' | 'failed'

export interface CrawlTaskRow {
  task_id: string
  source: string
  ref: string
  label: string
  status: CrawlStatus
  pages: number
  items: number
  error: string
  failures: number
  ref_created_at: string
  updated_at: string
}
