// The extractor's contract: what goes in (one ad, plain text) and what comes out.
// Used by the extract workers, the `stackradar extract` CLI and `npm run eval`.

export interface AdInput {
  id: string
  title?: string | null
  company?: string | null
  location?: string | null
  /** Plain text of the ad (HTML already converted: tags stripped, entities decoded, <p> → newline). */
  text: string
  /** A separate salary field of the source (Glassdoor "Salary Estimate", Remotive `salary`), if any. */
  salary_text?: string | null
  /** Structured salary from the source API, if any (Lever salaryRange, Ashby compensation). */
  salary_structured?: { min: number; max: number; currency: string; period: SalaryPeriod } | null
  source?: string
  posted_at?: string | null
}

export type SalaryPeriod = 'year' | 'month' | 'week' | 'day' | 'hour'

export interface SkillMatch {
  id: string
  category: string
  /** The text span(s) that matched, as written in the ad (a few at most). */
  evidence: string[]
  /** True when the skill is implied by a parent rule (aws-lambda → aws), not named. */
  inferred: boolean
}

export interface SalaryExtraction {
  raw: string
  min: number
  max: number
  currency: string
  period: SalaryPeriod
  annual_min: number
  annual_max: number
  annual_min_usd: number
  annual_max_usd: number
  source: 'structured' | 'text'
  confidence: number
  /** Contract day rates are kept apart from salaries. */
  kind: 'salary' | 'day_rate'
}

export type Seniority = 'intern' | 'junior' | 'mid' | 'senior' | 'lead' | 'principal' | 'unknown'
export type WorkMode = 'remote' | 'hybrid' | 'onsite' | 'unknown'
export type EmploymentType = 'permanent' | 'contract' | 'internship' | 'unknown'
export type RoleFamily = 'backend' | 'fullstack' | 'devops' | 'data' | 'frontend' | 'mobile' | 'other'

export interface Extraction {
  id: string
  skills: SkillMatch[]
  salary: SalaryExtraction | null
  seniority: Seniority
  work_mode: WorkMode
  /** Region limit such as "US only", when stated. */
  remote_region: string | null
  /** ISO 3166-1 alpha-2, or null when unknown / several. */
  country: string | null
  employment_type: EmploymentType
  industries: string[]
  visa_sponsorship: boolean | null
  role_family: RoleFamily
  /** For HN ads: from the first line. */
  company: string | null
  title: string | null
  /** Set when the extractor failed on this ad (a bug): the result is empty, the caller logs it. */
  error?: string
}
