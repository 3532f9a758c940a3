// buildReportDocument: a ReportSpec in, a ReportDocument out (every number, the summary, warnings
// and method). The analytics answers come from gather.ts; this module only arranges them into the
// report's tables, tests the changes (significance.ts) and writes the text (summary.ts, method.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import {
  REPORT_DOCUMENT_VERSION,
  ReportDocument,
  ReportSpec,
  type HeadlineRow,
  type ReportSpecInput,
  type SalaryRow,
  type SampleRow,
  type SkillRow,
  type WorkModeRow,
} from '../../contracts/report-document.ts'
import type { RankedSkill, Rankings } from '../../analytics/index.ts'
import { pointsChange, round, twoProportionZTest, windowShare } from '../../analytics/stats.ts'
import { CATEGORIES, CATEGORY_LABELS } from '../../taxonomy/categories.ts'
import { getSkill } from '../../taxonomy/index.ts'
import { FX_TABLE } from '../../extract/fx-rates.ts'
import { UserError } from '../../user-error.ts'
import { gatherReportData, type Gathered } from './gather.ts'
import { reportMethod, reportSources } from './method.ts'
import { ALPHA, benjaminiHochberg, daysIn, rateChangeTest } from './significance.ts'
import { writeSummary, writeWarnings } from './summary.ts'

export const TOP_SKILLS = 15
export const RISERS = 8
/** A skill is "new" with at least this many ads in the period and none in the comparison window. */
export const NEW_SKILL_MIN_ADS = 2
const NEW_SKILLS = 12

/** A spec that cannot make a report (unknown skill, category or currency); says what to fix. */
export class ReportSpecError extends UserError {
  override name = 'ReportSpecError'
}

export function parseReportSpec(input: ReportSpecInput): ReportSpec {
  const parsed = ReportSpec.safeParse(input)
  if (!parsed.success)
    throw new ReportSpecError(
      `report spec: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`).join('; ')}`,
    )
  const spec = parsed.data
  const unknownSkill = spec.skills.find((s) => !getSkill(s))
  if (unknownSkill) throw new ReportSpecError(`report spec: skills: unknown skill id '${unknownSkill}'`)
  const unknownCategory = [...spec.categories, ...spec.filters.category].find(
    (c) => !(CATEGORIES as readonly string[]).includes(c),
  )
  if (unknownCategory)
    throw new ReportSpecError(`report spec: categories: unknown category '${unknownCategory}'`)
  if (!FX_TABLE.perUsd[spec.currency])
    throw new ReportSpecError(
      `report spec: currency: no rate for ${spec.currency}; allowed: ${Object.keys(FX_TABLE.perUsd).join(', ')}`,
    )
  return spec
}

export async function buildReportDocument(
  ch: ClickHouseClient,
  input: ReportSpecInput,
  opts: { now?: Date } = {},
): Promise<ReportDocument> {
  const spec = parseReportSpec(input)
  const data = await gatherReportData(ch, spec)
  return assembleReportDocument(spec, data, opts.now ?? new Date())
}

/** Pure: the document from the analytics answers (exported for tests that vary the numbers). */
export function assembleReportDocument(spec: ReportSpec, data: Gathered, now: Date): ReportDocument {
  const featured = new Set(spec.skills)
  const main = skillRows(data.rankings, featured)
  const ranked = main.filter((r) => r.rank !== null)
  const extra = data.featuredRankings ? skillRows(data.featuredRankings, featured) : []
  const topSkills = ranked.slice(0, TOP_SKILLS)
  for (const id of spec.skills) {
    if (topSkills.some((r) => r.key === id)) continue
    topSkills.push(
      main.find((r) => r.key === id) ??
        extra.find((r) => r.key === id) ??
        zeroRow(id, data.rankings.window.total, data.rankings.compareWindow.total),
    )
  }
  // Rows with a change (none when either window holds no ads).
  const moved = ranked.filter((r): r is SkillRow & { changePoints: number } => r.changePoints !== null)
  const risers = moved
    .filter((r) => r.changePoints > 0)
    .sort((a, b) => b.changePoints - a.changePoints || a.key.localeCompare(b.key))
    .slice(0, RISERS)
  const fallers = moved
    .filter((r) => r.changePoints < 0)
    .sort((a, b) => a.changePoints - b.changePoints || a.key.localeCompare(b.key))
    .slice(0, RISERS)
  const newSkills =
    data.rankings.compareWindow.total > 0
      ? main
          .filter((r) => r.previousAds === 0 && r.ads >= NEW_SKILL_MIN_ADS)
          .sort((a, b) => b.ads - a.ads || a.key.localeCompare(b.key))
          .slice(0, NEW_SKILLS)
          .map((r) => ({
            key: r.key,
            name: r.name,
            categoryLabel: r.categoryLabel,
            ads: r.ads,
            share: r.share,
          }))
      : []
  const salaries = salaryRows(data)
  const workMode = workModeRows(data)
  const total = data.rankings.window.total
  const previousTotal = data.rankings.compareWindow.total
  const samples: SampleRow[] = [
    { key: 'ads', label: 'Ads in the period', value: total },
    { key: 'comparison_ads', label: 'Ads in the comparison window', value: previousTotal },
    { key: 'salary_ads', label: 'Ads with a salary', value: salaries.find((r) => r.group === 'all')?.n ?? 0 },
    { key: 'ranked_skills', label: 'Skills ranked', value: ranked.length },
    {
      key: 'below_minimum_skills',
      label: 'Skills counted, too few ads to rank',
      value: main.length - ranked.length,
    },
    {
      key: 'withheld_salary_cells',
      label: 'Salary figures withheld (small n)',
      value: salaries.filter((r) => r.withheld).length,
    },
  ]
  const headline = headlineRows(spec, data, salaries, workMode, ranked.length)
  const coverage = data.coverage.map((c) => ({
    key: `${c.source}:${c.period.slice(0, 7)}`,
    source: c.source,
    month: c.period.slice(0, 7),
    ads: c.ads,
    expected: c.expected,
    stored: c.stored,
    complete: c.complete,
    suspect: c.suspect,
  }))
  const doc: ReportDocument = {
    version: REPORT_DOCUMENT_VERSION,
    generatedAt: now.toISOString(),
    spec,
    headline,
    summary: [],
    topSkills,
    risers,
    fallers,
    newSkills,
    salaries,
    workMode,
    trend: trendTable(data),
    samples,
    coverage,
    warnings: [],
    sources: reportSources(data.sources),
    method: reportMethod(spec, data.salaries.rates),
  }
  doc.summary = writeSummary(doc)
  doc.warnings = writeWarnings(doc, now)
  return ReportDocument.parse(doc)
}

function skillRows(r: Rankings, featured: Set<string>): SkillRow[] {
  const all: RankedSkill[] = [...r.ranked, ...r.belowMinimum]
  const q = benjaminiHochberg(r.ranked.map((x) => x.p))
  const qOf = new Map(r.ranked.map((x, i) => [x.skill, q[i] ?? null]))
  return all.map((x) => {
    const adjusted = qOf.get(x.skill) ?? null
    return {
      key: x.skill,
      name: x.name,
      category: x.category,
      categoryLabel: x.categoryLabel,
      ads: x.ads,
      share: x.share,
      rank: x.rank,
      previousAds: x.previousAds,
      previousShare: x.previousShare,
      previousRank: x.previousRank,
      rankChange: x.rankChange,
      changePoints: x.changePoints,
      p: x.p,
      q: adjusted === null ? null : Number(adjusted.toPrecision(4)),
      significant: x.rank !== null && adjusted !== null && adjusted < ALPHA,
      featured: featured.has(x.skill),
    }
  })
}

/**
 * What a row without ads in either window compares: 0% of the previous window (no share when that
 * window is empty) and the change from it. A featured skill's zero row and the remote headline
 * without remote jobs.
 */
function withoutAds(
  total: number,
  previousTotal: number,
): { previousShare: number | null; changePoints: number | null } {
  const previousShare = windowShare(0, previousTotal)
  return { previousShare, changePoints: pointsChange(0, total, previousShare) }
}

/** A featured skill without ads in either window: 0% of each window, unknown where it is empty. */
function zeroRow(id: string, total: number, previousTotal: number): SkillRow {
  const s = getSkill(id)
  const { previousShare, changePoints } = withoutAds(total, previousTotal)
  return {
    key: id,
    name: s?.name ?? id,
    category: s?.category ?? '',
    categoryLabel: s ? CATEGORY_LABELS[s.category] : '',
    ads: 0,
    share: 0,
    rank: null,
    previousAds: 0,
    previousShare,
    previousRank: null,
    rankChange: null,
    changePoints,
    p: null,
    q: null,
    significant: false,
    featured: true,
  }
}

function salaryRows(data: Gathered): SalaryRow[] {
  const cells = [...data.salariesOverall.cells, ...data.salaries.cells]
  const order = ['all', ...data.salarySkills]
  return cells
    .map((c) => ({
      key: `${c.group}:${c.employment}`,
      group: c.group,
      name: c.group === 'all' ? 'All ads with a salary' : (getSkill(c.group)?.name ?? c.group),
      employment: c.employment,
      n: c.n,
      withheld: c.withheld,
      p25: c.p25,
      median: c.median,
      p75: c.p75,
    }))
    .sort(
      (a, b) =>
        // Permanent first: most ads with a salary are permanent roles.
        order.indexOf(a.group) - order.indexOf(b.group) || b.employment.localeCompare(a.employment),
    )
}

const WORK_MODE_LABELS: Record<string, string> = {
  remote: 'Remote',
  hybrid: 'Hybrid',
  onsite: 'On site',
  unknown: 'Not stated',
}

function workModeRows(data: Gathered): WorkModeRow[] {
  const cur = new Map(data.workMode.map((r) => [r.value, r]))
  const prev = new Map(data.previousWorkMode.map((r) => [r.value, r]))
  const total = data.workMode[0]?.total ?? 0
  const previousTotal = data.previousWorkMode[0]?.total ?? 0
  return Object.keys(WORK_MODE_LABELS)
    .filter((mode) => cur.has(mode) || prev.has(mode))
    .map((mode) => {
      const ads = cur.get(mode)?.ads ?? 0
      const previousAds = prev.get(mode)?.ads ?? 0
      const share = cur.get(mode)?.share ?? 0
      // As the rankings: a window without ads has no share, and nothing is compared with it.
      const previousShare = previousTotal ? (prev.get(mode)?.share ?? 0) : null
      const test = twoProportionZTest(ads, total, previousAds, previousTotal)
      const p = test ? Number(test.p.toPrecision(4)) : null
      return {
        key: mode,
        label: WORK_MODE_LABELS[mode]!,
        ads,
        share,
        previousAds,
        previousShare,
        changePoints: pointsChange(share, total, previousShare),
        p,
        significant: p !== null && p < ALPHA,
      }
    })
}

function headlineRows(
  spec: ReportSpec,
  data: Gathered,
  salaries: SalaryRow[],
  workMode: WorkModeRow[],
  rankedCount: number,
): HeadlineRow[] {
  const total = data.rankings.window.total
  const previousTotal = data.rankings.compareWindow.total
  const days = daysIn(spec.period.from, spec.period.to)
  const previousDays = daysIn(spec.comparison.from, spec.comparison.to)
  // No test against a comparison window without ads: an empty window says nothing was captured
  // then, not that the market changed (as the rankings, no change is computed against it).
  const volume = previousTotal > 0 ? rateChangeTest(total, days, previousTotal, previousDays) : null
  const volumeP = volume ? Number(volume.p.toPrecision(4)) : null
  const remote = workMode.find((r) => r.key === 'remote')
  const noRemote = withoutAds(total, previousTotal)
  const pay = salaries.find((r) => r.key === 'all:permanent')
  return [
    {
      key: 'ads',
      label: 'Ads in the period',
      unit: 'count',
      value: total,
      previous: previousTotal,
      // Ads per day, so windows of different lengths compare (equal lengths: plain counts).
      change: previousTotal > 0 ? round(total / days / (previousTotal / previousDays) - 1, 4) : null,
      p: volumeP,
      significant: volumeP === null ? null : volumeP < ALPHA,
      n: total,
    },
    {
      key: 'remote',
      label: 'Remote share',
      unit: 'share',
      value: remote?.share ?? 0,
      previous: remote ? remote.previousShare : noRemote.previousShare,
      change: remote ? remote.changePoints : noRemote.changePoints,
      p: remote?.p ?? null,
      significant: remote ? remote.significant : null,
      n: total,
    },
    {
      key: 'median_salary',
      label: `Median salary (permanent, ${spec.currency})`,
      unit: 'money',
      value: pay && !pay.withheld ? pay.median : null,
      previous: null,
      change: null,
      p: null,
      significant: null,
      n: pay?.n ?? 0,
    },
    {
      key: 'skills_ranked',
      label: 'Skills ranked',
      unit: 'count',
      value: rankedCount,
      previous: null,
      change: null,
      p: null,
      significant: null,
      n: total,
    },
  ]
}

function trendTable(data: Gathered): ReportDocument['trend'] {
  const { periods, points, interval } = data.trend
  const at = new Map(points.map((p) => [`${p.period}|${p.kind}|${p.skill}`, p]))
  const totals = periods.map((period) => points.find((p) => p.period === period)?.total ?? 0)
  const complete = periods.map((period) => points.find((p) => p.period === period)?.complete ?? null)
  // Series in the order asked (featured skills, or the top ranked), categories after them.
  const keys = [
    ...data.trend.skills.map((id) => ({ kind: 'skill' as const, series: id })),
    ...data.trend.categories.map((id) => ({ kind: 'category' as const, series: id })),
  ]
  return {
    interval,
    periods,
    totals,
    complete,
    series: keys.map((k) => ({
      key: k.series,
      kind: k.kind,
      name: k.kind === 'skill' ? (getSkill(k.series)?.name ?? k.series) : categoryName(k.series),
      shares: periods.map((period) => at.get(`${period}|${k.kind}|${k.series}`)?.share ?? 0),
      ads: periods.map((period) => at.get(`${period}|${k.kind}|${k.series}`)?.ads ?? 0),
    })),
  }
}

function categoryName(id: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[id] ?? id
}
