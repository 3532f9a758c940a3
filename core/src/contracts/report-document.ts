// A report's input (ReportSpec: what one run is about) and its output (ReportDocument: every number
// the report shows, the written summary and the method), as zod schemas. Browser-safe (zod only).
// The document is plain JSON: a run stores it, and an old run is re-rendered from it, so it shows
// the same numbers as when it was sent. Every table row has a `key`; a figure id
// `<table>/<key>/<field>` names one number (see core/src/reports/build/figures.ts), and each summary
// sentence lists the figure ids it was written from.
import { z } from 'zod'
import { AppliedFilters } from './api/analytics-filters.ts'

export const REPORT_DOCUMENT_VERSION = 1

const DAY = /^\d{4}-\d{2}-\d{2}$/
export const ReportWindow = z
  .object({
    from: z.string().regex(DAY, 'a day YYYY-MM-DD'),
    to: z.string().regex(DAY, 'a day YYYY-MM-DD'),
    /** How the report names the window ("2017-W10", "March 2017"). */
    label: z.string().min(1).max(80),
  })
  .refine((w) => w.from <= w.to, { message: 'from must not be after to', path: ['from'] })
export type ReportWindow = z.infer<typeof ReportWindow>

export const ReportSpec = z.object({
  title: z.string().min(1).max(200),
  /** Shown on the cover ("Prepared for …"): an agency's or its client's name. */
  audience: z.string().max(200).default(''),
  /** Skills the report features (always listed, drawn in the trend); empty → the top ranked. */
  skills: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/))
    .max(20)
    .default([]),
  /** Skill categories the rankings are restricted to; empty → every category. */
  categories: z.array(z.string()).max(30).default([]),
  /** The analytics filter set; its from/to are replaced by the period and the comparison. */
  filters: AppliedFilters,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .default('USD'),
  period: ReportWindow,
  comparison: ReportWindow,
  /** Ads a skill needs in the period to be ranked (fewer: counted, never ranked). */
  minCount: z.number().int().min(1).max(100_000).default(10),
  /** Smallest salary sample shown; smaller cells are withheld. */
  minSalaryN: z.number().int().min(1).max(10_000).default(10),
})
export type ReportSpec = z.output<typeof ReportSpec>
export type ReportSpecInput = z.input<typeof ReportSpec>

const num = z.number()
const numOrNull = z.number().nullable()

export const HeadlineRow = z.object({
  key: z.enum(['ads', 'remote', 'median_salary', 'skills_ranked']),
  label: z.string(),
  unit: z.enum(['count', 'share', 'money']),
  value: numOrNull,
  previous: numOrNull,
  /** count: relative change (0.1 = +10%); share: points; money / none: null. */
  change: numOrNull,
  p: numOrNull,
  significant: z.boolean().nullable(),
  /** Sample behind the value (ads, or salaries for money). */
  n: z.number().int(),
})
export type HeadlineRow = z.infer<typeof HeadlineRow>

export const SkillRow = z.object({
  key: z.string().meta({ description: 'skill id' }),
  name: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  ads: z.number().int(),
  share: num,
  rank: z.number().int().nullable(),
  previousAds: z.number().int(),
  /** Null when the comparison window holds no ads. */
  previousShare: numOrNull,
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  /** Null when either window holds no ads (nothing to compare). */
  changePoints: numOrNull,
  p: numOrNull,
  /** Benjamini–Hochberg adjusted p over all ranked skills (false discovery rate). */
  q: numOrNull,
  significant: z.boolean(),
  featured: z.boolean(),
})
export type SkillRow = z.infer<typeof SkillRow>

export const NewSkillRow = z.object({
  key: z.string(),
  name: z.string(),
  categoryLabel: z.string(),
  ads: z.number().int(),
  share: num,
})
export type NewSkillRow = z.infer<typeof NewSkillRow>

export const SalaryRow = z.object({
  key: z.string().meta({ description: '<group>:<employment>' }),
  group: z.string().meta({ description: "skill id, or 'all'" }),
  name: z.string(),
  employment: z.enum(['permanent', 'contract']),
  n: z.number().int(),
  withheld: z.boolean(),
  p25: numOrNull,
  median: numOrNull,
  p75: numOrNull,
})
export type SalaryRow = z.infer<typeof SalaryRow>

export const WorkModeRow = z.object({
  key: z.string().meta({ description: 'work mode: remote, hybrid, onsite, unknown' }),
  label: z.string(),
  ads: z.number().int(),
  share: num,
  previousAds: z.number().int(),
  /** Null when the comparison window holds no ads. */
  previousShare: numOrNull,
  /** Null when either window holds no ads. */
  changePoints: numOrNull,
  p: numOrNull,
  significant: z.boolean(),
})
export type WorkModeRow = z.infer<typeof WorkModeRow>

export const TrendSeries = z.object({
  key: z.string().meta({ description: 'skill id or category id' }),
  kind: z.enum(['skill', 'category']),
  name: z.string(),
  shares: z.array(num),
  ads: z.array(z.number().int()),
})
export const ReportTrend = z.object({
  interval: z.enum(['week', 'month']),
  periods: z.array(z.string()),
  totals: z.array(z.number().int()),
  /** Per period: capture complete (coverage), null where unknown. */
  complete: z.array(z.boolean().nullable()),
  series: z.array(TrendSeries),
})
export type ReportTrend = z.infer<typeof ReportTrend>

export const CoverageNote = z.object({
  key: z.string().meta({ description: '<source>:<month>' }),
  source: z.string(),
  month: z.string(),
  ads: z.number().int(),
  expected: z.number().int().nullable(),
  stored: z.number().int(),
  complete: z.boolean(),
  suspect: z.boolean(),
})
export type CoverageNote = z.infer<typeof CoverageNote>

export const SampleRow = z.object({
  key: z.enum([
    'ads',
    'comparison_ads',
    'salary_ads',
    'ranked_skills',
    'below_minimum_skills',
    'withheld_salary_cells',
  ]),
  label: z.string(),
  value: z.number().int(),
})
export type SampleRow = z.infer<typeof SampleRow>

/** A sentence of the summary or a warning, with the figure ids its numbers come from. */
export const TracedSentence = z.object({
  key: z.string(),
  kind: z.enum(['volume', 'top', 'rise', 'fall', 'remote', 'salary', 'new', 'sample', 'coverage']),
  text: z.string(),
  figures: z.array(z.string()),
})
export type TracedSentence = z.infer<typeof TracedSentence>

export const SourceRow = z.object({
  key: z.string().meta({ description: 'source id' }),
  name: z.string(),
  ads: z.number().int(),
  attribution: z.string(),
})
export type SourceRow = z.infer<typeof SourceRow>

export const ReportMethod = z.object({
  alpha: num,
  minCount: z.number().int(),
  minSalaryN: z.number().int(),
  rates: z.object({ currency: z.string(), date: z.string(), source: z.string(), perUsd: num }),
  paragraphs: z.array(z.string()),
})

export const ReportDocument = z
  .object({
    version: z.literal(REPORT_DOCUMENT_VERSION),
    generatedAt: z.string(),
    spec: ReportSpec,
    headline: z.array(HeadlineRow),
    summary: z.array(TracedSentence),
    topSkills: z.array(SkillRow),
    risers: z.array(SkillRow),
    fallers: z.array(SkillRow),
    newSkills: z.array(NewSkillRow),
    salaries: z.array(SalaryRow),
    workMode: z.array(WorkModeRow),
    trend: ReportTrend,
    samples: z.array(SampleRow),
    coverage: z.array(CoverageNote),
    warnings: z.array(TracedSentence),
    sources: z.array(SourceRow),
    method: ReportMethod,
  })
  .meta({ id: 'ReportDocument' })
export type ReportDocument = z.infer<typeof ReportDocument>

/** The tables whose rows figure ids point into. */
export const FIGURE_TABLES = [
  'headline',
  'topSkills',
  'risers',
  'fallers',
  'newSkills',
  'salaries',
  'workMode',
  'samples',
  'sources',
  'coverage',
] as const
export type FigureTable = (typeof FIGURE_TABLES)[number]
