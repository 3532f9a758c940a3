// Test support for the report tests: analytics answers made from plain counts (the rankings go
// through the analytics layer's own pure rankRows, so ranks, shares and p-values are real), a
// spec, a document assembled from them, and the traceability check every summary must pass.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ReportDocument, ReportSpecInput } from '../contracts/report-document.ts'
import { NO_FILTERS, rankRows } from '../analytics/index.ts'
import { FX_TABLE } from '../extract/fx-rates.ts'
import { assembleReportDocument, parseReportSpec } from './build/document.ts'
import type { Gathered } from './build/gather.ts'
import { formatFigure, resolveFigure } from './build/figures.ts'

export function sampleSpec(p: Partial<ReportSpecInput> = {}): ReportSpecInput {
  return {
    title: 'Backend market weekly',
    audience: 'Acme Recruiting',
    skills: [],
    categories: [],
    filters: NO_FILTERS,
    currency: 'USD',
    period: { from: '2017-03-06', to: '2017-03-12', label: '2017-W10' },
    comparison: { from: '2017-02-27', to: '2017-03-05', label: '2017-W09' },
    ...p,
  }
}

export interface CountsInput {
  total: number
  previousTotal: number
  /** skill id → [ads now, ads before] */
  skills: Record<string, [number, number]>
  remote?: [number, number]
  salaries?: { group: string; n: number; median: number }[]
}

/** Analytics answers for the counts, as gatherReportData would return them. */
export function gatheredFromCounts(input: CountsInput, spec: ReturnType<typeof parseReportSpec>): Gathered {
  const rows = Object.entries(input.skills).map(([skill, [ads, prev]]) => ({ skill, ads, prev }))
  const ranked = rankRows(rows, input.total, input.previousTotal, {
    minCount: spec.minCount,
    sort: 'rank',
    order: 'asc',
  })
  const [remoteNow, remoteBefore] = input.remote ?? [0, 0]
  const breakdown = (ads: number, total: number) =>
    ads > 0 ? [{ period: 'all', value: 'remote', ads, total, share: total ? ads / total : 0 }] : []
  const cells = (input.salaries ?? []).map((s) => ({
    period: 'all',
    group: s.group,
    employment: 'permanent' as const,
    n: s.n,
    withheld: s.n < spec.minSalaryN,
    p10: null,
    p25: s.n < spec.minSalaryN ? null : Math.round(s.median * 0.85),
    median: s.n < spec.minSalaryN ? null : s.median,
    p75: s.n < spec.minSalaryN ? null : Math.round(s.median * 1.15),
    p90: null,
  }))
  const salaries = (c: typeof cells) => ({
    currency: spec.currency,
    rates: { date: FX_TABLE.date, source: FX_TABLE.source, perUsd: 1 },
    minN: spec.minSalaryN,
    cells: c,
    premium: [],
  })
  return {
    periodFilters: { ...spec.filters, from: spec.period.from, to: spec.period.to },
    comparisonFilters: { ...spec.filters, from: spec.comparison.from, to: spec.comparison.to },
    rankings: {
      window: { from: spec.period.from, to: spec.period.to, total: input.total },
      compareWindow: { from: spec.comparison.from, to: spec.comparison.to, total: input.previousTotal },
      minCount: spec.minCount,
      ...ranked,
    },
    featuredRankings: null,
    salaries: salaries(cells.filter((c) => c.group !== 'all')),
    salariesOverall: salaries(cells.filter((c) => c.group === 'all')),
    salarySkills: cells.filter((c) => c.group !== 'all').map((c) => c.group),
    workMode: breakdown(remoteNow, input.total),
    previousWorkMode: breakdown(remoteBefore, input.previousTotal),
    trend: { interval: 'week', periods: ['2017-03-06'], skills: [], categories: [], points: [] },
    coverage: [],
    sources: [{ id: 'hn', ads: input.total }],
  }
}

export function documentFromCounts(input: CountsInput, spec: Partial<ReportSpecInput> = {}): ReportDocument {
  const s = parseReportSpec(sampleSpec(spec))
  return assembleReportDocument(s, gatheredFromCounts(input, s), new Date('2017-03-13T06:00:00Z'))
}

/** A busy week: clear risers and fallers in several categories, salaries, a remote change. */
export function sampleDocument(spec: Partial<ReportSpecInput> = {}): ReportDocument {
  return documentFromCounts(
    {
      total: 2400,
      previousTotal: 2200,
      skills: {
        python: [624, 480],
        go: [380, 250],
        java: [420, 470],
        ruby: [190, 260],
        postgresql: [610, 500],
        mysql: [330, 390],
        mongodb: [200, 205],
        aws: [700, 560],
        docker: [520, 400],
        kubernetes: [300, 160],
        rust: [12, 0],
        elixir: [4, 0],
      },
      remote: [900, 700],
      salaries: [
        { group: 'all', n: 820, median: 128_000 },
        { group: 'python', n: 210, median: 131_000 },
        { group: 'go', n: 120, median: 150_000 },
        { group: 'java', n: 140, median: 125_000 },
        { group: 'ruby', n: 6, median: 140_000 },
      ],
    },
    spec,
  )
}

/** Words in the text that are not figures: the window labels, month names with their year. */
function stripLabels(doc: ReportDocument, text: string): string {
  let out = text
  for (const label of [doc.spec.period.label, doc.spec.comparison.label]) out = out.split(label).join(' ')
  return out.replace(
    /\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g,
    ' ',
  )
}

/**
 * Problems with the sentences' traceability (empty = every sentence is traceable): each cited
 * figure resolves to a number in the document, and every number written in the text is the
 * formatted value of a figure the sentence cites.
 */
export function traceabilityProblems(doc: ReportDocument): string[] {
  const problems: string[] = []
  for (const s of [...doc.summary, ...doc.warnings]) {
    const written = s.figures.map((id) => {
      if (!resolveFigure(doc, id)) problems.push(`${s.key}: figure ${id} does not resolve`)
      return formatFigure(doc, id) ?? ''
    })
    let rest = stripLabels(doc, s.text)
    // Longest first, so "$150,000" is taken before a "150" inside it could be.
    for (const w of [...written].sort((a, b) => b.length - a.length)) if (w) rest = rest.split(w).join(' ')
    // Skill names with digits (Python 3, ES6, C++11) are names, not figures.
    for (const name of doc.topSkills.map((r) => r.name)) rest = rest.split(name).join(' ')
    const stray = rest.match(/\d[\d,.]*/g)
    if (stray)
      problems.push(`${s.key}: numbers not traced to a cited figure: ${stray.join(' ')} in "${s.text}"`)
  }
  return problems
}

/** Text and page count of a PDF, read by poppler's pdftotext / pdfinfo (apt-get install poppler-utils). */
export function readPdf(pdf: Uint8Array): { pages: number; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stackradar-pdf-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, pdf)
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`${cmd} not found: install poppler-utils (apt-get install -y poppler-utils)`)
      throw err
    }
  }
  try {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1] ?? 0)
    return { pages, text: run('pdftotext', ['-layout', file, '-']) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
