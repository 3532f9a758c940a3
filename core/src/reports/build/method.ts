// The report's "Method and sources": how every figure was counted and tested, the filters, the
// currency rates, and each source with the credit it asks for (core/src/attribution.ts).
import type { ReportDocument, ReportSpec, SourceRow } from '../../contracts/report-document.ts'
import type { Salaries } from '../../analytics/index.ts'
import { SOURCE_ATTRIBUTION } from '../../attribution.ts'
import { CATEGORY_LABELS } from '../../taxonomy/categories.ts'
import { ALPHA } from './significance.ts'

const SOURCE_NAMES: Record<string, string> = {
  hn: 'Hacker News',
  remoteok: 'Remote OK',
  jobicy: 'Jobicy',
  remotive: 'Remotive',
  weworkremotely: 'We Work Remotely',
  himalayas: 'Himalayas',
}
const DEFAULT_CREDIT: Record<string, string> = {
  hn: 'Ads from the monthly "Ask HN: Who is hiring?" threads on Hacker News (https://news.ycombinator.com)',
}

export function reportSources(sources: { id: string; ads: number }[]): SourceRow[] {
  return sources.map((s) => ({
    key: s.id,
    name: SOURCE_NAMES[s.id] ?? s.id,
    ads: s.ads,
    attribution:
      SOURCE_ATTRIBUTION[s.id] ?? DEFAULT_CREDIT[s.id] ?? `Ads from the public job board "${s.id}"`,
  }))
}

const FILTER_NAMES: Record<string, string> = {
  source: 'source',
  category: 'skill category',
  country: 'country',
  region: 'region',
  work_mode: 'work mode',
  seniority: 'seniority',
  industry: 'industry',
  role_family: 'role',
  employment_type: 'employment',
}

/** "country US, DE; work mode remote" or "all ads" (categories by their labels). */
export function describeFilters(spec: ReportSpec): string {
  const f = { ...spec.filters, category: [...new Set([...spec.categories, ...spec.filters.category])] }
  const parts = Object.entries(FILTER_NAMES)
    .map(([k, name]) => {
      const values = (f as unknown as Record<string, string[]>)[k] ?? []
      if (!values.length) return null
      const shown =
        k === 'category' ? values.map((v) => (CATEGORY_LABELS as Record<string, string>)[v] ?? v) : values
      return `${name} ${shown.join(', ')}`
    })
    .filter((p): p is string => p !== null)
  return parts.length ? parts.join('; ') : 'all ads'
}

export function reportMethod(spec: ReportSpec, rates: Salaries['rates']): ReportDocument['method'] {
  const pct = `${ALPHA * 100}%`
  return {
    alpha: ALPHA,
    minCount: spec.minCount,
    minSalaryN: spec.minSalaryN,
    rates: { currency: spec.currency, ...rates },
    paragraphs: [
      `Ads: distinct job ads posted from ${spec.period.from} to ${spec.period.to} (${spec.period.label}) that match the filters (${describeFilters(spec)}); the comparison window is ${spec.comparison.from} to ${spec.comparison.to} (${spec.comparison.label}). The same job posted on several boards counts once.`,
      `Share: the ads that name a skill divided by all ads under the same filters. Skills are ranked when at least ${spec.minCount} ads name them; skills with fewer are counted but not ranked. Change is the difference of the two shares in percentage points.`,
      `Significance: each change of share is tested with a two-sided two-proportion z-test. Because many skills are compared at once, the p-values of all ranked skills are adjusted by the Benjamini–Hochberg procedure and a change is called significant when the adjusted value (q) is below ${ALPHA} (a false discovery rate of ${pct}). Single figures (remote share, the number of ads per day) are significant when p is below ${ALPHA}. The written summary describes only significant changes.`,
      `Salaries: the midpoint of each advertised range, annualised, one value per job, converted to ${spec.currency} with static reference rates (${rates.source}; entered ${rates.date}), not live rates. Percentiles interpolate between values. Permanent and contract pay are shown apart; a figure resting on fewer than ${spec.minSalaryN} salaries is withheld.`,
      'Coverage: a source-month is complete when the month has ended, no page of it failed and the ads stored reach 95% of what the source itself states; a month with far fewer ads than the months around it is marked suspect. Warnings list the months of this period that are neither.',
      'Skills are found in the ad text by the StackRadar extractor (a skill taxonomy with aliases and context rules); every counted ad can be looked up with the words that matched through the ads API.',
    ],
  }
}
