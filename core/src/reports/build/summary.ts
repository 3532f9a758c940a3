// The written summary and the warnings, from templates over the document's own tables. Every
// number in a sentence is written by formatFigure from a figure id the sentence lists, so a reader
// (and summary.test.ts) can trace it to the table it came from. A change is described only when
// its test says it is significant; otherwise a sentence states a level, never a direction.
import type { ReportDocument, SkillRow, TracedSentence } from '../../contracts/report-document.ts'
import { figureId, formatFigure } from './figures.ts'

/** Most rise and fall sentences in one summary. */
const MAX_RISES = 3
const MAX_FALLS = 2
/** Fewer ads than this in the period: a warning that shares move by chance. */
export const SMALL_SAMPLE_ADS = 100

type Sentence = Omit<TracedSentence, 'text'> & { parts: (string | { figure: string })[] }

/** Writes the sentence: each figure part is replaced by its formatted value. */
function render(doc: ReportDocument, s: Sentence): TracedSentence {
  const text = s.parts
    .map((p) => {
      if (typeof p === 'string') return p
      const v = formatFigure(doc, p.figure)
      if (v === null) throw new Error(`summary: figure ${p.figure} is not in the document`)
      return v
    })
    .join('')
  const figures = [...new Set(s.parts.flatMap((p) => (typeof p === 'string' ? [] : [p.figure])))]
  return { key: s.key, kind: s.kind, text, figures }
}

const fig = (table: Parameters<typeof figureId>[0], key: string, field: string) => ({
  figure: figureId(table, key, field),
})

/** "ads", or "backend ads" when the report is about one role family. */
function scopeNoun(doc: ReportDocument): string {
  const roles = doc.spec.filters.role_family
  return roles.length === 1 ? `${roles[0]} ads` : 'ads'
}

/** Categories whose label is already a plural noun ("among languages"); others read "among cloud skills". */
const PLURAL_CATEGORIES = new Set(['language', 'runtime', 'framework', 'api', 'database', 'os', 'tools'])

/** "Languages" → "languages", "Cloud" → "cloud skills"; "APIs", "CI/CD" keep their capitals. */
export function categoryPhrase(category: string, label: string): string {
  const lower = /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label
  return PLURAL_CATEGORIES.has(category) ? lower : `${lower.replace(/s$/, '')} skills`
}

const plural = (n: number | null | undefined, one: string, many: string) => (n === 1 ? one : many)

export function writeSummary(doc: ReportDocument): TracedSentence[] {
  const out: Sentence[] = []
  const { period, comparison } = doc.spec
  const ads = doc.headline.find((h) => h.key === 'ads')!
  if (ads.value === 0) return []
  if (ads.significant && ads.change !== null && ads.change !== 0) {
    out.push({
      key: 'volume',
      kind: 'volume',
      figures: [],
      parts: [
        fig('headline', 'ads', 'value'),
        ` ads matched the filters in ${period.label}; the number per day was `,
        fig('headline', 'ads', 'change'),
        ` ${ads.change > 0 ? 'higher' : 'lower'} than in ${comparison.label} (`,
        fig('headline', 'ads', 'previous'),
        ' ads).',
      ],
    })
  } else {
    out.push({
      key: 'volume',
      kind: 'volume',
      figures: [],
      parts: [
        fig('headline', 'ads', 'value'),
        ` ads matched the filters in ${period.label} (`,
        fig('headline', 'ads', 'previous'),
        ` in ${comparison.label}).`,
      ],
    })
  }
  const leaders = doc.topSkills.filter((r) => r.rank === 1)
  const top = leaders.length === 1 ? leaders[0] : undefined
  if (top)
    out.push({
      key: `top:${top.key}`,
      kind: 'top',
      figures: [],
      parts: [
        `${top.name} was named in more ads than any other skill: `,
        fig('topSkills', top.key, 'ads'),
        ', or ',
        fig('topSkills', top.key, 'share'),
        ` of ${scopeNoun(doc)}.`,
      ],
    })
  out.push(...moves(doc, doc.risers, 'rise', MAX_RISES), ...moves(doc, doc.fallers, 'fall', MAX_FALLS))
  const remote = doc.workMode.find((r) => r.key === 'remote')
  if (remote && remote.ads > 0) {
    const parts: Sentence['parts'] = [
      'Remote roles were ',
      fig('workMode', 'remote', 'share'),
      ` of ${scopeNoun(doc)}`,
    ]
    const change = remote.changePoints
    if (remote.significant && change !== null && change !== 0)
      parts.push(
        `, ${change > 0 ? 'up' : 'down'} `,
        fig('workMode', 'remote', 'changePoints'),
        ' points from ',
        fig('workMode', 'remote', 'previousShare'),
        ` in ${comparison.label}`,
      )
    parts.push('.')
    out.push({ key: 'remote', kind: 'remote', figures: [], parts })
  }
  const priced = doc.salaries.filter(
    (r) => r.group !== 'all' && r.employment === 'permanent' && !r.withheld && r.median !== null,
  )
  if (priced.length >= 2) {
    const best = [...priced].sort((a, b) => b.median! - a.median! || a.group.localeCompare(b.group))[0]!
    out.push({
      key: `salary:${best.group}`,
      kind: 'salary',
      figures: [],
      parts: [
        `Among the skills priced, ${best.name} had the highest median salary: `,
        fig('salaries', best.key, 'median'),
        ' a year (permanent roles, n = ',
        fig('salaries', best.key, 'n'),
        ').',
      ],
    })
  }
  if (doc.newSkills.length) {
    const shown = doc.newSkills.slice(0, 3)
    const parts: Sentence['parts'] = [`New this period (no ads in ${comparison.label}): `]
    shown.forEach((s, i) => {
      if (i > 0) parts.push(i === shown.length - 1 ? ' and ' : ', ')
      parts.push(`${s.name} (`, fig('newSkills', s.key, 'ads'), ' ads)')
    })
    parts.push('.')
    out.push({ key: 'new', kind: 'new', figures: [], parts })
  }
  return out.map((s) => render(doc, s))
}

/** Rise or fall sentences: the largest significant move overall, then per category. */
function moves(doc: ReportDocument, rows: SkillRow[], kind: 'rise' | 'fall', max: number): Sentence[] {
  const out: Sentence[] = []
  const seen = new Set<string>()
  rows.forEach((r, i) => {
    if (seen.has(r.category)) return
    seen.add(r.category)
    if (!r.significant || out.length >= max) return
    const table = kind === 'rise' ? 'risers' : 'fallers'
    const among =
      i === 0
        ? `the largest ${kind} of any skill ranked`
        : `the largest ${kind} among ${categoryPhrase(r.category, r.categoryLabel)}`
    out.push({
      key: `${kind}:${r.key}`,
      kind,
      figures: [],
      parts: [
        `${r.name} ${kind === 'rise' ? 'rose' : 'fell'} `,
        fig(table, r.key, 'changePoints'),
        ' points to ',
        fig(table, r.key, 'share'),
        ` of ${scopeNoun(doc)}, ${among}.`,
      ],
    })
  })
  return out
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
/** '2017-03' → 'March 2017'. */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`
}

export function writeWarnings(doc: ReportDocument, now: Date): TracedSentence[] {
  const out: Sentence[] = []
  const ads = doc.headline.find((h) => h.key === 'ads')!
  const label = doc.spec.period.label
  if (ads.value === 0)
    out.push({ key: 'no-ads', kind: 'sample', figures: [], parts: [`No ads match the filters in ${label}.`] })
  else if ((ads.value ?? 0) < SMALL_SAMPLE_ADS)
    out.push({
      key: 'small-sample',
      kind: 'sample',
      figures: [],
      parts: [
        'Only ',
        fig('headline', 'ads', 'value'),
        ` ads match the filters in ${label}: shares can move by several points by chance, so read changes with their significance.`,
      ],
    })
  if (ads.previous === 0 && (ads.value ?? 0) > 0)
    out.push({
      key: 'no-comparison',
      kind: 'sample',
      figures: [],
      parts: [
        `No ads match the filters in ${doc.spec.comparison.label}: nothing is compared with it, so the report shows no change, riser or faller.`,
      ],
    })
  const sample = (key: string) => doc.samples.find((s) => s.key === key)?.value ?? 0
  if (sample('below_minimum_skills') > 0)
    out.push({
      key: 'below-minimum',
      kind: 'sample',
      figures: [],
      parts: [
        fig('samples', 'below_minimum_skills', 'value'),
        ` ${plural(sample('below_minimum_skills'), 'skill', 'skills')} had too few ads in the period to be ranked; counted but not listed (see Method).`,
      ],
    })
  if (sample('withheld_salary_cells') > 0)
    out.push({
      key: 'withheld-salaries',
      kind: 'sample',
      figures: [],
      parts: [
        fig('samples', 'withheld_salary_cells', 'value'),
        ` salary ${plural(sample('withheld_salary_cells'), 'figure is', 'figures are')} withheld: too few salaries behind ${plural(sample('withheld_salary_cells'), 'it', 'them')} (see Method).`,
      ],
    })
  const sourceName = (id: string) => doc.sources.find((s) => s.key === id)?.name ?? id
  const thisMonth = now.toISOString().slice(0, 7)
  for (const c of doc.coverage) {
    const where = `${sourceName(c.source)}, ${monthName(c.month)}`
    // A month still running is never complete by definition; only an ended month is a gap.
    if (c.expected !== null && !c.complete && c.month < thisMonth)
      out.push({
        key: `incomplete:${c.key}`,
        kind: 'coverage',
        figures: [],
        parts: [
          `${where}: capture incomplete, `,
          fig('coverage', c.key, 'stored'),
          ' of the ',
          fig('coverage', c.key, 'expected'),
          ' ads the source states were stored.',
        ],
      })
    if (c.suspect)
      out.push({
        key: `suspect:${c.key}`,
        kind: 'coverage',
        figures: [],
        parts: [
          `${where}: `,
          fig('coverage', c.key, 'ads'),
          ' ads, far fewer than in the months around it; part of the month may be missing.',
        ],
      })
  }
  return out.map((s) => render(doc, s))
}
